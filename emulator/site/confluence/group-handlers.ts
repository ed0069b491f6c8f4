// Confluence REST v1 groups and users: list groups, members by group id, add/remove by group id (site admins
// only), the current user, and a user's groups.
import { isAppCall } from '../auth';
import { addMember, removeMember } from '../actions/membership-actions';
import { intParam, isRecord, jsonBody } from '../http/parsed-request';
import { confluenceV1Error, empty, json } from '../http/responses';
import { refuseRequest, type HandlerContext, type RouteDefinition } from '../router';
import type { SiteState } from '../state/site-state';
import type { Group } from '../state/types';
import {
  canUseConfluence,
  confluenceActor,
  confluenceGroupJson,
  confluenceUserJson,
  wikiBase,
} from './confluence-common';

interface V1Paging {
  start: number;
  limit: number;
}

function v1Paging(
  hc: HandlerContext,
  max: number | undefined,
): V1Paging | { error: ReturnType<typeof confluenceV1Error> } {
  const start = intParam(hc.request.query, 'start') ?? 0;
  const limit = intParam(hc.request.query, 'limit') ?? 200;
  if (Number.isNaN(start) || start < 0)
    return { error: confluenceV1Error(400, 'start must be a non-negative integer') };
  if (Number.isNaN(limit) || limit < 0)
    return { error: confluenceV1Error(400, 'limit must be a non-negative integer') };
  if (max !== undefined && limit > max)
    return { error: confluenceV1Error(400, `Limit must be less than or equal to ${max}`) };
  return { start, limit: Math.min(limit, 200) };
}

function v1Links(
  state: SiteState,
  hc: HandlerContext,
  paging: V1Paging,
  total: number,
): Record<string, string> {
  const self = `${wikiBase(state)}${hc.request.pathname.replace(/^\/wiki/, '')}`;
  const links: Record<string, string> = { base: wikiBase(state), context: '/wiki', self };
  if (paging.start + paging.limit < total && paging.limit > 0) {
    const params = new URLSearchParams(hc.request.query);
    params.set('start', String(paging.start + paging.limit));
    params.set('limit', String(paging.limit));
    links['next'] = `${hc.request.pathname.replace(/^\/wiki/, '')}?${params.toString()}`;
  }
  return links;
}

function useRefusal(hc: HandlerContext) {
  return canUseConfluence(hc.site.state, confluenceActor(hc))
    ? undefined
    : confluenceV1Error(403, 'The calling user does not have permission to use Confluence.');
}

function listGroups(hc: HandlerContext) {
  const { state } = hc.site;
  const refusal = useRefusal(hc);
  if (refusal) return refusal;
  const paging = v1Paging(hc, undefined);
  if ('error' in paging) return paging.error;
  const accessType = hc.request.query.get('accessType');
  let groups: readonly Group[] = state.groups.list();
  // site-admin: groups of site admins; admin: groups that administer Confluence (its admin groups and site admins').
  const siteAdmin = state.siteAdminGroupIds();
  if (accessType === 'site-admin') groups = groups.filter((g) => siteAdmin.has(g.groupId));
  else if (accessType === 'admin')
    groups = groups.filter((g) => siteAdmin.has(g.groupId) || state.confluenceAdminGroups.has(g.groupId));
  else if (accessType === 'user')
    groups = groups.filter((g) => state.licences.rolesGrantedBy(g.groupId).includes('confluence'));
  const page = groups.slice(paging.start, paging.start + paging.limit);
  return json(200, {
    results: page.map((g) => confluenceGroupJson(state, g)),
    start: paging.start,
    limit: paging.limit,
    size: page.length,
    _links: v1Links(state, hc, paging, groups.length),
  });
}

function membersByGroupId(hc: HandlerContext) {
  const { state } = hc.site;
  const refusal = useRefusal(hc);
  if (refusal) return refusal;
  const paging = v1Paging(hc, 200);
  if ('error' in paging) return paging.error;
  const group = state.groups.get(hc.params['groupId'] ?? '');
  // The spec documents 200/400/403 only here: an unknown group is a 400.
  if (!group) return confluenceV1Error(400, `No group found with id: ${hc.params['groupId'] ?? ''}`);
  const members = state.groups.membersOf(group.groupId);
  const page = members.slice(paging.start, paging.start + paging.limit);
  return json(200, {
    results: page.flatMap((id) => {
      const account = state.accounts.get(id);
      return account ? [confluenceUserJson(state, account)] : [];
    }),
    start: paging.start,
    limit: paging.limit,
    size: page.length,
    totalSize: members.length,
    _links: v1Links(state, hc, paging, members.length),
  });
}

function adminRefusal(hc: HandlerContext) {
  const account = confluenceActor(hc);
  if (hc.site.state.isSiteAdmin(account.accountId)) return undefined;
  return confluenceV1Error(403, 'Only site admins can manage group memberships.');
}

function groupForWrite(hc: HandlerContext): Group | ReturnType<typeof confluenceV1Error> {
  const groupId = hc.request.query.get('groupId');
  if (!groupId) return confluenceV1Error(400, 'groupId is required');
  const group = hc.site.state.groups.get(groupId);
  if (!group) return confluenceV1Error(404, `No group found with id: ${groupId}`);
  if (group.source.kind === 'scim')
    return confluenceV1Error(
      400,
      `Group '${group.name}' is synced from an external identity provider; change its members there.`,
    );
  return group;
}

function author(hc: HandlerContext) {
  const account = confluenceActor(hc);
  return { accountId: account.accountId, ...(isAppCall(hc.caller) ? { eventSource: 'Confluence' } : {}) };
}

function addToGroup(hc: HandlerContext) {
  const refusal = adminRefusal(hc);
  if (refusal) return refusal;
  const group = groupForWrite(hc);
  if ('status' in group) return group;
  const body = jsonBody(hc.request);
  const accountId = body.ok && isRecord(body.value) ? body.value['accountId'] : undefined;
  if (typeof accountId !== 'string' || accountId === '')
    return confluenceV1Error(400, 'accountId is required');
  if (!hc.site.state.accounts.get(accountId))
    return confluenceV1Error(400, `No user found with accountId: ${accountId}`);
  addMember(hc.site, group, accountId, { author: author(hc) });
  return empty(201);
}

function removeFromGroup(hc: HandlerContext) {
  const refusal = adminRefusal(hc);
  if (refusal) return refusal;
  const group = groupForWrite(hc);
  if ('status' in group) return group;
  const accountId = hc.request.query.get('accountId');
  if (!accountId) return confluenceV1Error(400, 'accountId is required');
  if (!hc.site.state.accounts.get(accountId))
    return confluenceV1Error(404, `No user found with accountId: ${accountId}`);
  // Documented: 204 also when the user is not a member.
  removeMember(hc.site, group, accountId, { author: author(hc) });
  return empty(204);
}

/**
 * `expand=operations` lists what the caller may do site-wide: Confluence administrators (members of a Confluence
 * admin group) and site admins get `administer` on `application`, which is how an app tells a Confluence admin
 * from a user. Jira administrators who are neither do not.
 */
function currentUser(hc: HandlerContext) {
  const { state } = hc.site;
  const account = confluenceActor(hc);
  const body = confluenceUserJson(state, account);
  const expand = (hc.request.query.get('expand') ?? '').split(',').map((e) => e.trim());
  if (expand.includes('operations')) {
    const isAdmin = account.accountType !== 'app' && state.isConfluenceAdmin(account.accountId);
    body.operations = [
      { operation: 'use', targetType: 'application' },
      ...(isAdmin
        ? [
            { operation: 'administer', targetType: 'application' },
            { operation: 'create_space', targetType: 'application' },
          ]
        : []),
    ];
  }
  return json(200, body);
}

function memberOf(hc: HandlerContext) {
  const { state } = hc.site;
  const refusal = useRefusal(hc);
  if (refusal) return refusal;
  const accountId = hc.request.query.get('accountId');
  if (!accountId)
    return refuseRequest(
      confluenceV1Error(400, 'accountId is required'),
      'query.required',
      'GET /wiki/rest/api/user/memberof: query parameter "accountId" is required (key and username are gone)',
    );
  const paging = v1Paging(hc, undefined);
  if ('error' in paging) return paging.error;
  // Unknown accounts belong to no group; the spec documents no 404 here.
  const groups = [...state.groups.groupsOf(accountId)]
    .map((id) => state.groups.get(id))
    .filter((g): g is Group => g !== undefined)
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  const page = groups.slice(paging.start, paging.start + paging.limit);
  return json(200, {
    results: page.map((g) => confluenceGroupJson(state, g)),
    start: paging.start,
    limit: paging.limit,
    size: page.length,
    _links: v1Links(state, hc, paging, groups.length),
  });
}

export const confluenceGroupRoutes: RouteDefinition[] = [
  {
    product: 'confluence',
    family: 'confluence',
    method: 'GET',
    template: '/wiki/rest/api/group',
    handler: listGroups,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'GET',
    template: '/wiki/rest/api/group/{groupId}/membersByGroupId',
    handler: membersByGroupId,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'POST',
    template: '/wiki/rest/api/group/userByGroupId',
    handler: addToGroup,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'DELETE',
    template: '/wiki/rest/api/group/userByGroupId',
    handler: removeFromGroup,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'GET',
    template: '/wiki/rest/api/user/current',
    handler: currentUser,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'GET',
    template: '/wiki/rest/api/user/memberof',
    handler: memberOf,
  },
];
