// The SCIM API on api.atlassian.com (Bearer directory key): Users and Groups create/list/get/replace/patch/
// delete, with Atlassian's single-`eq` filters and startIndex/count paging.
import { intParam, jsonBody } from '../http/parsed-request';
import { empty, scimError, scimJson } from '../http/responses';
import type { HandlerContext, RouteDefinition } from '../router';
import type { Directory, ScimGroupRecord, ScimUserRecord } from '../state/types';
import { parseScimFilter } from './scim-filter';
import {
  createScimGroup,
  deleteScimGroup,
  dropFromScimGroups,
  parseScimGroup,
  patchScimGroup,
  replaceScimGroup,
} from './scim-group-ops';
import { listResponse, scimGroupJson, scimUserJson } from './scim-representations';
import {
  createScimUser,
  deleteScimUser,
  parsePatchBody,
  parseScimUser,
  patchScimUser,
  replaceScimUser,
  type ScimOutcome,
} from './scim-user-ops';

/** Atlassian caps SCIM pages at 100 resources. */
const MAX_COUNT = 100;

function directory(hc: HandlerContext): Directory {
  // The pipeline only lets a caller through with this directory's key.
  if (hc.caller.kind !== 'scim-key') throw new Error('SCIM handler reached without a directory key');
  return hc.caller.directory;
}

/** Only creation documents 409; a conflict while replacing or patching is answered 400 (uniqueness). */
function failure(outcome: Extract<ScimOutcome<unknown>, { ok: false }>, conflictStatus: 400 | 409 = 409) {
  return scimError(
    outcome.status === 409 ? conflictStatus : outcome.status,
    outcome.detail,
    outcome.scimType,
  );
}

function body(
  hc: HandlerContext,
): { ok: true; value: unknown } | { ok: false; response: ReturnType<typeof scimError> } {
  const parsed = jsonBody(hc.request);
  if (!parsed.ok)
    return {
      ok: false,
      response: scimError(400, `The body is not valid JSON: ${parsed.reason}`, 'invalidSyntax'),
    };
  return { ok: true, value: parsed.value };
}

function paging(
  hc: HandlerContext,
): { startIndex: number; count: number } | { error: ReturnType<typeof scimError> } {
  const startIndex = intParam(hc.request.query, 'startIndex') ?? 1;
  const count = intParam(hc.request.query, 'count') ?? MAX_COUNT;
  if (Number.isNaN(startIndex) || Number.isNaN(count))
    return { error: scimError(400, 'startIndex and count must be integers.', 'invalidValue') };
  // RFC 7644 §3.4.2.4: startIndex below 1 is read as 1, a negative count as 0.
  return { startIndex: Math.max(1, startIndex), count: Math.min(MAX_COUNT, Math.max(0, count)) };
}

function liveUser(hc: HandlerContext): ScimUserRecord | undefined {
  const user = hc.site.state.scim.user(hc.params['userId'] ?? '');
  return user && !user.deleted && user.directoryId === directory(hc).directoryId ? user : undefined;
}

function liveGroup(hc: HandlerContext): ScimGroupRecord | undefined {
  const group = hc.site.state.scim.group(hc.params['id'] ?? '');
  return group && group.directoryId === directory(hc).directoryId ? group : undefined;
}

const USER_NOT_FOUND = (hc: HandlerContext) => scimError(404, `User ${hc.params['userId'] ?? ''} not found.`);
const GROUP_NOT_FOUND = (hc: HandlerContext) => scimError(404, `Group ${hc.params['id'] ?? ''} not found.`);

function listUsers(hc: HandlerContext) {
  const { state } = hc.site;
  const dir = directory(hc);
  const page = paging(hc);
  if ('error' in page) return page.error;
  let users: readonly ScimUserRecord[];
  const rawFilter = hc.request.query.get('filter');
  if (rawFilter) {
    const filter = parseScimFilter(rawFilter, ['userName', 'externalId']);
    if ('error' in filter) return scimError(400, filter.error, 'invalidFilter');
    const match =
      filter.attribute === 'userName'
        ? state.scim.userByUserName(dir.directoryId, filter.value)
        : state.scim.userByExternalId(dir.directoryId, filter.value);
    users = match && !match.deleted ? [match] : [];
  } else users = state.scim.liveUsers(dir.directoryId);
  const slice = users.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
  return scimJson(
    200,
    listResponse(
      slice.map((u) => scimUserJson(state, u)),
      users.length,
      page.startIndex,
    ),
  );
}

function createUser(hc: HandlerContext) {
  const parsed = body(hc);
  if (!parsed.ok) return parsed.response;
  const input = parseScimUser(parsed.value);
  if (!input.ok) return failure(input);
  const created = createScimUser(hc.site, directory(hc), input.value);
  if (!created.ok) return failure(created);
  return scimJson(201, scimUserJson(hc.site.state, created.value));
}

function getUser(hc: HandlerContext) {
  const user = liveUser(hc);
  return user ? scimJson(200, scimUserJson(hc.site.state, user)) : USER_NOT_FOUND(hc);
}

function putUser(hc: HandlerContext) {
  const user = liveUser(hc);
  if (!user) return USER_NOT_FOUND(hc);
  const parsed = body(hc);
  if (!parsed.ok) return parsed.response;
  const input = parseScimUser(parsed.value);
  if (!input.ok) return failure(input);
  const replaced = replaceScimUser(hc.site, user, input.value);
  if (!replaced.ok) return failure(replaced, 400);
  return scimJson(200, scimUserJson(hc.site.state, replaced.value));
}

function patchUser(hc: HandlerContext) {
  const user = liveUser(hc);
  if (!user) return USER_NOT_FOUND(hc);
  const parsed = body(hc);
  if (!parsed.ok) return parsed.response;
  const operations = parsePatchBody(parsed.value);
  if (!operations.ok) return failure(operations);
  const patched = patchScimUser(hc.site, user, operations.value);
  if (!patched.ok) return failure(patched, 400);
  return scimJson(200, scimUserJson(hc.site.state, patched.value));
}

function deleteUser(hc: HandlerContext) {
  const user = liveUser(hc);
  if (!user) return USER_NOT_FOUND(hc);
  deleteScimUser(hc.site, user, dropFromScimGroups);
  return empty(204);
}

function listGroups(hc: HandlerContext) {
  const { state } = hc.site;
  const dir = directory(hc);
  const page = paging(hc);
  if ('error' in page) return page.error;
  let groups: ScimGroupRecord[];
  const rawFilter = hc.request.query.get('filter');
  if (rawFilter) {
    const filter = parseScimFilter(rawFilter, ['displayName']);
    if ('error' in filter) return scimError(400, filter.error, 'invalidFilter');
    const match = state.scim.groupByName(dir.directoryId, filter.value);
    groups = match ? [match] : [];
  } else groups = state.scim.groupsIn(dir.directoryId);
  const slice = groups.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
  return scimJson(
    200,
    listResponse(
      slice.map((g) => scimGroupJson(state, g)),
      groups.length,
      page.startIndex,
    ),
  );
}

function createGroup(hc: HandlerContext) {
  const parsed = body(hc);
  if (!parsed.ok) return parsed.response;
  const input = parseScimGroup(parsed.value);
  if (!input.ok) return failure(input);
  const created = createScimGroup(hc.site, directory(hc), input.value);
  if (!created.ok) return failure(created);
  return scimJson(201, scimGroupJson(hc.site.state, created.value));
}

function getGroup(hc: HandlerContext) {
  const group = liveGroup(hc);
  return group ? scimJson(200, scimGroupJson(hc.site.state, group)) : GROUP_NOT_FOUND(hc);
}

function putGroup(hc: HandlerContext) {
  const group = liveGroup(hc);
  if (!group) return GROUP_NOT_FOUND(hc);
  const parsed = body(hc);
  if (!parsed.ok) return parsed.response;
  const input = parseScimGroup(parsed.value);
  if (!input.ok) return failure(input);
  const replaced = replaceScimGroup(hc.site, group, input.value);
  if (!replaced.ok) return failure(replaced, 400);
  return scimJson(200, scimGroupJson(hc.site.state, replaced.value));
}

function patchGroup(hc: HandlerContext) {
  const group = liveGroup(hc);
  if (!group) return GROUP_NOT_FOUND(hc);
  const parsed = body(hc);
  if (!parsed.ok) return parsed.response;
  const operations = parsePatchBody(parsed.value);
  if (!operations.ok) return failure(operations);
  const patched = patchScimGroup(hc.site, group, operations.value);
  if (!patched.ok) return failure(patched, 400);
  return scimJson(200, scimGroupJson(hc.site.state, patched.value));
}

function deleteGroup(hc: HandlerContext) {
  const group = liveGroup(hc);
  if (!group) return GROUP_NOT_FOUND(hc);
  deleteScimGroup(hc.site, group);
  return empty(204);
}

const BASE = '/scim/directory/{directoryId}';

export const scimRoutes: RouteDefinition[] = [
  { product: 'api', family: 'scim', method: 'GET', template: `${BASE}/Users`, handler: listUsers },
  { product: 'api', family: 'scim', method: 'POST', template: `${BASE}/Users`, handler: createUser },
  { product: 'api', family: 'scim', method: 'GET', template: `${BASE}/Users/{userId}`, handler: getUser },
  { product: 'api', family: 'scim', method: 'PUT', template: `${BASE}/Users/{userId}`, handler: putUser },
  { product: 'api', family: 'scim', method: 'PATCH', template: `${BASE}/Users/{userId}`, handler: patchUser },
  {
    product: 'api',
    family: 'scim',
    method: 'DELETE',
    template: `${BASE}/Users/{userId}`,
    handler: deleteUser,
  },
  { product: 'api', family: 'scim', method: 'GET', template: `${BASE}/Groups`, handler: listGroups },
  { product: 'api', family: 'scim', method: 'POST', template: `${BASE}/Groups`, handler: createGroup },
  { product: 'api', family: 'scim', method: 'GET', template: `${BASE}/Groups/{id}`, handler: getGroup },
  { product: 'api', family: 'scim', method: 'PUT', template: `${BASE}/Groups/{id}`, handler: putGroup },
  { product: 'api', family: 'scim', method: 'PATCH', template: `${BASE}/Groups/{id}`, handler: patchGroup },
  { product: 'api', family: 'scim', method: 'DELETE', template: `${BASE}/Groups/{id}`, handler: deleteGroup },
];
