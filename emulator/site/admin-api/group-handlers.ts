// Admin API groups: v2 list, and v2 group memberships add/remove (refused for IdP-synced groups, and with 409
// when a product the group grants has no seat left).
import { addMember, removeMember } from '../actions/membership-actions';
import { intParam, isRecord, jsonBody } from '../http/parsed-request';
import { adminError, json } from '../http/responses';
import type { HandlerContext, RouteDefinition } from '../router';
import type { Group } from '../state/types';
import {
  ADMIN_API,
  callerOrg,
  decodeAdminCursor,
  directoryNotFound,
  encodeAdminCursor,
  invalidCursor,
  resolveDirectory,
} from './admin-common';

const ADMIN_AUTHOR = { eventSource: 'Atlassian Administration' };

function groupJson(hc: HandlerContext, group: Group): Record<string, unknown> {
  const { state } = hc.site;
  const synced = group.source.kind === 'scim';
  return {
    id: group.groupId,
    name: group.name,
    directoryId: state.directory.directoryId,
    managementAccess: { deletable: !synced, modifiable: !synced, readable: true },
    externalSynced: synced,
    managedBy: synced ? 'EXTERNAL' : 'ADMINS',
    counts: {
      users: state.groups.memberCount(group.groupId),
      resources: state.licences.rolesGrantedBy(group.groupId).length,
    },
    links: {
      self: `${ADMIN_API}/v2/orgs/${callerOrg(hc).orgId}/directories/${state.directory.directoryId}/groups/${group.groupId}`,
    },
  };
}

function listGroups(hc: HandlerContext) {
  const { state } = hc.site;
  if (!resolveDirectory(hc)) return directoryNotFound(hc);
  const cursor = decodeAdminCursor(hc.request.query.get('cursor'));
  if (cursor === 'invalid') return invalidCursor();
  const offset = cursor ? Number(cursor['offset']) : 0;
  const limit = cursor ? Number(cursor['limit']) : (intParam(hc.request.query, 'limit') ?? 100);
  const term = cursor
    ? typeof cursor['searchTerm'] === 'string'
      ? cursor['searchTerm']
      : ''
    : (hc.request.query.get('searchTerm') ?? '');
  const groupIds = cursor ? [] : hc.request.query.getAll('groupIds');
  const accountIds = cursor ? [] : hc.request.query.getAll('accountIds');
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100)
    return cursor ? invalidCursor() : adminError(400, 'limit must be between 1 and 100.');
  const groups = state.groups
    .list()
    .filter((g) => !term || g.name.toLowerCase().includes(term.toLowerCase()))
    .filter((g) => groupIds.length === 0 || groupIds.includes(g.groupId))
    .filter((g) => accountIds.length === 0 || accountIds.some((a) => state.groups.isMember(g.groupId, a)));
  const page = groups.slice(offset, offset + limit);
  return json(200, {
    data: page.map((g) => groupJson(hc, g)),
    links: {
      self: encodeAdminCursor({ offset, limit, searchTerm: term }),
      prev:
        offset > 0
          ? encodeAdminCursor({ offset: Math.max(0, offset - limit), limit, searchTerm: term })
          : null,
      next:
        offset + limit < groups.length
          ? encodeAdminCursor({ offset: offset + limit, limit, searchTerm: term })
          : null,
    },
  });
}

function target(
  hc: HandlerContext,
  accountId: string,
): { group: Group } | { error: ReturnType<typeof adminError> } {
  const { state } = hc.site;
  if (!resolveDirectory(hc)) return { error: directoryNotFound(hc) };
  const group = state.groups.get(hc.params['groupId'] ?? '');
  if (!group) return { error: adminError(404, `Group ${hc.params['groupId'] ?? ''} was not found.`) };
  if (!state.accounts.get(accountId) || !state.directoryMembers.get(accountId))
    return { error: adminError(404, `User ${accountId} was not found in this directory.`) };
  if (group.source.kind === 'scim')
    return {
      error: adminError(
        400,
        `You can't change the members of ${group.name}: it is synced from an identity provider. Manage it there.`,
      ),
    };
  return { group };
}

function addMembership(hc: HandlerContext) {
  const { state } = hc.site;
  const body = jsonBody(hc.request);
  const accountId = body.ok && isRecord(body.value) ? body.value['accountId'] : undefined;
  if (typeof accountId !== 'string' || accountId === '') return adminError(400, 'accountId is required.');
  const found = target(hc, accountId);
  if ('error' in found) return found.error;
  if (!state.groups.isMember(found.group.groupId, accountId) && state.isLicensable(accountId)) {
    const full = state.productRoles.find(
      (role) =>
        role.groupIds.includes(found.group.groupId) &&
        !state.licences.hasRole(accountId, role.key) &&
        state.licences.userCount(role.key) >= role.numberOfSeats,
    );
    if (full) return adminError(409, `Adding this user would exceed the user limit of ${full.name}.`);
  }
  addMember(hc.site, found.group, accountId, { author: ADMIN_AUTHOR });
  return json(200, { message: `${accountId} is a member of ${found.group.name}.` });
}

function removeMembership(hc: HandlerContext) {
  const accountId = hc.params['accountId'] ?? '';
  const found = target(hc, accountId);
  if ('error' in found) return found.error;
  if (removeMember(hc.site, found.group, accountId, { author: ADMIN_AUTHOR }) === 'not-member')
    return adminError(404, `${accountId} is not a member of ${found.group.name}.`);
  return json(200, { message: `${accountId} was removed from ${found.group.name}.` });
}

const GROUPS = '/admin/v2/orgs/{orgId}/directories/{directoryId}/groups';

export const adminGroupRoutes: RouteDefinition[] = [
  { product: 'api', family: 'admin', method: 'GET', template: GROUPS, handler: listGroups },
  {
    product: 'api',
    family: 'admin',
    method: 'POST',
    template: `${GROUPS}/{groupId}/memberships`,
    handler: addMembership,
  },
  {
    product: 'api',
    family: 'admin',
    method: 'DELETE',
    template: `${GROUPS}/{groupId}/memberships/{accountId}`,
    handler: removeMembership,
  },
];
