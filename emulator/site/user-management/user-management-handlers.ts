// The user-management API on api.atlassian.com (Bearer org key; managed accounts only): manageability,
// profile read/update, email, API tokens, lifecycle disable/enable.
import { setAccountStatus, updateProfile, type ProfileChanges } from '../actions/account-actions';
import { isRecord, jsonBody } from '../http/parsed-request';
import { empty, json, userManagementError } from '../http/responses';
import type { HandlerContext, RouteDefinition } from '../router';
import type { Account } from '../state/types';

const ADMIN_AUTHOR = { eventSource: 'Atlassian Administration' };

type Target = { account: Account } | { error: ReturnType<typeof userManagementError> };

/** The account in the path, which the calling org must manage (its email is on one of the org's verified domains). */
function managedTarget(hc: HandlerContext): Target {
  const { state } = hc.site;
  if (hc.caller.kind !== 'org-key') throw new Error('user-management handler reached without an org key');
  const accountId = hc.params['account_id'] ?? hc.params['accountId'] ?? '';
  const account = state.accounts.get(accountId);
  if (!account) return { error: userManagementError(404, 'accountNotFound') };
  const managed =
    hc.caller.org.orgId === state.org.orgId &&
    account.accountType === 'atlassian' &&
    state.isManaged(account.email);
  if (!managed) return { error: userManagementError(403, 'forbidden') };
  return { account };
}

function accountJson(hc: HandlerContext, account: Account): Record<string, unknown> {
  const extended: Record<string, string> = {};
  if (account.jobTitle !== undefined) extended['job_title'] = account.jobTitle;
  if (account.organization !== undefined) extended['organization'] = account.organization;
  if (account.department !== undefined) extended['department'] = account.department;
  if (account.location !== undefined) extended['location'] = account.location;
  return {
    account_id: account.accountId,
    account_type: account.accountType,
    account_status: account.accountStatus,
    name: account.displayName,
    picture: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${account.accountId}/128`,
    email: account.email,
    nickname: account.nickname.slice(0, 30),
    zoneinfo: account.timeZone,
    locale: account.locale.replace('_', '-'),
    extended_profile: extended,
    characteristics: { not_mentionable: false },
  };
}

const ALLOWED = { allowed: true };

function manageability(hc: HandlerContext) {
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  const fields = {
    name: ALLOWED,
    nickname: ALLOWED,
    zoneinfo: ALLOWED,
    locale: ALLOWED,
    'extended_profile.job_title': ALLOWED,
    'extended_profile.organization': ALLOWED,
    'extended_profile.department': ALLOWED,
    'extended_profile.location': ALLOWED,
  };
  return json(200, {
    profile: fields,
    'profile.write': fields,
    'profile.read': ALLOWED,
    'email.set': ALLOWED,
    'lifecycle.enablement': ALLOWED,
    'apiToken.read': ALLOWED,
    'apiToken.delete': ALLOWED,
  });
}

function getProfile(hc: HandlerContext) {
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  return json(200, { account: accountJson(hc, target.account) });
}

function fieldViolation(field: string, key: string) {
  return json(400, {
    key: 'fieldConstraintsViolated',
    context: { fieldViolations: [{ field, violations: [{ key }] }] },
  });
}

function patchProfile(hc: HandlerContext) {
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  const body = jsonBody(hc.request);
  if (!body.ok || !isRecord(body.value)) return userManagementError(400, 'bodyParseFailure');
  const input = body.value;
  const changes: ProfileChanges = {};
  for (const field of ['name', 'nickname', 'zoneinfo', 'locale'])
    if (input[field] !== undefined && typeof input[field] !== 'string') return fieldViolation(field, 'type');
  const text = (key: string): string | undefined => (typeof input[key] === 'string' ? input[key] : undefined);
  const name = text('name');
  const nickname = text('nickname');
  const zoneinfo = text('zoneinfo');
  const locale = text('locale');
  if (nickname !== undefined && (nickname.length < 1 || nickname.length > 30))
    return fieldViolation('nickname', 'maxLength');
  if (name !== undefined) changes.displayName = name;
  if (nickname !== undefined) changes.nickname = nickname;
  if (zoneinfo !== undefined) changes.timeZone = zoneinfo;
  if (locale !== undefined) changes.locale = locale.replace('-', '_');
  const extended = input['extended_profile'];
  if (extended !== undefined) {
    if (!isRecord(extended)) return fieldViolation('extended_profile', 'type');
    const map: Array<[string, keyof ProfileChanges]> = [
      ['job_title', 'jobTitle'],
      ['organization', 'organization'],
      ['department', 'department'],
      ['location', 'location'],
    ];
    for (const [field, key] of map) {
      const value = extended[field];
      if (value === undefined) continue;
      if (typeof value !== 'string') return fieldViolation(`extended_profile.${field}`, 'type');
      changes[key] = value;
    }
  }
  updateProfile(hc.site, target.account, changes, { author: ADMIN_AUTHOR, emit: 'display-name-change' });
  return json(200, { account: accountJson(hc, target.account) });
}

function setEmail(hc: HandlerContext) {
  const { state } = hc.site;
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  const body = jsonBody(hc.request);
  const email = body.ok && isRecord(body.value) ? body.value['email'] : undefined;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) return fieldViolation('email', 'format');
  const domain = email.split('@')[1] ?? '';
  if (!state.isManaged(email)) return json(403, { key: 'forbidden.unclaimedDomain', context: { domain } });
  const holder = state.accounts.byEmail(email);
  if (holder && holder.accountId !== target.account.accountId) return fieldViolation('email', 'unique');
  state.accounts.changeEmail(target.account.accountId, email);
  return empty(204);
}

function listTokens(hc: HandlerContext) {
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  return json(
    200,
    target.account.apiTokens.map((t) => ({
      id: t.id,
      label: t.label,
      createdAt: new Date(t.createdAt).toISOString(),
    })),
  );
}

function deleteToken(hc: HandlerContext) {
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  const before = target.account.apiTokens.length;
  target.account.apiTokens = target.account.apiTokens.filter((t) => t.id !== hc.params['tokenId']);
  if (target.account.apiTokens.length === before) return userManagementError(404, 'notFound');
  return empty(204);
}

function disable(hc: HandlerContext) {
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  setAccountStatus(hc.site, target.account, 'inactive', ADMIN_AUTHOR);
  return empty(204);
}

function enable(hc: HandlerContext) {
  const target = managedTarget(hc);
  if ('error' in target) return target.error;
  setAccountStatus(hc.site, target.account, 'active', ADMIN_AUTHOR);
  return empty(204);
}

export const userManagementRoutes: RouteDefinition[] = [
  {
    product: 'api',
    family: 'user-management',
    method: 'GET',
    template: '/users/{account_id}/manage',
    handler: manageability,
  },
  {
    product: 'api',
    family: 'user-management',
    method: 'GET',
    template: '/users/{account_id}/manage/profile',
    handler: getProfile,
  },
  {
    product: 'api',
    family: 'user-management',
    method: 'PATCH',
    template: '/users/{account_id}/manage/profile',
    handler: patchProfile,
  },
  {
    product: 'api',
    family: 'user-management',
    method: 'PUT',
    template: '/users/{account_id}/manage/email',
    handler: setEmail,
  },
  {
    product: 'api',
    family: 'user-management',
    method: 'GET',
    template: '/users/{accountId}/manage/api-tokens',
    handler: listTokens,
  },
  {
    product: 'api',
    family: 'user-management',
    method: 'DELETE',
    template: '/users/{accountId}/manage/api-tokens/{tokenId}',
    handler: deleteToken,
  },
  {
    product: 'api',
    family: 'user-management',
    method: 'POST',
    template: '/users/{account_id}/manage/lifecycle/disable',
    handler: disable,
  },
  {
    product: 'api',
    family: 'user-management',
    method: 'POST',
    template: '/users/{account_id}/manage/lifecycle/enable',
    handler: enable,
  },
];
