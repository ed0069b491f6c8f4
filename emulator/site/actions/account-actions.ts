// Account lifecycle on the site: creation (JIT, SCIM, invite, seed), profile updates, deactivation, suspension.
import { confluenceUserCreatedEvent, jiraUserEvent } from '../events/user-events';
import { deterministicAccountId } from '../prng';
import type { SiteContext } from '../site-context';
import type { Account, AccountStatus, MembershipStatus } from '../state/types';
import {
  userActivationRecord,
  userCreatedRecord,
  userUpdatedRecord,
  type AuditAuthor,
} from './audit-records';
import { addMember } from './membership-actions';

export interface NewHumanAccount {
  email: string;
  displayName: string;
  nickname?: string;
  timeZone?: string;
  locale?: string;
  jobTitle?: string;
  department?: string;
  organization?: string;
  location?: string;
  /** Overrides the id derived from the email (seeding at scale uses index-derived ids). */
  accountId?: string;
  managementSource: 'invited' | 'synced' | null;
}

export interface CreateAccountOptions {
  author: AuditAuthor;
  /** Add the site's default product groups (JIT login and invites do; SCIM does not). */
  defaultGroups: boolean;
  /** Write audit records and emit created events (everything but seeding). */
  history: boolean;
  addedAt?: number;
}

export function accountIdForEmail(email: string): string {
  return deterministicAccountId(`account:${email.toLowerCase()}`, 0);
}

export function createHumanAccount(
  ctx: SiteContext,
  input: NewHumanAccount,
  options: CreateAccountOptions,
): Account {
  const { state, clock } = ctx;
  const now = options.addedAt ?? clock.now();
  const account: Account = {
    accountId: input.accountId ?? accountIdForEmail(input.email),
    accountType: 'atlassian',
    email: input.email,
    displayName: input.displayName,
    nickname: input.nickname ?? input.displayName,
    accountStatus: 'active',
    timeZone: input.timeZone ?? 'Etc/UTC',
    locale: input.locale ?? 'en_US',
    ...(input.jobTitle !== undefined ? { jobTitle: input.jobTitle } : {}),
    ...(input.department !== undefined ? { department: input.department } : {}),
    ...(input.organization !== undefined ? { organization: input.organization } : {}),
    ...(input.location !== undefined ? { location: input.location } : {}),
    createdAt: now,
    apiTokens: [],
  };
  state.accounts.add(account);
  state.directoryMembers.add(account.accountId, {
    directoryId: state.directory.directoryId,
    status: 'active',
    addedAt: now,
    managementSource: input.managementSource,
  });
  if (options.history) state.audit.append(userCreatedRecord(account, options.author), clock.now());
  if (options.defaultGroups) {
    for (const role of state.productRoles)
      for (const groupId of role.defaultGroupIds) {
        const group = state.groups.get(groupId);
        if (group)
          addMember(ctx, group, account.accountId, { author: options.author, audit: options.history });
      }
  }
  if (options.history) {
    ctx.events.emit(jiraUserEvent(state, 'avi:jira:created:user', account));
    ctx.events.emit(confluenceUserCreatedEvent(account, clock.now()));
  }
  return account;
}

export interface ProfileChanges {
  displayName?: string;
  nickname?: string;
  timeZone?: string;
  locale?: string;
  /** `null` clears the field (a SCIM PUT that leaves it out). */
  jobTitle?: string | null;
  department?: string | null;
  organization?: string | null;
  location?: string | null;
}

type ClearableField = 'jobTitle' | 'department' | 'organization' | 'location';

const FIELD_NAMES: Record<keyof ProfileChanges, string> = {
  displayName: 'Full name',
  nickname: 'Nickname',
  timeZone: 'Time zone',
  locale: 'Locale',
  jobTitle: 'Job title',
  department: 'Department',
  organization: 'Organization',
  location: 'Location',
};

/** When a profile change emits avi:jira:updated:user: SCIM pushes any change; elsewhere only the name shows. */
export type UpdatedEventPolicy = 'any-change' | 'display-name-change' | 'never';

/** Applies the changes that differ and returns the fields that changed. */
export function updateProfile(
  ctx: SiteContext,
  account: Account,
  changes: ProfileChanges,
  options: { author: AuditAuthor; emit: UpdatedEventPolicy },
): Array<keyof ProfileChanges> {
  const changed: Array<keyof ProfileChanges> = [];
  const auditChanges: Array<{ fieldName: string; changedFrom?: string; changedTo?: string }> = [];
  for (const field of Object.keys(FIELD_NAMES) as Array<keyof ProfileChanges>) {
    const next = changes[field];
    const before = account[field];
    if (next === undefined || before === next || (next === null && before === undefined)) continue;
    if (next === null) delete account[field as ClearableField];
    else account[field] = next;
    changed.push(field);
    auditChanges.push({
      fieldName: FIELD_NAMES[field],
      ...(before !== undefined ? { changedFrom: before } : {}),
      ...(next !== null ? { changedTo: next } : {}),
    });
  }
  if (changed.length === 0) return changed;
  ctx.state.audit.append(userUpdatedRecord(account, auditChanges, options.author), ctx.clock.now());
  const emit =
    options.emit === 'any-change' ||
    (options.emit === 'display-name-change' && changed.includes('displayName'));
  if (emit) ctx.events.emit(jiraUserEvent(ctx.state, 'avi:jira:updated:user', account));
  return changed;
}

/** User-management lifecycle (disable/enable): the account itself. No Forge event exists for this. */
export function setAccountStatus(
  ctx: SiteContext,
  account: Account,
  status: AccountStatus,
  author: AuditAuthor,
): boolean {
  if (account.accountStatus === status) return false;
  const was = ctx.state.isLicensable(account.accountId);
  account.accountStatus = status;
  ctx.state.statusVersion += 1;
  ctx.state.licences.onEligibilityChanged(account.accountId, was);
  ctx.state.audit.append(userActivationRecord(account, status === 'active', author), ctx.clock.now());
  return true;
}

/** Org directory suspension (Admin API suspend/restore): org-wide, all products. */
export function setMembershipStatus(ctx: SiteContext, account: Account, status: MembershipStatus): boolean {
  const membership = ctx.state.directoryMembers.get(account.accountId);
  if (!membership || membership.status === status) return false;
  const was = ctx.state.isLicensable(account.accountId);
  membership.status = status;
  ctx.state.statusVersion += 1;
  ctx.state.licences.onEligibilityChanged(account.accountId, was);
  return true;
}
