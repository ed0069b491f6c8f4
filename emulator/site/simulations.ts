// Things that happen on a real site without an API call the app could make: a SAML JIT login, an admin's
// invitation, people using products (activity), an admin changing groups by hand.
import { createHumanAccount } from './actions/account-actions';
import { addMember, removeMember } from './actions/membership-actions';
import type { SiteContext } from './site-context';

export interface JitLoginInput {
  email: string;
  displayName: string;
}

export interface AccountCreation {
  accountId: string;
  /** False when the account already existed (a second login creates nothing). */
  created: boolean;
}

const JIT_AUTHOR = { eventSource: 'SAML single sign-on' };
const INVITE_AUTHOR = { eventSource: 'Atlassian Administration' };
const CONTROL_AUTHOR = { eventSource: 'Atlassian Administration' };

function requireEmail(email: string): void {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new RangeError(`not an email address: "${email}"`);
}

/**
 * SAML JIT: the first login creates the account with name and email only, adds the site's default product
 * groups, writes "User created" and "User added to group" audit records and emits avi:jira:created:user and
 * avi:confluence:created:user. A later login of the same person creates nothing.
 */
export function simulateJitLogin(ctx: SiteContext, input: JitLoginInput): AccountCreation {
  requireEmail(input.email);
  if (input.displayName.trim() === '') throw new RangeError('JIT login needs a display name');
  const existing = ctx.state.accounts.byEmail(input.email);
  if (existing) return { accountId: existing.accountId, created: false };
  if (!ctx.state.isManaged(input.email))
    throw new RangeError(
      `SAML single sign-on only covers the org's verified domains (${ctx.state.org.verifiedDomains.join(', ')}); ${input.email} is not on one`,
    );
  const account = createHumanAccount(
    ctx,
    { email: input.email, displayName: input.displayName, managementSource: null },
    { author: JIT_AUTHOR, defaultGroups: true, history: true },
  );
  return { accountId: account.accountId, created: true };
}

export interface InviteInput {
  email: string;
  displayName?: string;
  /** Extra site groups (by name) the admin picked in the invitation. */
  groups?: string[];
  /** The person's language setting, as Jira names it (`de_DE`); `en_US` by default. */
  locale?: string;
}

/** An admin invites someone (any domain): default product groups plus any groups named in the invitation. */
export function simulateInvite(ctx: SiteContext, input: InviteInput): AccountCreation {
  requireEmail(input.email);
  const existing = ctx.state.accounts.byEmail(input.email);
  if (existing) return { accountId: existing.accountId, created: false };
  const groups = (input.groups ?? []).map((name) => {
    const group = ctx.state.groups.byName(name);
    if (!group) throw new RangeError(`invite names unknown group "${name}"`);
    return group;
  });
  const local = input.email.split('@')[0] ?? input.email;
  const account = createHumanAccount(
    ctx,
    {
      email: input.email,
      displayName: input.displayName ?? local,
      managementSource: 'invited',
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    },
    { author: INVITE_AUTHOR, defaultGroups: true, history: true },
  );
  for (const group of groups) addMember(ctx, group, account.accountId, { author: INVITE_AUTHOR });
  return { accountId: account.accountId, created: true };
}

/** Someone viewed a product page for 2 s or more (the Admin API's definition of "active"). */
export function recordActivity(
  ctx: SiteContext,
  accountId: string,
  productKey: string,
  atEpochMs: number = ctx.clock.now(),
  cloudId: string = ctx.state.site.cloudId,
): void {
  const { state } = ctx;
  if (!state.accounts.get(accountId)) throw new RangeError(`recordActivity: no account ${accountId}`);
  const known = [state.site, ...state.identity.otherSites].find((s) => s.cloudId === cloudId);
  if (!known) throw new RangeError(`recordActivity: ${cloudId} is not a site of this org`);
  if (!known.products.includes(productKey))
    throw new RangeError(
      `recordActivity: product "${productKey}" is not on site ${known.name} (${known.products.join(', ')})`,
    );
  if (!Number.isFinite(atEpochMs)) throw new RangeError(`recordActivity: bad timestamp ${atEpochMs}`);
  state.activity.record(accountId, cloudId, productKey, atEpochMs);
}

/** An admin changes a membership by hand (admin.atlassian.com): audited, no product event. */
export function adminSetMembership(
  ctx: SiteContext,
  accountId: string,
  groupName: string,
  member: boolean,
): boolean {
  const group = ctx.state.groups.byName(groupName);
  if (!group) throw new RangeError(`no group named "${groupName}"`);
  if (!ctx.state.accounts.get(accountId)) throw new RangeError(`no account ${accountId}`);
  return member
    ? addMember(ctx, group, accountId, { author: CONTROL_AUTHOR }) === 'added'
    : removeMember(ctx, group, accountId, { author: CONTROL_AUTHOR }) === 'removed';
}
