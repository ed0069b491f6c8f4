// Jira's JSON shapes (users, groups, application roles, projects, roles, audit records), per the v3 spec.
import type { SiteState } from '../state/site-state';
import type {
  Account,
  AuditItem,
  AuditRecord,
  Group,
  Project,
  ProductRole,
  ProjectRoleDefinition,
} from '../state/types';

const AVATAR_HOST = 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net';

function initials(displayName: string): string {
  const parts = displayName.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length === 0
      ? 'U'
      : parts
          .slice(0, 2)
          .map((p) => p[0]?.toUpperCase() ?? '')
          .join('');
  return letters || 'U';
}

export function avatarUrls(account: Account): Record<'16x16' | '24x24' | '32x32' | '48x48', string> {
  const base = `${AVATAR_HOST}/initials/${initials(account.displayName)}-3.png`;
  return {
    '48x48': `${base}?size=48&s=48`,
    '24x24': `${base}?size=24&s=24`,
    '16x16': `${base}?size=16&s=16`,
    '32x32': `${base}?size=32&s=32`,
  };
}

export function groupSelf(state: SiteState, group: Group): string {
  return `${state.site.url}/rest/api/3/group?groupId=${group.groupId}`;
}

export function groupNameJson(state: SiteState, group: Group): Record<string, unknown> {
  return { name: group.name, groupId: group.groupId, self: groupSelf(state, group) };
}

/** Profile visibility: a managed account's email is shown (org policy); an unmanaged one's is hidden. */
export function emailVisible(state: SiteState, account: Account): boolean {
  return account.accountType === 'atlassian' && state.isManaged(account.email);
}

export interface UserJsonOptions {
  /** Single-user endpoints (/user, /myself) add locale and the expandable lists (items only when expanded). */
  single?: boolean;
  expandGroups?: boolean;
  expandApplicationRoles?: boolean;
}

/** The `User` / `UserDetails` shape (they differ only in the expandable parts). */
export function userJson(
  state: SiteState,
  account: Account,
  options: UserJsonOptions = {},
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${state.site.url}/rest/api/3/user?accountId=${account.accountId}`,
    accountId: account.accountId,
    accountType: account.accountType,
  };
  if (emailVisible(state, account)) json['emailAddress'] = account.email;
  json['avatarUrls'] = avatarUrls(account);
  json['displayName'] = account.displayName;
  json['active'] = state.isActiveInJira(account.accountId);
  json['timeZone'] = account.timeZone;
  if (!options.single) return json;
  json['locale'] = account.locale;
  const groups = [...state.groups.groupsOf(account.accountId)]
    .map((id) => state.groups.get(id))
    .filter((g): g is Group => g !== undefined)
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  json['groups'] = {
    size: groups.length,
    items: options.expandGroups ? groups.map((g) => groupNameJson(state, g)) : [],
  };
  const keys = state.licences.rolesOf(account.accountId);
  const roles = state.productRoles.filter((r) => keys.includes(r.key) && isJiraRole(r));
  json['applicationRoles'] = {
    size: roles.length,
    items: options.expandApplicationRoles ? roles.map((r) => applicationRoleJson(state, r)) : [],
  };
  json['expand'] = 'groups,applicationRoles';
  return json;
}

/** Jira's application roles are the Jira products; Confluence's role is modelled alongside but Jira does not list it. */
export function isJiraRole(role: ProductRole): boolean {
  return role.key.startsWith('jira');
}

export function applicationRoleJson(state: SiteState, role: ProductRole): Record<string, unknown> {
  const groups = role.groupIds.map((id) => state.groups.get(id)).filter((g): g is Group => g !== undefined);
  const defaults = role.defaultGroupIds
    .map((id) => state.groups.get(id))
    .filter((g): g is Group => g !== undefined);
  const userCount = state.licences.userCount(role.key);
  return {
    key: role.key,
    groups: groups.map((g) => g.name),
    groupDetails: groups.map((g) => groupNameJson(state, g)),
    name: role.name,
    defaultGroups: defaults.map((g) => g.name),
    defaultGroupsDetails: defaults.map((g) => groupNameJson(state, g)),
    selectedByDefault: false,
    defined: true,
    numberOfSeats: role.numberOfSeats,
    remainingSeats: Math.max(0, role.numberOfSeats - userCount),
    userCount,
    userCountDescription: `${userCount} ${role.seatNoun}`,
    hasUnlimitedSeats: false,
    platform: role.platform,
  };
}

export function projectAvatarUrls(state: SiteState): Record<string, string> {
  const base = `${state.site.url}/rest/api/3/universal_avatar/view/type/project/avatar/10400`;
  return {
    '48x48': base,
    '24x24': `${base}?size=small`,
    '16x16': `${base}?size=xsmall`,
    '32x32': `${base}?size=medium`,
  };
}

export function projectJson(
  state: SiteState,
  project: Project,
  options: { expandLead?: boolean } = {},
): Record<string, unknown> {
  const lead =
    options.expandLead && project.leadAccountId ? state.accounts.get(project.leadAccountId) : undefined;
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${state.site.url}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: projectAvatarUrls(state),
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
    // `expand=lead`: the project lead as a User (Jira omits it otherwise).
    ...(lead ? { lead: userJson(state, lead) } : {}),
  };
}

export function projectRoleSelf(state: SiteState, project: Project, roleId: number): string {
  return `${state.site.url}/rest/api/3/project/${project.id}/role/${roleId}`;
}

export function projectRoleJson(
  state: SiteState,
  project: Project,
  role: ProjectRoleDefinition,
  options: { excludeInactiveUsers?: boolean } = {},
): Record<string, unknown> {
  const actors = state.projects.actors(project, role.id);
  const list: Array<{ sortName: string; json: Record<string, unknown> }> = [];
  for (const [groupId, actorId] of actors.groups) {
    const group = state.groups.get(groupId);
    if (!group) continue;
    list.push({
      sortName: group.name.toLowerCase(),
      json: {
        id: actorId,
        displayName: group.name,
        type: 'atlassian-group-role-actor',
        name: group.name,
        actorGroup: { name: group.name, displayName: group.name, groupId: group.groupId },
      },
    });
  }
  for (const [accountId, actorId] of actors.users) {
    const account = state.accounts.get(accountId);
    if (!account) continue;
    if (options.excludeInactiveUsers && !state.isActiveInJira(accountId)) continue;
    list.push({
      sortName: account.displayName.toLowerCase(),
      json: {
        id: actorId,
        displayName: account.displayName,
        type: 'atlassian-user-role-actor',
        actorUser: { accountId },
        avatarUrl: avatarUrls(account)['48x48'],
      },
    });
  }
  // Jira sorts actors by display name.
  list.sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0));
  return {
    self: projectRoleSelf(state, project, role.id),
    name: role.name,
    id: role.id,
    actors: list.map((a) => a.json),
    scope: { type: 'PROJECT', project: { id: project.id, key: project.key, name: project.name } },
  };
}

export function globalRoleJson(state: SiteState, role: ProjectRoleDefinition): Record<string, unknown> {
  return {
    self: `${state.site.url}/rest/api/3/role/${role.id}`,
    name: role.name,
    id: role.id,
    actors: [],
  };
}

function auditItemJson(item: AuditItem): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (item.id !== undefined) out['id'] = item.id;
  if (item.name !== undefined) out['name'] = item.name;
  if (item.typeName !== undefined) out['typeName'] = item.typeName;
  if (item.parentId !== undefined) out['parentId'] = item.parentId;
  if (item.parentName !== undefined) out['parentName'] = item.parentName;
  return out;
}

/** Jira's audit timestamps look like `2014-03-19T18:45:42.967+0000`. */
export function jiraTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

export function auditRecordJson(record: AuditRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: record.id,
    summary: record.summary,
    created: jiraTimestamp(record.created),
    category: record.category,
    eventSource: record.eventSource,
    objectItem: auditItemJson(record.objectItem),
    changedValues: record.changedValues.map((c) => ({ ...c })),
    associatedItems: record.associatedItems.map(auditItemJson),
  };
  if (record.remoteAddress !== undefined) json['remoteAddress'] = record.remoteAddress;
  return json;
}
