// Confluence spaces: v2 list/get/permission assignments (cursor paging), and the v1 space-permission
// endpoint, which apps cannot use "including when utilizing user impersonation" (Atlassian's docs).
import { isAppCall } from '../auth';
import { intParam, isRecord, jsonBody, listParam } from '../http/parsed-request';
import { confluenceV1Error, confluenceV2Error, empty, json } from '../http/responses';
import type { HandlerContext, RouteDefinition } from '../router';
import type { Space, SpacePermission, SpacePermissionOperation } from '../state/types';
import {
  canAdministerSpace,
  canViewSpace,
  confluenceActor,
  decodeCursor,
  encodeCursor,
  wikiBase,
} from './confluence-common';

function spaceJson(space: Space): Record<string, unknown> {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    createdAt: new Date(space.createdAt).toISOString(),
    homepageId: space.homepageId,
    _links: { webui: `/spaces/${space.key}` },
  };
}

type V2Page = { offset: number; limit: number } | { error: ReturnType<typeof confluenceV2Error> };

function v2Paging(hc: HandlerContext): V2Page {
  const limit = intParam(hc.request.query, 'limit') ?? 25;
  if (Number.isNaN(limit) || limit < 1 || limit > 250)
    return {
      error: confluenceV2Error(
        400,
        'INVALID_REQUEST_PARAMETER',
        'Bad Request',
        'limit must be between 1 and 250',
      ),
    };
  const offset = decodeCursor(hc.request.query.get('cursor'));
  if (offset === 'invalid')
    return {
      error: confluenceV2Error(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', 'The cursor is not valid.'),
    };
  return { offset: offset ?? 0, limit };
}

function nextLink(hc: HandlerContext, nextOffset: number, limit: number): string {
  const params = new URLSearchParams(hc.request.query);
  params.set('cursor', encodeCursor(nextOffset));
  params.set('limit', String(limit));
  return `${hc.request.pathname}?${params.toString()}`;
}

function pageOf<T>(hc: HandlerContext, items: readonly T[], page: { offset: number; limit: number }) {
  const slice = items.slice(page.offset, page.offset + page.limit);
  const hasNext = page.offset + page.limit < items.length;
  const next = hasNext ? nextLink(hc, page.offset + page.limit, page.limit) : undefined;
  return { slice, next };
}

function listSpaces(hc: HandlerContext) {
  const { state } = hc.site;
  const account = confluenceActor(hc);
  const page = v2Paging(hc);
  if ('error' in page) return page.error;
  const ids = new Set(listParam(hc.request.query, 'ids'));
  const keys = new Set(listParam(hc.request.query, 'keys'));
  const type = hc.request.query.get('type');
  const status = hc.request.query.get('status');
  const sort = hc.request.query.get('sort') ?? 'id';
  let spaces = state.spaces
    .list()
    .filter((s) => canViewSpace(state, account, s))
    .filter((s) => ids.size === 0 || ids.has(s.id))
    .filter((s) => keys.size === 0 || keys.has(s.key))
    .filter((s) => !type || s.type === type)
    .filter((s) => !status || s.status === status);
  const field = sort.replace(/^-/, '');
  if (field === 'key') spaces = spaces.sort((a, b) => (a.key < b.key ? -1 : 1));
  if (field === 'name')
    spaces = spaces.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  if (sort.startsWith('-')) spaces = spaces.reverse();
  const { slice, next } = pageOf(hc, spaces, page);
  return json(
    200,
    { results: slice.map((s) => spaceJson(s)), _links: { ...(next ? { next } : {}), base: wikiBase(state) } },
    next ? { link: `<${next}>; rel="next", <${wikiBase(state)}>; rel="base"` } : {},
  );
}

function visibleSpace(
  hc: HandlerContext,
): { space: Space } | { error: ReturnType<typeof confluenceV2Error> } {
  const { state } = hc.site;
  const id = hc.params['id'] ?? '';
  const space = /^\d+$/.test(id) ? state.spaces.get(id) : undefined;
  if (!space || !canViewSpace(state, confluenceActor(hc), space))
    return {
      error: confluenceV2Error(
        404,
        'NOT_FOUND',
        'Not Found',
        `No space with id ${id} exists or you lack permission to view it.`,
      ),
    };
  return { space };
}

function getSpace(hc: HandlerContext) {
  const found = visibleSpace(hc);
  if ('error' in found) return found.error;
  return json(200, {
    ...spaceJson(found.space),
    _links: { webui: `/spaces/${found.space.key}`, base: wikiBase(hc.site.state) },
  });
}

function assignmentJson(permission: SpacePermission): Record<string, unknown> {
  return {
    id: permission.id,
    principal: { type: permission.principal.type, id: permission.principal.id },
    operation: { key: permission.operation.key, targetType: permission.operation.targetType },
  };
}

function spacePermissions(hc: HandlerContext) {
  const found = visibleSpace(hc);
  if ('error' in found) return found.error;
  const page = v2Paging(hc);
  if ('error' in page) return page.error;
  const { slice, next } = pageOf(hc, found.space.permissions, page);
  return json(
    200,
    {
      results: slice.map(assignmentJson),
      _links: { ...(next ? { next } : {}), base: wikiBase(hc.site.state) },
    },
    next ? { link: `<${next}>; rel="next", <${wikiBase(hc.site.state)}>; rel="base"` } : {},
  );
}

const APPS_REFUSED = 'Apps cannot access this REST resource - including when utilizing user impersonation.';

const OPERATION_KEYS = new Set<SpacePermissionOperation>([
  'read',
  'create',
  'delete',
  'export',
  'administer',
  'restrict_content',
  'archive',
]);
const TARGETS = new Set(['space', 'page', 'blogpost', 'comment', 'attachment']);

function v1PermissionJson(permission: SpacePermission): Record<string, unknown> {
  return {
    id: Number(permission.id),
    subject: { type: permission.principal.type, identifier: permission.principal.id },
    operation: { key: permission.operation.key, target: permission.operation.targetType },
    _links: {},
  };
}

function addSpacePermission(hc: HandlerContext) {
  const { state } = hc.site;
  if (isAppCall(hc.caller)) return confluenceV1Error(403, APPS_REFUSED);
  const account = confluenceActor(hc);
  const space = state.spaces.byKey(hc.params['spaceKey'] ?? '');
  if (!space || !canViewSpace(state, account, space))
    return confluenceV1Error(404, `No space with key ${hc.params['spaceKey'] ?? ''}`);
  if (!canAdministerSpace(state, account, space))
    return confluenceV1Error(403, 'You need the Admin permission for this space.');
  const body = jsonBody(hc.request);
  if (!body.ok || !isRecord(body.value))
    return confluenceV1Error(400, 'The request body must be a JSON object.');
  const subject = body.value['subject'];
  const operation = body.value['operation'];
  if (!isRecord(subject) || !isRecord(operation))
    return confluenceV1Error(400, 'subject and operation are required.');
  const type = subject['type'];
  const identifier = subject['identifier'];
  const key = operation['key'];
  const target = operation['target'];
  if ((type !== 'user' && type !== 'group') || typeof identifier !== 'string')
    return confluenceV1Error(400, 'subject must be {type: user|group, identifier}.');
  if (
    typeof key !== 'string' ||
    !OPERATION_KEYS.has(key as SpacePermissionOperation) ||
    typeof target !== 'string' ||
    !TARGETS.has(target)
  )
    return confluenceV1Error(400, 'operation must name a supported key and target.');
  let principalId = identifier;
  if (type === 'group') {
    const group = state.groups.get(identifier) ?? state.groups.byName(identifier);
    if (!group) return confluenceV1Error(400, `No group found with the given name or id: ${identifier}`);
    principalId = group.groupId;
  } else if (!state.accounts.get(identifier))
    return confluenceV1Error(400, `No user found with accountId: ${identifier}`);
  const same = (p: SpacePermission) => p.principal.type === type && p.principal.id === principalId;
  if (space.permissions.some((p) => same(p) && p.operation.key === key && p.operation.targetType === target))
    return confluenceV1Error(400, 'Permission already exists for the given user or group.');
  if (key !== 'read' && !space.permissions.some((p) => same(p) && p.operation.key === 'read'))
    return confluenceV1Error(400, "'read space' permission doesn't exist for the given user or group.");
  const created = state.spaces.grant(space, {
    principal: { type, id: principalId },
    operation: {
      key: key as SpacePermissionOperation,
      targetType: target as SpacePermission['operation']['targetType'],
    },
  });
  return json(200, v1PermissionJson(created));
}

function removeSpacePermission(hc: HandlerContext) {
  const { state } = hc.site;
  if (isAppCall(hc.caller)) return confluenceV1Error(403, APPS_REFUSED);
  const account = confluenceActor(hc);
  const space = state.spaces.byKey(hc.params['spaceKey'] ?? '');
  if (!space || !canViewSpace(state, account, space))
    return confluenceV1Error(404, `No space with key ${hc.params['spaceKey'] ?? ''}`);
  if (!canAdministerSpace(state, account, space))
    return confluenceV1Error(403, 'You need the Admin permission for this space.');
  const permission = space.permissions.find((p) => p.id === hc.params['id']);
  if (!permission) return confluenceV1Error(404, `There is no permission with id ${hc.params['id'] ?? ''}`);
  const remove =
    permission.operation.key === 'read'
      ? // Removing read removes all of that subject's permissions in the space, as documented.
        (p: SpacePermission) =>
          p.principal.type === permission.principal.type && p.principal.id === permission.principal.id
      : (p: SpacePermission) => p.id === permission.id;
  space.permissions = space.permissions.filter((p) => !remove(p));
  return empty(204);
}

export const confluenceSpaceRoutes: RouteDefinition[] = [
  {
    product: 'confluence',
    family: 'confluence',
    method: 'GET',
    template: '/wiki/api/v2/spaces',
    handler: listSpaces,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'GET',
    template: '/wiki/api/v2/spaces/{id}',
    handler: getSpace,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'GET',
    template: '/wiki/api/v2/spaces/{id}/permissions',
    handler: spacePermissions,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'POST',
    template: '/wiki/rest/api/space/{spaceKey}/permission',
    handler: addSpacePermission,
  },
  {
    product: 'confluence',
    family: 'confluence',
    method: 'DELETE',
    template: '/wiki/rest/api/space/{spaceKey}/permission/{id}',
    handler: removeSpacePermission,
  },
];
