// The skeleton every site has: product roles and their default groups, admin groups and global permissions,
// the project role definitions, and the two seeded admins (so Basic auth works even on an "empty" site).
import { createHumanAccount } from '../actions/account-actions';
import { addMember, createGroup } from '../actions/membership-actions';
import { deterministicUuid } from '../prng';
import type { SiteContext } from '../site-context';
import { DEFAULT_PERMISSION_SCHEME_ID } from '../state/project-store';
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
    ['org-admins', 'Organization administrators (the org admin role)'],
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
  // Site admins (and org admins, who are site admins of every site) hold both; Jira admins only ADMINISTER.
  grant('ADMINISTER', 'jira-administrators', 'site-admins', 'org-admins', 'atlassian-addons-admin');
  grant('SYSTEM_ADMIN', 'site-admins', 'org-admins');
  grant(
    'USER_PICKER',
    'jira-software-users',
    'jira-administrators',
    'site-admins',
    'org-admins',
    'atlassian-addons-admin',
  );
  // Confluence's own admin group administers Confluence only.
  const confluenceAdmins = groups.get('confluence-admins');
  if (confluenceAdmins) state.confluenceAdminGroups.add(confluenceAdmins.groupId);
  grant('CREATE_SHARED_OBJECTS', 'jira-software-users');
  for (const role of PROJECT_ROLES) state.projects.defineRole({ ...role });
  // The default permission scheme: Administrators administer the project; the other roles browse and work in it.
  const scheme = state.projects.defineScheme({
    id: DEFAULT_PERMISSION_SCHEME_ID,
    name: 'Default Permission Scheme',
    description:
      'This is the default Permission Scheme. Any new projects that are created will be assigned this scheme.',
  });
  const byRoles = (permission: string, ...roleIds: number[]) =>
    roleIds.forEach((roleId) => state.projects.grant(scheme, permission, { type: 'projectRole', roleId }));
  byRoles('ADMINISTER_PROJECTS', 10002);
  byRoles('BROWSE_PROJECTS', 10000, 10001, 10002, 10003);
  byRoles('CREATE_ISSUES', 10000, 10001, 10002);
  byRoles('EDIT_ISSUES', 10000, 10002);
  byRoles('ASSIGNABLE_USER', 10000, 10002);

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
  addTo(siteAdmin.accountId, 'site-admins', 'org-admins', 'jira-administrators', 'confluence-admins');
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
