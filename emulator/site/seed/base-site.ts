// The skeleton every site has: product roles and their default groups, admin groups and global permissions,
// the project role definitions, and the two seeded admins (so Basic auth works even on an "empty" site).
import { createHumanAccount } from '../actions/account-actions';
import { addMember, createGroup } from '../actions/membership-actions';
import { deterministicUuid } from '../prng';
import type { SiteContext } from '../site-context';
import { SiteState, type GlobalPermissionKey, type SiteIdentity } from '../state/site-state';
import type { Group, ProductRole } from '../state/types';
import { JIRA_ADMIN, SITE_ADMIN } from './identity';

const SEED_AUTHOR = { eventSource: 'seed' };

export const PROJECT_ROLES = [
  { id: 10000, name: 'Developers', description: 'A project role that represents developers in a project' },
  { id: 10001, name: 'Users', description: 'A project role that represents users in a project' },
  {
    id: 10002,
    name: 'Administrators',
    description: 'A project role that represents administrators in a project',
  },
  { id: 10003, name: 'Viewers', description: 'A project role that can browse but not change a project' },
] as const;

export interface BaseSiteOptions {
  seatsPerProduct: number;
  now: number;
}

function groupId(name: string): string {
  return deterministicUuid(`site-group:${name}`, 0);
}

/** Creates a site group (no history) and returns it. */
export function seedGroup(ctx: SiteContext, name: string, description = ''): Group {
  const existing = ctx.state.groups.byName(name);
  if (existing) return existing;
  return createGroup(
    ctx,
    { groupId: groupId(name), name, description, source: { kind: 'site' }, createdAt: ctx.clock.now() },
    { author: SEED_AUTHOR, audit: false },
  );
}

export function baseState(identity: SiteIdentity, seatsPerProduct: number): SiteState {
  const roles: ProductRole[] = [
    {
      key: 'jira-software',
      name: 'Jira',
      activityKey: 'jira-software',
      groupIds: [groupId('jira-software-users')],
      defaultGroupIds: [groupId('jira-software-users')],
      numberOfSeats: seatsPerProduct,
      platform: false,
      seatNoun: 'users',
    },
    {
      key: 'confluence',
      name: 'Confluence',
      activityKey: 'confluence',
      groupIds: [groupId('confluence-users')],
      defaultGroupIds: [groupId('confluence-users')],
      numberOfSeats: seatsPerProduct,
      platform: false,
      seatNoun: 'users',
    },
  ];
  return new SiteState(identity, roles);
}

/** Fills a fresh state with the groups, permissions, roles and admins every seed starts from. */
export function seedBase(ctx: SiteContext): void {
  const { state } = ctx;
  const names: Array<[string, string]> = [
    ['jira-software-users', 'Grants access to Jira'],
    ['confluence-users', 'Grants access to Confluence'],
    ['site-admins', 'Site administrators'],
    ['jira-administrators', 'Jira administrators'],
    ['confluence-admins', 'Confluence administrators'],
    ['atlassian-addons-admin', 'App users (Connect and Forge apps)'],
  ];
  const groups = new Map(names.map(([name, description]) => [name, seedGroup(ctx, name, description)]));
  const grant = (key: GlobalPermissionKey, ...groupNames: string[]) =>
    state.globalPermissions.set(
      key,
      new Set(groupNames.map((n) => groups.get(n)?.groupId).filter((id): id is string => id !== undefined)),
    );
  grant('ADMINISTER', 'jira-administrators', 'site-admins', 'atlassian-addons-admin');
  grant('SYSTEM_ADMIN', 'site-admins');
  grant('USER_PICKER', 'jira-software-users', 'jira-administrators', 'site-admins', 'atlassian-addons-admin');
  grant('CREATE_SHARED_OBJECTS', 'jira-software-users');
  for (const role of PROJECT_ROLES) state.projects.defineRole({ ...role });

  const addTo = (accountId: string, ...groupNames: string[]) => {
    for (const name of groupNames) {
      const group = groups.get(name);
      if (group) addMember(ctx, group, accountId, { author: SEED_AUTHOR, audit: false });
    }
  };
  const siteAdmin = createHumanAccount(
    ctx,
    {
      email: SITE_ADMIN.email,
      displayName: SITE_ADMIN.displayName,
      jobTitle: 'IT Administrator',
      department: 'IT',
      organization: state.org.name,
      timeZone: 'Europe/London',
      managementSource: 'invited',
    },
    { author: SEED_AUTHOR, defaultGroups: true, history: false },
  );
  siteAdmin.apiTokens.push({
    id: 'token-site-admin',
    label: 'Emulator scripts',
    token: SITE_ADMIN.apiToken,
    createdAt: ctx.clock.now(),
  });
  addTo(siteAdmin.accountId, 'site-admins', 'jira-administrators', 'confluence-admins');
  state.org.orgAdmins.add(siteAdmin.accountId);

  const jiraAdmin = createHumanAccount(
    ctx,
    {
      email: JIRA_ADMIN.email,
      displayName: JIRA_ADMIN.displayName,
      jobTitle: 'Jira Administrator',
      department: 'IT',
      organization: state.org.name,
      timeZone: 'America/New_York',
      managementSource: 'invited',
    },
    { author: SEED_AUTHOR, defaultGroups: true, history: false },
  );
  jiraAdmin.apiTokens.push({
    id: 'token-jira-admin',
    label: 'Emulator scripts',
    token: JIRA_ADMIN.apiToken,
    createdAt: ctx.clock.now(),
  });
  addTo(jiraAdmin.accountId, 'jira-administrators');
}
