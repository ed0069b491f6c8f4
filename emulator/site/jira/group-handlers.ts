// Jira group endpoints: /group/bulk, /group/member, /group/user POST/DELETE (site admins only), /groups/picker.
import { addMember, removeMember } from '../actions/membership-actions';
import { intParam, isRecord, jsonBody } from '../http/parsed-request';
import { empty, jiraError, json } from '../http/responses';
import { refuseRequest, type HandlerContext, type RouteDefinition } from '../router';
import type { SiteState } from '../state/site-state';
import type { Group } from '../state/types';
import {
  actor,
  browseUsersRefusal,
  canBrowseUsers,
  NOT_FOUND_USER,
  pageLinks,
  readPaging,
} from './jira-common';
import { groupSelf, userJson } from './representations';

type GroupLookup = { group: Group } | { error: ReturnType<typeof jiraError> };

/** `groupId` or `groupname` (not both); either way the group must exist. */
function lookupGroup(state: SiteState, hc: HandlerContext): GroupLookup {
  const groupId = hc.request.query.get('groupId');
  const groupName = hc.request.query.get('groupname') ?? hc.request.query.get('groupName');
  if (groupId && groupName)
    return { error: jiraError(400, ['You cannot specify both groupname and groupId.']) };
  if (!groupId && !groupName)
    return { error: jiraError(400, ['You must specify a group name or group id.']) };
  const group = groupId ? state.groups.get(groupId) : state.groups.byName(groupName ?? '');
  if (!group) return { error: jiraError(404, ['Specified group does not exist.']) };
  return { group };
}

/** Who may change memberships through Jira: site admins only (an app only if its account is one). */
function writeRefusal(hc: HandlerContext) {
  const account = actor(hc);
  if (hc.site.state.isSiteAdmin(account.accountId)) return undefined;
  return jiraError(403, [
    'You do not have permission to manage group memberships. Site administration (membership of site-admins) is required.',
  ]);
}

function syncedRefusal(group: Group) {
  if (group.source.kind !== 'scim') return undefined;
  return jiraError(400, [
    `Cannot update membership of group '${group.name}': it is synced from an external identity provider and can only be changed there.`,
  ]);
}

function auditAuthor(hc: HandlerContext) {
  const account = actor(hc);
  return {
    accountId: account.accountId,
    ...(account.accountType === 'app' ? { eventSource: account.displayName } : {}),
  };
}

function addUserToGroup(hc: HandlerContext) {
  const { state } = hc.site;
  const refusal = writeRefusal(hc);
  if (refusal) return refusal;
  const lookup = lookupGroup(state, hc);
  if ('error' in lookup) return lookup.error;
  const body = jsonBody(hc.request);
  if (!body.ok) return jiraError(400, [`Invalid request payload: ${body.reason}`]);
  const accountId = isRecord(body.value) ? body.value['accountId'] : undefined;
  if (typeof accountId !== 'string' || accountId.length === 0)
    return jiraError(400, ['You must specify the accountId of the user to add.'], {
      accountId: 'accountId is required',
    });
  const account = state.accounts.get(accountId);
  if (!account) return jiraError(404, [NOT_FOUND_USER]);
  const synced = syncedRefusal(lookup.group);
  if (synced) return synced;
  const outcome = addMember(hc.site, lookup.group, accountId, { author: auditAuthor(hc) });
  if (outcome === 'already-member')
    return jiraError(400, [`Cannot add user. '${accountId}' is already a member of '${lookup.group.name}'.`]);
  return json(201, groupJson(state, lookup.group));
}

function removeUserFromGroup(hc: HandlerContext) {
  const { state } = hc.site;
  const refusal = writeRefusal(hc);
  if (refusal) return refusal;
  const lookup = lookupGroup(state, hc);
  if ('error' in lookup) return lookup.error;
  const accountId = hc.request.query.get('accountId');
  if (!accountId) return jiraError(400, ["The 'accountId' query parameter needs to be provided."]);
  if (!state.accounts.get(accountId)) return jiraError(404, [NOT_FOUND_USER]);
  const synced = syncedRefusal(lookup.group);
  if (synced) return synced;
  const outcome = removeMember(hc.site, lookup.group, accountId, { author: auditAuthor(hc) });
  if (outcome === 'not-member')
    return jiraError(400, [`Cannot remove user. '${accountId}' is not a member of '${lookup.group.name}'.`]);
  return empty(200);
}

function groupJson(state: SiteState, group: Group): Record<string, unknown> {
  const size = state.groups.memberCount(group.groupId);
  return {
    name: group.name,
    groupId: group.groupId,
    self: groupSelf(state, group),
    users: { size, items: [], 'max-results': 50, 'start-index': 0, 'end-index': 0 },
    expand: 'users',
  };
}

function groupMembers(hc: HandlerContext) {
  const { state } = hc.site;
  const lookup = lookupGroup(state, hc);
  if ('error' in lookup && lookup.error.status === 400) return lookup.error;
  if (!canBrowseUsers(state, actor(hc).accountId)) return browseUsersRefusal();
  if ('error' in lookup) return lookup.error;
  const paging = readPaging(hc, { maxResults: 50, cap: 50 });
  if ('error' in paging) return paging.error;
  const includeInactive = hc.request.query.get('includeInactiveUsers') === 'true';
  const members = includeInactive
    ? state.groups.membersOf(lookup.group.groupId)
    : state.groups.membersWhere(lookup.group.groupId, state.statusVersion, (id) => state.isActiveInJira(id));
  const page = members.slice(paging.startAt, paging.startAt + paging.maxResults);
  return json(200, {
    ...pageLinks(state, hc, paging, members.length),
    maxResults: paging.maxResults,
    startAt: paging.startAt,
    total: members.length,
    isLast: paging.startAt + page.length >= members.length,
    values: page.flatMap((id) => {
      const account = state.accounts.get(id);
      return account ? [userJson(state, account)] : [];
    }),
  });
}

function bulkGroups(hc: HandlerContext) {
  const { state } = hc.site;
  if (!canBrowseUsers(state, actor(hc).accountId))
    return jiraError(403, ['Browse users and groups permission is required to view groups.']);
  const paging = readPaging(hc, { maxResults: 50, cap: 50 });
  if ('error' in paging) return paging.error;
  const ids = new Set(hc.request.query.getAll('groupId'));
  const names = new Set(hc.request.query.getAll('groupName').map((n) => n.toLowerCase()));
  const accessType = hc.request.query.get('accessType');
  const applicationKey = hc.request.query.get('applicationKey');
  let groups = [...state.groups.list()];
  if (ids.size > 0 || names.size > 0)
    groups = groups.filter((g) => ids.has(g.groupId) || names.has(g.name.toLowerCase()));
  if (applicationKey) {
    const role = state.productRole(applicationKey);
    groups = role ? groups.filter((g) => role.groupIds.includes(g.groupId)) : [];
  }
  if (accessType) {
    if (!['site-admin', 'admin', 'user'].includes(accessType))
      return jiraError(400, [`Invalid accessType '${accessType}'. Valid values: site-admin, admin, user.`]);
    // site-admin: groups whose members are site admins; admin: groups holding Administer Jira (or more).
    const siteAdmin = state.siteAdminGroupIds();
    const admin = new Set([...(state.globalPermissions.get('ADMINISTER') ?? []), ...siteAdmin]);
    groups = groups.filter((g) => {
      if (accessType === 'site-admin') return siteAdmin.has(g.groupId);
      if (accessType === 'admin') return admin.has(g.groupId);
      return state.licences.rolesGrantedBy(g.groupId).length > 0;
    });
  }
  const page = groups.slice(paging.startAt, paging.startAt + paging.maxResults);
  return json(200, {
    ...pageLinks(state, hc, paging, groups.length),
    maxResults: paging.maxResults,
    startAt: paging.startAt,
    total: groups.length,
    isLast: paging.startAt + page.length >= groups.length,
    values: page.map((g) => ({ name: g.name, groupId: g.groupId })),
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function groupsPicker(hc: HandlerContext) {
  const { state } = hc.site;
  const query = hc.request.query.get('query') ?? '';
  const caseInsensitive = hc.request.query.get('caseInsensitive') === 'true';
  const excluded = new Set(hc.request.query.getAll('exclude').map((n) => n.toLowerCase()));
  const excludedIds = new Set(hc.request.query.getAll('excludeId'));
  const maxResults = intParam(hc.request.query, 'maxResults') ?? 20;
  if (Number.isNaN(maxResults) || maxResults < 0)
    return refuseRequest(
      jiraError(400, ["The value of 'maxResults' must be a non-negative integer."]),
      'query.range',
      'GET /rest/api/3/groups/picker: maxResults must be a non-negative integer',
    );
  const matches = state.groups.list().filter((g) => {
    if (excluded.has(g.name.toLowerCase()) || excludedIds.has(g.groupId)) return false;
    return caseInsensitive ? g.name.toLowerCase().includes(query.toLowerCase()) : g.name.includes(query);
  });
  const shown = matches.slice(0, maxResults);
  return json(200, {
    header: `Showing ${shown.length} of ${matches.length} matching groups`,
    total: matches.length,
    groups: shown.map((g) => {
      const at = caseInsensitive ? g.name.toLowerCase().indexOf(query.toLowerCase()) : g.name.indexOf(query);
      const html =
        query.length === 0 || at < 0
          ? escapeHtml(g.name)
          : `${escapeHtml(g.name.slice(0, at))}<b>${escapeHtml(g.name.slice(at, at + query.length))}</b>${escapeHtml(g.name.slice(at + query.length))}`;
      return { name: g.name, html, labels: [], groupId: g.groupId };
    }),
  });
}

export const jiraGroupRoutes: RouteDefinition[] = [
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/group/bulk', handler: bulkGroups },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/group/member',
    handler: groupMembers,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'POST',
    template: '/rest/api/3/group/user',
    handler: addUserToGroup,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'DELETE',
    template: '/rest/api/3/group/user',
    handler: removeUserFromGroup,
  },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/groups/picker',
    handler: groupsPicker,
  },
];
