// Jira user endpoints: /myself, /user, /user/bulk, /user/groups, /user/email(/bulk), /users(/search), /user/search.
import { isAppCall } from '../auth';
import { listParam } from '../http/parsed-request';
import { jiraError, json } from '../http/responses';
import { refuseRequest, type HandlerContext, type RouteDefinition } from '../router';
import type { Account, Group } from '../state/types';
import {
  actor,
  browseUsersRefusal,
  canBrowseUsers,
  NOT_FOUND_USER,
  pageLinks,
  readPaging,
} from './jira-common';
import { groupNameJson, userJson } from './representations';

function expandFlags(hc: HandlerContext): { expandGroups: boolean; expandApplicationRoles: boolean } {
  const expand = listParam(hc.request.query, 'expand');
  return {
    expandGroups: expand.includes('groups'),
    expandApplicationRoles: expand.includes('applicationRoles'),
  };
}

function myself(hc: HandlerContext) {
  return json(200, userJson(hc.site.state, actor(hc), { single: true, ...expandFlags(hc) }));
}

function getUser(hc: HandlerContext) {
  const { state } = hc.site;
  const accountId = hc.request.query.get('accountId');
  if (!accountId)
    return refuseRequest(
      jiraError(400, ["The 'accountId' query parameter needs to be provided."]),
      'query.required',
      'GET /rest/api/3/user: query parameter "accountId" is required (the spec says so in its description)',
    );
  if (!canBrowseUsers(state, actor(hc).accountId)) return browseUsersRefusal();
  const account = state.accounts.get(accountId);
  if (!account) return jiraError(404, [NOT_FOUND_USER]);
  return json(200, userJson(state, account, { single: true, ...expandFlags(hc) }));
}

function bulkUsers(hc: HandlerContext) {
  const { state } = hc.site;
  const ids = hc.request.query.getAll('accountId').filter((id) => id.length > 0);
  if (ids.length === 0) return jiraError(400, ["The 'accountId' query parameter needs to be provided."]);
  const paging = readPaging(hc, { maxResults: 10, cap: 200 });
  if ('error' in paging) return paging.error;
  const found = ids.map((id) => state.accounts.get(id)).filter((a): a is Account => a !== undefined);
  const values = found.slice(paging.startAt, paging.startAt + paging.maxResults);
  return json(200, {
    ...pageLinks(state, hc, paging, found.length),
    maxResults: paging.maxResults,
    startAt: paging.startAt,
    total: found.length,
    isLast: paging.startAt + values.length >= found.length,
    values: values.map((a) => userJson(state, a)),
  });
}

function userGroups(hc: HandlerContext) {
  const { state } = hc.site;
  const accountId = hc.request.query.get('accountId');
  if (!accountId) return jiraError(400, ["The 'accountId' query parameter needs to be provided."]);
  if (!canBrowseUsers(state, actor(hc).accountId)) return browseUsersRefusal();
  if (!state.accounts.get(accountId)) return jiraError(404, [NOT_FOUND_USER]);
  const groups = [...state.groups.groupsOf(accountId)]
    .map((id) => state.groups.get(id))
    .filter((g): g is Group => g !== undefined)
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  return json(
    200,
    groups.map((g) => groupNameJson(state, g)),
  );
}

/** Documented: "For Forge apps, this API only supports access via asApp() requests." */
function emailRefusal(hc: HandlerContext) {
  if (hc.caller.kind === 'app') return undefined;
  return jiraError(401, [
    hc.caller.kind === 'user' && isAppCall(hc.caller)
      ? 'This API is only available to apps through asApp(); user requests are not allowed.'
      : 'This API is only available to approved apps.',
  ]);
}

function userEmail(hc: HandlerContext) {
  const refusal = emailRefusal(hc);
  if (refusal) return refusal;
  const accountId = hc.request.query.get('accountId');
  if (!accountId) return jiraError(400, ["The 'accountId' query parameter needs to be provided."]);
  const account = hc.site.state.accounts.get(accountId);
  if (!account || account.accountType !== 'atlassian') return jiraError(404, [NOT_FOUND_USER]);
  return json(200, { accountId, email: account.email });
}

function userEmailBulk(hc: HandlerContext) {
  const refusal = emailRefusal(hc);
  if (refusal) return refusal;
  const ids = hc.request.query.getAll('accountId').filter((id) => id.length > 0);
  if (ids.length === 0) return jiraError(400, ["The 'accountId' query parameter needs to be provided."]);
  const out: Array<{ accountId: string; email: string }> = [];
  for (const id of ids) {
    const account = hc.site.state.accounts.get(id);
    if (account && account.accountType === 'atlassian') out.push({ accountId: id, email: account.email });
  }
  return json(200, out);
}

/** /users and /users/search: every account (active, inactive, app accounts), in a stable order. */
function allUsers(hc: HandlerContext) {
  const { state } = hc.site;
  if (!canBrowseUsers(state, actor(hc).accountId)) return browseUsersRefusal();
  const paging = readPaging(hc, { maxResults: 50, cap: 1000 });
  if ('error' in paging) return paging.error;
  const page = state.accounts.slice(paging.startAt, paging.startAt + paging.maxResults);
  return json(
    200,
    page.map((a) => userJson(state, a)),
  );
}

/** /user/search: active users whose name or email starts with the query (or one account by id). */
function searchUsers(hc: HandlerContext) {
  const { state } = hc.site;
  const query = hc.request.query.get('query');
  const accountId = hc.request.query.get('accountId');
  if (!query && !accountId)
    return jiraError(400, ['One of the query parameters query or accountId must be provided.']);
  if (query && accountId)
    return jiraError(400, ['The query parameters query and accountId cannot both be provided.']);
  const paging = readPaging(hc, { maxResults: 50, cap: 1000 });
  if ('error' in paging) return paging.error;
  if (accountId) {
    const account = state.accounts.get(accountId);
    return json(200, account && paging.startAt === 0 ? [userJson(state, account)] : []);
  }
  const needle = (query ?? '').toLowerCase();
  const matches: Account[] = [];
  const limit = Math.min(1000, paging.startAt + paging.maxResults);
  for (const account of state.accounts.all()) {
    if (matches.length >= limit) break;
    if (!state.isActiveInJira(account.accountId)) continue;
    const words = account.displayName.toLowerCase().split(/\s+/);
    const email = state.isManaged(account.email) ? account.email.toLowerCase() : '';
    if (
      words.some((w) => w.startsWith(needle)) ||
      account.displayName.toLowerCase().startsWith(needle) ||
      (email && email.startsWith(needle))
    )
      matches.push(account);
  }
  return json(
    200,
    matches.slice(paging.startAt, paging.startAt + paging.maxResults).map((a) => userJson(state, a)),
  );
}

export const jiraUserRoutes: RouteDefinition[] = [
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/myself', handler: myself },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/user', handler: getUser },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/user/bulk', handler: bulkUsers },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/user/groups',
    handler: userGroups,
  },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/user/email', handler: userEmail },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/user/email/bulk',
    handler: userEmailBulk,
  },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/users/search', handler: allUsers },
  { product: 'jira', family: 'jira', method: 'GET', template: '/rest/api/3/users', handler: allUsers },
  {
    product: 'jira',
    family: 'jira',
    method: 'GET',
    template: '/rest/api/3/user/search',
    handler: searchUsers,
  },
];
