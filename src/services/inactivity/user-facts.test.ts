import type { DirectoryUser } from '../../clients/admin-types';
import type { JiraUser } from '../../clients/jira-types';
import { buildUserFacts, isActiveAccount } from './user-facts';

const CLOUD = 'site-1';
const context = {
  catalogue: [
    { key: 'jira-software', displayName: 'Jira', licenceGroupIds: ['g-jira', 'g-jira-extra'] },
    { key: 'confluence', displayName: 'Confluence', licenceGroupIds: ['g-conf'] },
  ],
  adminGroupIds: new Set(['g-site-admins', 'g-jira-admins']),
  cloudId: CLOUD,
};

function jiraUser(groups: string[], overrides: Partial<JiraUser> = {}): JiraUser {
  return {
    accountId: 'u1',
    accountType: 'atlassian',
    active: true,
    groups: { size: groups.length, items: groups.map((groupId) => ({ name: groupId, groupId })) },
    ...overrides,
  };
}

const directory = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  accountId: 'u1',
  status: 'active',
  addedToOrg: '2024-01-01T00:00:00.000Z',
  platformRoles: [],
  ...overrides,
});

const noHistory = { view: { since: new Map<string, number>(), unavailable: null }, history: undefined };

const activity = {
  accountId: 'u1',
  refreshedAt: 1_000,
  cloudId: CLOUD,
  addedToOrgAt: 500,
  lastActiveOnSite: { 'jira-software': 900 },
  orgLastActiveAt: 950,
};

describe('buildUserFacts', () => {
  it('licence groups are exactly the user groups that grant each product', () => {
    const facts = buildUserFacts(
      {
        jiraUser: jiraUser(['g-jira-extra', 'team-x']),
        directory: directory(),
        activity,
        warnings: [],
        actionsThisRun: [],
        grants: noHistory,
      },
      context,
    );
    expect(facts.products).toEqual({
      'jira-software': {
        hasAccess: true,
        licenceGroupIds: ['g-jira-extra'],
        lastActiveAt: 900,
        granted: { kind: 'unknown', why: 'the history of group g-jira-extra has not been read' },
      },
    });
    expect(facts).toMatchObject({
      accountType: 'atlassian',
      active: true,
      isSiteAdmin: false,
      isOrgAdmin: false,
      groupIds: ['g-jira-extra', 'team-x'],
      addedToOrgAt: 500,
      orgLastActiveAt: 950,
      activityRefreshedAt: 1_000,
    });
  });

  it('a product role Jira reports without a licence group still counts as held (the domain then refuses to act)', () => {
    const user = jiraUser([], { applicationRoles: { size: 1, items: [{ key: 'confluence' }] } });
    const facts = buildUserFacts(
      {
        jiraUser: user,
        directory: directory(),
        activity,
        warnings: [],
        actionsThisRun: [],
        grants: noHistory,
      },
      context,
    );
    expect(facts.products['confluence']).toEqual({
      hasAccess: true,
      licenceGroupIds: [],
      lastActiveAt: null,
      granted: {
        kind: 'unknown',
        why: 'the product is held through no licence group whose history the app reads',
      },
    });
  });

  it('admins come from admin groups or platform roles', () => {
    const byGroup = buildUserFacts(
      {
        jiraUser: jiraUser(['g-jira-admins']),
        directory: directory(),
        activity,
        warnings: [],
        actionsThisRun: [],
        grants: noHistory,
      },
      context,
    );
    const byRole = buildUserFacts(
      {
        jiraUser: jiraUser([]),
        directory: directory({ platformRoles: ['atlassian/site-admin', 'org-admin'] }),
        activity,
        warnings: [],
        actionsThisRun: [],
        grants: noHistory,
      },
      context,
    );
    expect(byGroup.isSiteAdmin).toBe(true);
    expect(byRole).toMatchObject({ isSiteAdmin: true, isOrgAdmin: true });
  });

  it('without activity (or activity fetched for another site) nothing about activity is claimed', () => {
    for (const snapshot of [undefined, { ...activity, cloudId: 'other-site' }]) {
      const facts = buildUserFacts(
        {
          jiraUser: jiraUser(['g-jira']),
          directory: directory(),
          activity: snapshot,
          warnings: [],
          actionsThisRun: [],
          grants: noHistory,
        },
        context,
      );
      expect(facts.activityRefreshedAt).toBeNull();
      expect(facts.products['jira-software']?.lastActiveAt).toBeNull();
      expect('orgLastActiveAt' in facts).toBe(false);
      expect(facts.addedToOrgAt).toBe(Date.parse('2024-01-01T00:00:00.000Z'));
    }
  });

  it('an account type Jira does not name is never treated as a person', () => {
    const facts = buildUserFacts(
      {
        jiraUser: { accountId: 'u1', active: true },
        directory: undefined,
        activity,
        warnings: [],
        actionsThisRun: [],
        grants: noHistory,
      },
      context,
    );
    expect(facts.accountType).toBe('unknown');
  });
});

describe('buildUserFacts: when each product was (re)granted', () => {
  const DAY = 86_400_000;
  const since = new Map([
    ['jira-software-users', 1_000 * DAY],
    ['__proto__', 1_000 * DAY],
  ]);
  const named = (groups: Array<[string, string]>): JiraUser => ({
    accountId: 'u1',
    accountType: 'atlassian',
    active: true,
    groups: { size: groups.length, items: groups.map(([groupId, name]) => ({ groupId, name })) },
  });
  const jiraContext = {
    ...context,
    catalogue: [{ key: 'jira-software', displayName: 'Jira', licenceGroupIds: ['g-jira', 'g-odd'] }],
  };
  const grantOf = (user: JiraUser, grants: Parameters<typeof buildUserFacts>[0]['grants']) =>
    buildUserFacts(
      { jiraUser: user, directory: directory(), activity, warnings: [], actionsThisRun: [], grants },
      jiraContext,
    ).products['jira-software']?.granted;

  it('reads the indexed additions and removals by the group name the audit log uses, in any case', () => {
    const user = named([['g-jira', 'Jira-Software-Users']]);
    const history = {
      accountId: 'u1',
      groups: { 'jira-software-users': { added: 1_050 * DAY, removed: 1_049 * DAY } },
    };
    expect(grantOf(user, { view: { since, unavailable: null }, history })).toEqual({
      kind: 'known',
      at: 1_050 * DAY,
    });
    expect(grantOf(user, { view: { since, unavailable: null }, history: undefined })).toEqual({
      kind: 'not-since',
      since: 1_000 * DAY,
    });
  });

  it('adds the grants the app made itself, which the audit log may not show yet', () => {
    const user = named([['g-jira', 'jira-software-users']]);
    const history = {
      accountId: 'u1',
      groups: { 'jira-software-users': { added: null, removed: 1_060 * DAY } },
    };
    const view = { since, unavailable: null };
    expect(grantOf(user, { view, history })?.kind).toBe('unknown');
    const appGrants = { groups: new Map([['g-jira', 1_061 * DAY]]), reactivatedAt: null };
    expect(grantOf(user, { view, history, appGrants })).toEqual({ kind: 'known', at: 1_061 * DAY });
  });

  it('makes every grant unknown when the audit log could not be read', () => {
    const user = named([['g-jira', 'jira-software-users']]);
    expect(
      grantOf(user, { view: { since, unavailable: 'the audit log said 403' }, history: undefined }),
    ).toEqual({ kind: 'unknown', why: 'the audit log said 403' });
  });

  it('reads a group called __proto__ as an own entry, not the object prototype', () => {
    const user = named([['g-odd', '__proto__']]);
    const stored = JSON.parse('{"accountId":"u1","groups":{"__proto__":{"added":1100,"removed":null}}}') as {
      accountId: string;
      groups: Record<string, { added: number | null; removed: number | null }>;
    };
    const view = { since: new Map([['__proto__', 1_000]]), unavailable: null };
    expect(grantOf(user, { view, history: stored })).toEqual({ kind: 'known', at: 1_100 });
    expect(grantOf(user, { view, history: { accountId: 'u1', groups: {} } })).toEqual({
      kind: 'not-since',
      since: 1_000,
    });
  });
});

describe('isActiveAccount', () => {
  it('suspended or deactivated in the directory, or inactive in Jira, is not active', () => {
    expect(isActiveAccount(jiraUser([]), directory())).toBe(true);
    expect(isActiveAccount(jiraUser([]), directory({ status: 'suspended' }))).toBe(false);
    expect(isActiveAccount(jiraUser([]), directory({ status: 'deactivated' }))).toBe(false);
    expect(isActiveAccount(jiraUser([], { active: false }), directory())).toBe(false);
    expect(isActiveAccount(jiraUser([]), undefined)).toBe(true);
  });
});
