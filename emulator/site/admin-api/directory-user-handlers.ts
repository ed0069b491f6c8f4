// Admin API directory users: v2 list (cursor, filters) and details, v2 suspend/restore (org-wide), and v1
// last-active-dates (every site of the org, so the app must pick its own site's entries).
import { setMembershipStatus } from '../actions/account-actions';
import { intParam } from '../http/parsed-request';
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

function userFields(state: SiteState, account: Account): Record<string, unknown> {
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
    platformRoles: state.isSiteAdmin(account.accountId) ? ['atlassian/site-admin'] : [],
    picture: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${account.accountId}/128`,
    avatar: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${account.accountId}/48`,
    managementSource: membership?.managementSource ?? null,
    mfaEnabled: false,
    ...(account.jobTitle !== undefined ? { jobTitle: account.jobTitle } : {}),
    department: account.department ?? null,
    organization: account.organization ?? null,
    location: account.location ?? null,
    timeZone: account.timeZone,
    counts: { resources: state.licences.rolesOf(account.accountId).length },
  };
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
    return true;
  });
  state.listingCache.set('admin-directory-users', { key, ids });
  return ids;
}

function listUsers(hc: HandlerContext) {
  const { state } = hc.site;
  const directory = resolveDirectory(hc);
  if (!directory) return directoryNotFound(hc);
  const cursor = decodeAdminCursor(hc.request.query.get('cursor'));
  if (cursor === 'invalid') return invalidCursor();
  // With a cursor, every other parameter is ignored: the cursor carries the original query.
  const offset = cursor ? Number(cursor['offset']) : 0;
  const filters = cursor
    ? typeof cursor['filters'] === 'string'
      ? cursor['filters']
      : ''
    : filterQuery(hc.request.query);
  const limit = cursor ? Number(cursor['limit']) : (intParam(hc.request.query, 'limit') ?? 100);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100)
    return cursor ? invalidCursor() : adminError(400, 'limit must be between 1 and 100.');
  const ids = matchingIds(state, filters);
  const page = ids.slice(offset, offset + limit);
  const base = `${ADMIN_API}/v2/orgs/${callerOrg(hc).orgId}/directories/${hc.params['directoryId'] ?? ''}/users`;
  const next =
    offset + limit < ids.length ? encodeAdminCursor({ offset: offset + limit, filters, limit }) : null;
  const prev = offset > 0 ? encodeAdminCursor({ offset: Math.max(0, offset - limit), filters, limit }) : null;
  return json(200, {
    data: page.flatMap((id) => {
      const account = state.accounts.get(id);
      return account ? [{ ...userFields(state, account), links: { self: `${base}/${id}` } }] : [];
    }),
    links: { self: encodeAdminCursor({ offset, filters, limit }), prev, next },
  });
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
