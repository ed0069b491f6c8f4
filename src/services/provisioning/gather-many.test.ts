// BatchReader: a batch of users read with a few bulk calls gives each user exactly what reading them one by one
// gives; what the batch cannot answer is read alone; a refused bulk read falls back, a rate-limited one is retried.
import type { AdminClient } from '../../clients/admin-client';
import type { DirectoryUser, ManagedProfile } from '../../clients/admin-types';
import { AtlassianApiError } from '../../clients/api-error';
import type { ConfluenceClient } from '../../clients/confluence-client';
import type { JiraClient } from '../../clients/jira-client';
import type { JiraUser } from '../../clients/jira-types';
import { attributePlan } from '../../domain/attribute-plan';
import type { Rule } from '../../domain/rules';
import { DEFAULT_SETTINGS, type AppSettings } from '../../shared/settings';
import type { ApiClients } from '../api-clients';
import { gatherAttributes } from './gather-attributes';
import { BatchReader } from './gather-many';

interface Person {
  id: string;
  name: string;
  email: string;
  active: boolean;
  groups: Array<{ name: string; groupId: string }>;
  locale: string;
  /** In the org's directory, and managed by the org. */
  directory?: { managed: boolean; department: string; jobTitle: string };
}

const PEOPLE: Person[] = [
  {
    id: 'a-1',
    name: 'Ada',
    email: 'ada@acme.example',
    active: true,
    groups: [{ name: 'Sales-Team', groupId: 'g-sales' }],
    locale: 'fr_FR',
    directory: { managed: true, department: 'Sales', jobTitle: 'Account Executive' },
  },
  {
    id: 'b-2',
    name: 'Bo',
    email: 'bo@contractor.example',
    active: true,
    groups: [],
    locale: 'en_US',
    directory: { managed: false, department: 'Sales', jobTitle: 'Contractor' },
  },
  {
    id: 'c-3',
    name: 'Cy',
    email: 'cy@acme.example',
    active: false,
    groups: [{ name: 'jira-users', groupId: 'g-jira' }],
    locale: 'de_DE',
  },
];

const notFound = (op: string) => new AtlassianApiError('jira', 'not-found', 404, op, undefined);

/** Fake clients over PEOPLE, counting calls by name. */
function clients(options: { search?: 'ok' | 'forbidden' | 'rate-limited' } = {}) {
  const calls: string[] = [];
  const person = (id: string) => PEOPLE.find((p) => p.id === id);
  const jiraUser = (p: Person, detail: boolean): JiraUser => ({
    accountId: p.id,
    accountType: 'atlassian',
    active: p.active,
    displayName: p.name,
    timeZone: 'Europe/Paris',
    ...(detail ? { locale: p.locale, groups: { size: p.groups.length, items: p.groups } } : {}),
  });
  const jira = {
    getUser: (id: string) => {
      calls.push('getUser');
      const p = person(id);
      return p ? Promise.resolve(jiraUser(p, true)) : Promise.reject(notFound('GET /rest/api/3/user'));
    },
    getUserEmail: (id: string) => {
      calls.push('getUserEmail');
      const p = person(id);
      return p ? Promise.resolve({ accountId: id, email: p.email }) : Promise.reject(notFound('email'));
    },
    usersByIds: (ids: readonly string[]) => {
      calls.push('usersByIds');
      return Promise.resolve(ids.flatMap((id) => (person(id) ? [jiraUser(person(id)!, false)] : [])));
    },
    emailsByIds: (ids: readonly string[]) => {
      calls.push('emailsByIds');
      return Promise.resolve(
        ids.flatMap((id) => (person(id) ? [{ accountId: id, email: person(id)!.email }] : [])),
      );
    },
  };
  const admin = {
    searchUsers: (ids: readonly string[], { groups }: { groups: boolean }) => {
      calls.push('searchUsers');
      if (options.search === 'forbidden')
        return Promise.reject(new AtlassianApiError('admin', 'forbidden', 403, 'search', undefined));
      if (options.search === 'rate-limited')
        return Promise.reject(new AtlassianApiError('admin', 'rate-limited', 429, 'search', undefined, 30));
      return Promise.resolve(
        ids.flatMap((id): DirectoryUser[] => {
          const p = person(id);
          if (!p?.directory) return [];
          return [
            {
              accountId: id,
              claimStatus: p.directory.managed ? 'managed' : 'unmanaged',
              department: p.directory.department,
              jobTitle: p.directory.jobTitle,
              organization: null,
              location: null,
              timeZone: 'Europe/Paris',
              ...(groups ? { groups: p.groups.map((g) => ({ id: g.groupId, name: g.name })) } : {}),
            },
          ];
        }),
      );
    },
    managedProfile: (id: string): Promise<ManagedProfile> => {
      calls.push('managedProfile');
      const p = person(id);
      if (!p) return Promise.reject(new AtlassianApiError('admin', 'not-found', 404, 'profile', undefined));
      if (!p.directory?.managed)
        return Promise.reject(new AtlassianApiError('admin', 'forbidden', 403, 'profile', undefined));
      return Promise.resolve({
        jobTitle: p.directory.jobTitle,
        department: p.directory.department,
        organization: null,
        location: null,
        timeZone: 'Europe/Paris',
      });
    },
  };
  const api = {
    jira: jira as unknown as JiraClient,
    jiraAs: () => jira as unknown as JiraClient,
    // Gathering never reads Confluence.
    confluence: {} as ConfluenceClient,
    admin: admin as unknown as AdminClient,
    scim: undefined,
    calls: [],
  } satisfies ApiClients;
  return { api, calls };
}

const SETTINGS: AppSettings = {
  ...DEFAULT_SETTINGS,
  sources: {
    email: true,
    scim: { enabled: false },
    orgDirectory: { enabled: true },
    pushed: false,
  },
};

function rules(...texts: string[]): Rule[] {
  return texts.map((text, i) => ({
    id: `r${i}`,
    name: `r${i}`,
    description: '',
    enabled: true,
    priority: i,
    condition: { text, dialect: 'entra' },
    grants: [{ kind: 'group', groupId: 'g', groupName: 'g' }],
    onUnmatch: 'keep',
  }));
}

const IDS = [...PEOPLE.map((p) => p.id), 'gone-9'];

async function readAll(reader: { read(id: string): Promise<unknown> }) {
  return Promise.all(IDS.map((id) => reader.read(id).catch((e: Error) => `${e.name}: ${e.message}`)));
}

describe('BatchReader', () => {
  const plan = attributePlan(rules('user.department -eq "Sales" -and user.emailDomain -eq "acme.example"'));

  it('gives every user what one-by-one reads give, from one call per bulk source', async () => {
    const batch = clients();
    const one = clients();
    const batched = await readAll(new BatchReader(IDS, batch.api, SETTINGS, plan));
    const alone = await readAll({ read: (id) => gatherAttributes(id, one.api, SETTINGS, plan) });
    // The locale is not a source of anything the rules read: bulk Jira reads carry none.
    const withoutLanguage = (r: unknown) =>
      typeof r === 'string'
        ? r
        : {
            ...(r as object),
            attributes: { ...(r as { attributes: object }).attributes, preferredLanguage: null },
          };
    expect(batched.map(withoutLanguage)).toEqual(alone.map(withoutLanguage));
    // Cy is not in the directory and the unknown id nowhere: only they are read alone (the directory profile is
    // asked for together with the Jira user, so the unknown id's is asked for too).
    expect(batch.calls.sort()).toEqual([
      'emailsByIds',
      'getUser',
      'getUser',
      'managedProfile',
      'managedProfile',
      'searchUsers',
      'usersByIds',
    ]);
    expect(one.calls.filter((c) => c === 'getUser')).toHaveLength(IDS.length);
  });

  it('reads each Jira user alone when a rule reads the language (bulk reads carry no locale)', async () => {
    const batch = clients();
    const language = attributePlan(rules('user.preferredLanguage -eq "fr_FR"'));
    const results = await readAll(new BatchReader(IDS, batch.api, SETTINGS, language));
    expect(batch.calls.filter((c) => c === 'usersByIds')).toEqual([]);
    expect(batch.calls.filter((c) => c === 'getUser')).toHaveLength(IDS.length);
    expect((results[0] as { attributes: { preferredLanguage: string } }).attributes.preferredLanguage).toBe(
      'fr_FR',
    );
  });

  it('falls back to reading each user alone when the bulk search is refused for good', async () => {
    const batch = clients({ search: 'forbidden' });
    const one = clients();
    expect(await readAll(new BatchReader(IDS, batch.api, SETTINGS, plan))).toEqual(
      await readAll({ read: (id) => gatherAttributes(id, one.api, SETTINGS, plan) }),
    );
    expect(batch.calls.filter((c) => c === 'managedProfile').length).toBeGreaterThan(0);
  });

  it('passes a rate limit on, and tries the bulk read again on the next read', async () => {
    const batch = clients({ search: 'rate-limited' });
    const reader = new BatchReader(IDS, batch.api, SETTINGS, plan);
    await expect(reader.read('a-1')).rejects.toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 30 });
    await expect(reader.read('a-1')).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(batch.calls.filter((c) => c === 'searchUsers')).toHaveLength(2);
  });

  it('reads someone outside the batch alone', async () => {
    const batch = clients();
    const reader = new BatchReader(['a-1', 'b-2'], batch.api, SETTINGS, plan);
    expect((await reader.read('c-3')).attributes.displayName).toBe('Cy');
    expect(batch.calls.sort()).toEqual(['getUser', 'getUserEmail', 'managedProfile']);
  });
});
