// Admin API directory users: v2 list (GET, deprecated after 2027-06-30) and search (POST, its replacement: the same
// filters as a JSON body, platform roles and counts only when expanded), details, v2 suspend/restore (org-wide),
// and v1 last-active-dates (every site of the org, so the app must pick its own site's entries).
import { setMembershipStatus } from '../actions/account-actions';
import { intParam, isRecord, jsonBody } from '../http/parsed-request';
import { adminError, json } from '../http/responses';
import type { HandlerContext, RouteDefinition } from '../router';
import type { SiteState } from '../state/site-state';
import type { Account } from '../state/types';
import {
  ADMIN_API,
  allSites,
  callerOrg,
  decodeAdminCursor,
  directoryNotFound,
  encodeAdminCursor,
  invalidCursor,
  isoDate,
  isoSeconds,
  ownsSite,
  productInstanceAri,
  resolveDirectory,
} from './admin-common';

type UserStatus = 'active' | 'suspended' | 'deactivated';

function statusOf(state: SiteState, account: Account): UserStatus {
  if (account.accountStatus !== 'active') return 'deactivated';
  return state.directoryMembers.get(account.accountId)?.status === 'suspended' ? 'suspended' : 'active';
}

/** The fields the search leaves out unless `expand` names them (the deprecated GET always has them). */
type Expandable = 'platformRoles' | 'counts.resources';
const ALL_EXPANDED: ReadonlySet<string> = new Set<Expandable>(['platformRoles', 'counts.resources']);

function userFields(
  state: SiteState,
  account: Account,
  expand: ReadonlySet<string> = ALL_EXPANDED,
): Record<string, unknown> {
  const membership = state.directoryMembers.get(account.accountId);
  const managed = state.isManaged(account.email);
  return {
    accountId: account.accountId,
    accountType: account.accountType,
    status: statusOf(state, account),
    accountStatus: account.accountStatus,
    membershipStatus: membership?.status ?? 'no_membership',
    addedToOrg: membership
      ? new Date(membership.addedAt).toISOString()
      : new Date(account.createdAt).toISOString(),
    name: account.displayName,
    nickname: account.nickname,
    email: account.email,
    emailVerified: true,
    claimStatus: managed ? 'managed' : 'unmanaged',
    ...(expand.has('platformRoles')
      ? { platformRoles: state.isSiteAdmin(account.accountId) ? ['atlassian/site-admin'] : [] }
      : {}),
    picture: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${account.accountId}/128`,
    avatar: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${account.accountId}/48`,
    managementSource: membership?.managementSource ?? null,
    mfaEnabled: false,
    ...(account.jobTitle !== undefined ? { jobTitle: account.jobTitle } : {}),
    department: account.department ?? null,
    organization: account.organization ?? null,
    location: account.location ?? null,
    timeZone: account.timeZone,
    ...(expand.has('counts.resources')
      ? { counts: { resources: state.licences.rolesOf(account.accountId).length } }
      : {}),
    ...(expand.has('groups') ? { groups: userGroups(state, account.accountId) } : {}),
  };
}

/** The groups a user is in, as the search's `groups` expansion lists them (the search alone offers it). */
function userGroups(state: SiteState, accountId: string): Array<Record<string, unknown>> {
  return [...state.groups.groupsOf(accountId)].flatMap((groupId) => {
    const group = state.groups.get(groupId);
    return group ? [{ id: group.groupId, name: group.name, description: group.description }] : [];
  });
}

const FILTER_KEYS = [
  'accountIds',
  'status',
  'accountStatus',
  'membershipStatus',
  'claimStatus',
  'emailDomains',
  'searchTerm',
  'groupIds',
  'emails',
];

function filterQuery(query: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of query.getAll(key)) kept.append(key, value);
  kept.sort();
  return kept.toString();
}

/** Directory members passing the filters, cached until accounts, statuses or memberships change. */
function matchingIds(state: SiteState, filters: string): readonly string[] {
  const all = state.directoryMembers.ids();
  if (filters === '') return all;
  const key = `${filters}|${state.statusVersion}|${state.membershipVersion}|${all.length}`;
  const cached = state.listingCache.get('admin-directory-users');
  if (cached?.key === key) return cached.ids;
  const q = new URLSearchParams(filters);
  const accountIds = new Set(q.getAll('accountIds'));
  const statuses = new Set(q.getAll('status'));
  const accountStatuses = new Set(q.getAll('accountStatus'));
  const membershipStatuses = new Set(q.getAll('membershipStatus'));
  const claim = q.get('claimStatus');
  const domains = q.getAll('emailDomains').map((d) => d.replace(/^@/, '').toLowerCase());
  const term = (q.get('searchTerm') ?? '').toLowerCase();
  const groupIds = q.getAll('groupIds');
  const emails = new Set(q.getAll('emails').map((e) => e.toLowerCase()));
  const ids = all.filter((id) => {
    const account = state.accounts.get(id);
    if (!account) return false;
    if (accountIds.size > 0 && !accountIds.has(id)) return false;
    if (statuses.size > 0 && !statuses.has(statusOf(state, account))) return false;
    if (accountStatuses.size > 0 && !accountStatuses.has(account.accountStatus)) return false;
    if (
      membershipStatuses.size > 0 &&
      !membershipStatuses.has(state.directoryMembers.get(id)?.status ?? 'no_membership')
    )
      return false;
    if (claim && (claim === 'managed') !== state.isManaged(account.email)) return false;
    if (domains.length > 0 && !domains.includes(account.email.split('@')[1]?.toLowerCase() ?? ''))
      return false;
    if (term && !account.nickname.toLowerCase().includes(term) && !account.email.toLowerCase().includes(term))
      return false;
    if (groupIds.length > 0 && !groupIds.some((g) => state.groups.isMember(g, id))) return false;
    if (emails.size > 0 && !emails.has(account.email.toLowerCase())) return false;
    return true;
  });
  state.listingCache.set('admin-directory-users', { key, ids });
  return ids;
}

interface UserQuery {
  filters: string;
  limit: number;
  offset: number;
  /** The search's expand list; absent for the GET, which always answers every field. */
  expand?: string[];
}

/** A page of users; the cursors carry the whole query (with a cursor every other parameter is ignored). */
function usersPage(hc: HandlerContext, query: UserQuery) {
  const { state } = hc.site;
  const { filters, limit, offset, expand } = query;
  const ids = matchingIds(state, filters);
  const page = ids.slice(offset, offset + limit);
  const base = `${ADMIN_API}/v2/orgs/${callerOrg(hc).orgId}/directories/${hc.params['directoryId'] ?? ''}/users`;
  const cursorAt = (at: number) =>
    encodeAdminCursor({ offset: at, filters, limit, ...(expand ? { expand } : {}) });
  const fields = expand ? new Set(expand) : ALL_EXPANDED;
  return json(200, {
    data: page.flatMap((id) => {
      const account = state.accounts.get(id);
      return account ? [{ ...userFields(state, account, fields), links: { self: `${base}/${id}` } }] : [];
    }),
    links: {
      self: cursorAt(offset),
      prev: offset > 0 ? cursorAt(Math.max(0, offset - limit)) : null,
      next: offset + limit < ids.length ? cursorAt(offset + limit) : null,
    },
  });
}

/** The query a cursor carries, or 'invalid'. */
function queryOfCursor(cursor: Record<string, unknown>): UserQuery | 'invalid' {
  const offset = Number(cursor['offset']);
  const limit = Number(cursor['limit']);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100)
    return 'invalid';
  const expand = cursor['expand'];
  return {
    offset,
    limit,
    filters: typeof cursor['filters'] === 'string' ? cursor['filters'] : '',
    ...(Array.isArray(expand) ? { expand: expand.filter((e): e is string => typeof e === 'string') } : {}),
  };
}

/** Atlassian's changelog: GET …/users "will no longer work after June 30, 2027" (POST …/users/search replaces it). */
export const DIRECTORY_USERS_GET_RETIRED_AFTER = Date.UTC(2027, 5, 30, 23, 59, 59, 999);

function listUsers(hc: HandlerContext) {
  // Once the emulated clock passes the retirement date the endpoint is gone, as it will be on a real site (the
  // status Atlassian will answer is unconfirmed; 404 is one the spec documents).
  if (hc.site.clock.now() > DIRECTORY_USERS_GET_RETIRED_AFTER)
    return adminError(
      404,
      'GET /v2/orgs/{orgId}/directories/{directoryId}/users stopped working after 2027-06-30; use POST .../users/search.',
    );
  if (!resolveDirectory(hc)) return directoryNotFound(hc);
  const cursor = decodeAdminCursor(hc.request.query.get('cursor'));
  if (cursor === 'invalid') return invalidCursor();
  if (cursor) {
    const query = queryOfCursor(cursor);
    return query === 'invalid' ? invalidCursor() : usersPage(hc, query);
  }
  const limit = intParam(hc.request.query, 'limit') ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return adminError(400, 'limit must be between 1 and 100.');
  return usersPage(hc, { filters: filterQuery(hc.request.query), limit, offset: 0 });
}

/** POST .../users/search: the GET's filters as a JSON body (the spec checker has validated its shape). */
function searchUsers(hc: HandlerContext) {
  if (!resolveDirectory(hc)) return directoryNotFound(hc);
  const parsed = jsonBody(hc.request);
  if (!parsed.ok || !isRecord(parsed.value)) return adminError(400, 'The body must be a JSON object.');
  const body = parsed.value;
  if (typeof body['cursor'] === 'string') {
    const cursor = decodeAdminCursor(body['cursor']);
    if (cursor === 'invalid' || cursor === undefined) return invalidCursor();
    const query = queryOfCursor(cursor);
    return query === 'invalid' ? invalidCursor() : usersPage(hc, query);
  }
  if (body['searchTerm'] !== undefined && body['emails'] !== undefined)
    return adminError(400, 'searchTerm and emails cannot be used together.');
  // As modelled: a search names at most a page's worth of accounts.
  if (Array.isArray(body['accountIds']) && body['accountIds'].length > 100)
    return adminError(400, 'accountIds takes at most 100 account ids.');
  const limit = typeof body['limit'] === 'number' ? body['limit'] : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return adminError(400, 'limit must be between 1 and 100.');
  const filters = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = body[key];
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      filters.append(key, String(item));
  }
  filters.sort();
  const expand = Array.isArray(body['expand']) ? body['expand'].map(String) : [];
  return usersPage(hc, { filters: filters.toString(), limit, offset: 0, expand });
}

function directoryAccount(hc: HandlerContext): Account | undefined {
  const { state } = hc.site;
  const accountId = hc.params['accountId'] ?? '';
  const account = state.accounts.get(accountId);
  if (!account || !state.directoryMembers.get(accountId)) return undefined;
  return account;
}

function userNotFound(hc: HandlerContext) {
  return adminError(404, `User ${hc.params['accountId'] ?? ''} was not found in this directory.`);
}

function userDetails(hc: HandlerContext) {
  if (!resolveDirectory(hc)) return directoryNotFound(hc);
  const account = directoryAccount(hc);
  if (!account) return userNotFound(hc);
  return json(200, { data: userFields(hc.site.state, account) });
}

function suspend(hc: HandlerContext) {
  if (!resolveDirectory(hc)) return directoryNotFound(hc);
  const account = directoryAccount(hc);
  if (!account) return userNotFound(hc);
  if (hc.site.state.org.orgAdmins.has(account.accountId) && hc.site.state.org.orgAdmins.size === 1)
    return adminError(400, 'The only organization admin cannot be suspended.');
  setMembershipStatus(hc.site, account, 'suspended');
  return json(200, { message: `Access suspended for ${account.accountId}.` });
}

function restore(hc: HandlerContext) {
  const { state } = hc.site;
  if (!resolveDirectory(hc)) return directoryNotFound(hc);
  const account = directoryAccount(hc);
  if (!account) return userNotFound(hc);
  if (state.directoryMembers.get(account.accountId)?.status === 'suspended') {
    // Restoring gives back every product the user's groups grant: refused if that exceeds a user limit.
    const full = state.productRoles.find(
      (role) =>
        role.groupIds.some((g) => state.groups.isMember(g, account.accountId)) &&
        state.licences.userCount(role.key) >= role.numberOfSeats,
    );
    if (full) return adminError(409, `Restoring this user would exceed the user limit of ${full.name}.`);
  }
  setMembershipStatus(hc.site, account, 'active');
  return json(200, { message: `Access restored for ${account.accountId}.` });
}

function lastActiveDates(hc: HandlerContext) {
  const { state, clock } = hc.site;
  if (!ownsSite(hc))
    return adminError(404, `User ${hc.params['accountId'] ?? ''} was not found in this organization.`);
  const cursor = decodeAdminCursor(hc.request.query.get('cursor'));
  if (cursor === 'invalid') return invalidCursor();
  const account = directoryAccount(hc);
  if (!account)
    return adminError(404, `User ${hc.params['accountId'] ?? ''} was not found in this organization.`);
  const sites = new Map(allSites(state).map((site) => [site.cloudId, site]));
  const visibleUntil = clock.now() - lastActiveLagMs(state);
  const entries = state.activity
    .entriesOf(account.accountId)
    .filter((entry) => entry.lastActive <= visibleUntil)
    .flatMap((entry) => {
      const site = sites.get(entry.cloudId);
      return site
        ? [
            {
              id: productInstanceAri(site, entry.productKey),
              key: entry.productKey,
              last_active: isoDate(entry.lastActive),
              last_active_timestamp: isoSeconds(entry.lastActive),
            },
          ]
        : [];
    });
  const addedAt = state.directoryMembers.get(account.accountId)?.addedAt ?? account.createdAt;
  return json(200, {
    data: {
      product_access: entries,
      added_to_org: isoDate(addedAt),
      added_to_org_timestamp: isoSeconds(addedAt),
    },
    links: { next: null },
  });
}

/** How far behind activity the Admin API reports (Atlassian: "may be delayed by up to 24 hours"). */
export function lastActiveLagMs(state: SiteState): number {
  return state.settings.lastActiveLagMs;
}

const V2 = '/admin/v2/orgs/{orgId}/directories/{directoryId}/users';

export const adminDirectoryUserRoutes: RouteDefinition[] = [
  { product: 'api', family: 'admin', method: 'GET', template: V2, handler: listUsers },
  { product: 'api', family: 'admin', method: 'POST', template: `${V2}/search`, handler: searchUsers },
  { product: 'api', family: 'admin', method: 'GET', template: `${V2}/{accountId}`, handler: userDetails },
  {
    product: 'api',
    family: 'admin',
    method: 'POST',
    template: `${V2}/{accountId}/suspend`,
    handler: suspend,
  },
  {
    product: 'api',
    family: 'admin',
    method: 'POST',
    template: `${V2}/{accountId}/restore`,
    handler: restore,
  },
  {
    product: 'api',
    family: 'admin',
    method: 'GET',
    template: '/admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates',
    handler: lastActiveDates,
  },
];
