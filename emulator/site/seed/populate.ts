// Seeds the org's structure (team groups, projects with role actors, spaces wired to groups, issues) and a
// population of people with SCIM attributes, IdP groups, product access, statuses and activity. Seeding
// writes no audit records and emits no events: it is the site's history, not something happening now.
import { createHumanAccount, setAccountStatus, setMembershipStatus } from '../actions/account-actions';
import { addMember, createGroup } from '../actions/membership-actions';
import { createPrng, deterministicUuid, type Prng } from '../prng';
import type { SiteContext } from '../site-context';
import type { Group, ScimGroupRecord, SpacePermission } from '../state/types';
import { PROJECT_ROLES, seedGroup } from './base-site';
import { CONTRACTOR_DOMAIN, DEMO_DOMAIN, JIRA_ADMIN, SITE_ADMIN } from './identity';
import { DEPARTMENTS, person, type Department } from './people';

const SEED_AUTHOR = { eventSource: 'seed' };
const DAY = 86_400_000;

/** Team groups the seed wires to projects and spaces; each department's people may belong to them. */
const TEAM_GROUPS: Record<string, string[]> = {
  engineering: ['jira-developers', 'confluence-engineering'],
  product: ['confluence-engineering'],
  design: ['confluence-engineering'],
  sales: ['sales-team', 'confluence-sales'],
  marketing: ['marketing-team', 'confluence-sales'],
  support: ['support-agents'],
  finance: ['finance-team'],
  people: ['confluence-people'],
  it: ['jira-developers'],
};

function roleId(name: string): number {
  const role = PROJECT_ROLES.find((r) => r.name === name);
  if (!role) throw new Error(`no project role ${name}`);
  return role.id;
}

export function seedStructure(ctx: SiteContext): void {
  const { state, clock } = ctx;
  const now = clock.now();
  const group = (name: string): Group => seedGroup(ctx, name);
  for (const names of Object.values(TEAM_GROUPS)) for (const name of names) group(name);
  const siteAdmin = state.accounts.byEmail(SITE_ADMIN.email);
  const jiraAdmin = state.accounts.byEmail(JIRA_ADMIN.email);

  const projects = [
    {
      id: '10000',
      key: 'ENG',
      name: 'Engineering Platform',
      developers: 'jira-developers',
      users: 'jira-software-users',
    },
    { id: '10001', key: 'SALES', name: 'Sales Operations', developers: undefined, users: 'sales-team' },
    {
      id: '10002',
      key: 'SUP',
      name: 'Customer Support',
      developers: 'support-agents',
      users: 'jira-software-users',
    },
    { id: '10003', key: 'FIN', name: 'Finance', developers: undefined, users: 'finance-team' },
  ];
  for (const spec of projects) {
    const project = state.projects.add({
      id: spec.id,
      key: spec.key,
      name: spec.name,
      projectTypeKey: 'software',
      ...(jiraAdmin ? { leadAccountId: jiraAdmin.accountId } : {}),
    });
    const admins = state.projects.actors(project, roleId('Administrators'));
    admins.groups.set(group('jira-administrators').groupId, state.projects.newActorId());
    if (siteAdmin && spec.key === 'ENG') admins.users.set(siteAdmin.accountId, state.projects.newActorId());
    if (spec.developers)
      state.projects
        .actors(project, roleId('Developers'))
        .groups.set(group(spec.developers).groupId, state.projects.newActorId());
    state.projects
      .actors(project, roleId('Users'))
      .groups.set(group(spec.users).groupId, state.projects.newActorId());
    state.projects.addIssue({
      id: String(Number(spec.id) + 10000),
      key: `${spec.key}-1`,
      projectId: project.id,
      summary: `Welcome to ${spec.name}`,
      ...(siteAdmin ? { reporterAccountId: siteAdmin.accountId } : {}),
      created: now - 30 * DAY,
    });
  }

  const spaces = [
    {
      id: '98305',
      key: 'ENG',
      name: 'Engineering Handbook',
      readers: ['confluence-engineering'],
      writers: ['confluence-engineering'],
    },
    {
      id: '98306',
      key: 'SALES',
      name: 'Sales Playbook',
      readers: ['confluence-sales'],
      writers: ['sales-team'],
    },
    {
      id: '98307',
      key: 'PEOPLE',
      name: 'People Team',
      readers: ['confluence-people'],
      writers: ['confluence-people'],
    },
    {
      id: '98308',
      key: 'HANDBOOK',
      name: 'Company Handbook',
      readers: ['confluence-users'],
      writers: [] as string[],
    },
  ];
  for (const spec of spaces) {
    const space = {
      id: spec.id,
      key: spec.key,
      name: spec.name,
      type: 'global' as const,
      status: 'current' as const,
      authorId: siteAdmin?.accountId ?? '',
      createdAt: now - 400 * DAY,
      homepageId: String(Number(spec.id) + 1000),
      description: `${spec.name} space`,
      permissions: [] as SpacePermission[],
    };
    state.spaces.add(space);
    const grant = (
      groupName: string,
      key: SpacePermission['operation']['key'],
      targetType: SpacePermission['operation']['targetType'],
    ) =>
      state.spaces.grant(space, {
        principal: { type: 'group', id: group(groupName).groupId },
        operation: { key, targetType },
      });
    grant('site-admins', 'read', 'space');
    grant('site-admins', 'administer', 'space');
    for (const reader of spec.readers) grant(reader, 'read', 'space');
    for (const writer of spec.writers) {
      if (!spec.readers.includes(writer)) grant(writer, 'read', 'space');
      grant(writer, 'create', 'page');
    }
  }
}

export interface PopulationOptions {
  users: number;
  seed: number;
  /** One person in this many is an external contractor (unmanaged email, not in SCIM). */
  contractorEvery: number;
  /** Share of eligible people already holding their team groups (the rest is the app's to grant). */
  teamGroupShare: number;
}

interface ScimGroupSeed {
  record: ScimGroupRecord;
  group: Group;
}

function scimGroupSeed(ctx: SiteContext, name: string, cache: Map<string, ScimGroupSeed>): ScimGroupSeed {
  const existing = cache.get(name);
  if (existing) return existing;
  const { state, clock } = ctx;
  const directoryId = state.directory.directoryId;
  const index = state.scim.groupCount(directoryId);
  const id = deterministicUuid(`scim-group:${directoryId}`, index);
  const group = createGroup(
    ctx,
    {
      groupId: deterministicUuid(`site-group:scim:${directoryId}`, index),
      name,
      description: 'Synced from your identity provider',
      source: { kind: 'scim', directoryId, scimGroupId: id },
      createdAt: clock.now(),
    },
    { author: SEED_AUTHOR, audit: false },
  );
  const record: ScimGroupRecord = {
    id,
    directoryId,
    displayName: name,
    groupId: group.groupId,
    members: new Set(),
    created: clock.now() - 500 * DAY,
    lastModified: clock.now() - 10 * DAY,
  };
  state.scim.addGroup(record);
  const seed = { record, group };
  cache.set(name, seed);
  return seed;
}

/** When a person was last active in a product: mostly recent, some stale, a few never. */
function lastActive(prng: Prng, now: number): number | undefined {
  const roll = prng.next();
  if (roll < 0.05) return undefined;
  const days = roll < 0.7 ? prng.int(30) : roll < 0.85 ? 30 + prng.int(90) : 120 + prng.int(400);
  return now - days * DAY - prng.int(DAY);
}

export function seedPopulation(ctx: SiteContext, options: PopulationOptions): void {
  const { state, clock } = ctx;
  const now = clock.now();
  const prng = createPrng(options.seed);
  const directoryId = state.directory.directoryId;
  const scimGroups = new Map<string, ScimGroupSeed>();
  const siteGroup = (name: string) => seedGroup(ctx, name);
  const jiraUsers = siteGroup('jira-software-users');
  const confluenceUsers = siteGroup('confluence-users');
  const other = state.identity.otherSites[0];

  for (let i = 0; i < options.users; i++) {
    const department: Department | undefined =
      options.users <= 80 ? DEPARTMENTS[i % DEPARTMENTS.length] : undefined;
    const p = person(i, prng, department);
    const contractor = i % options.contractorEvery === options.contractorEvery - 1;
    const email = `${p.handle}@${contractor ? CONTRACTOR_DOMAIN : DEMO_DOMAIN}`;
    const addedAt = now - (30 + prng.int(900)) * DAY;
    const account = createHumanAccount(
      ctx,
      {
        email,
        displayName: p.displayName,
        nickname: p.givenName,
        jobTitle: contractor ? `Contractor (${p.title})` : p.title,
        department: p.department.name,
        organization: contractor ? 'Contractor' : state.org.name,
        location: p.location,
        timeZone: p.timezone,
        locale: p.language.replace('-', '_'),
        managementSource: contractor ? 'invited' : 'synced',
      },
      { author: SEED_AUTHOR, defaultGroups: false, history: false, addedAt },
    );
    account.createdAt = addedAt;
    const add = (group: Group) =>
      addMember(ctx, group, account.accountId, { author: SEED_AUTHOR, audit: false });
    if (p.department.jira || prng.chance(0.15)) add(jiraUsers);
    if (p.department.confluence) add(confluenceUsers);
    for (const teamGroup of TEAM_GROUPS[p.department.slug] ?? [])
      if (prng.chance(options.teamGroupShare)) add(siteGroup(teamGroup));

    if (!contractor) {
      const scimId = deterministicUuid(`scim-user:${directoryId}`, state.scim.userCount(directoryId));
      state.scim.addUser({
        id: scimId,
        directoryId,
        accountId: account.accountId,
        userName: email,
        externalId: p.employeeNumber,
        active: true,
        deleted: false,
        givenName: p.givenName,
        familyName: p.familyName,
        formattedName: p.displayName,
        displayName: p.displayName,
        nickName: p.givenName,
        title: p.title,
        preferredLanguage: p.language,
        timezone: p.timezone,
        department: p.department.name,
        organization: state.org.name,
        emails: [{ value: email, type: 'work', primary: true }],
        phoneNumbers: [],
        created: addedAt,
        lastModified: addedAt,
      });
      const idpGroups = [
        `idp-${p.department.slug}`,
        'idp-all-staff',
        ...(p.isManager ? ['idp-managers'] : []),
      ];
      for (const name of idpGroups) {
        const seed = scimGroupSeed(ctx, name, scimGroups);
        seed.record.members.add(scimId);
        add(seed.group);
      }
    }

    if (i % 29 === 7) setMembershipStatus(ctx, account, 'suspended');
    else if (i % 31 === 11) {
      setAccountStatus(ctx, account, 'inactive', SEED_AUTHOR);
      const record = state.scim.userByAccountId(account.accountId);
      if (record) record.active = false;
    }

    for (const role of state.productRoles) {
      if (!role.groupIds.some((g) => state.groups.isMember(g, account.accountId))) continue;
      const at = lastActive(prng, now);
      if (at !== undefined)
        state.activity.record(account.accountId, state.site.cloudId, role.activityKey, at);
    }
    if (other && prng.chance(0.2))
      state.activity.record(
        account.accountId,
        other.cloudId,
        'jira-software',
        now - prng.int(7) * DAY - prng.int(DAY),
      );
  }
  // Seeding's own status changes are not history.
  state.audit.clear();
}
