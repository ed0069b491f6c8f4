// Adding and removing group members: keeps the licence index right and writes Jira's audit records.
import { jiraUserEvent } from '../events/user-events';
import type { SiteContext } from '../site-context';
import type { Group } from '../state/types';
import { groupMembershipRecord, groupLifecycleRecord, type AuditAuthor } from './audit-records';

export interface MembershipOptions {
  author: AuditAuthor;
  /** Seeding writes no history; everything else does. */
  audit?: boolean;
  /** Emit avi:jira:updated:user for the member (SCIM-driven changes do). */
  emitUpdated?: boolean;
}

export function addMember(
  ctx: SiteContext,
  group: Group,
  accountId: string,
  options: MembershipOptions,
): 'added' | 'already-member' {
  const { state } = ctx;
  if (!state.groups.addMember(group.groupId, accountId)) return 'already-member';
  state.membershipVersion += 1;
  state.licences.onMemberAdded(group.groupId, accountId);
  const account = state.accounts.get(accountId);
  if (account && options.audit !== false)
    state.audit.append(groupMembershipRecord(group, account, true, options.author), ctx.clock.now());
  if (account && options.emitUpdated) ctx.events.emit(jiraUserEvent(state, 'avi:jira:updated:user', account));
  return 'added';
}

export function removeMember(
  ctx: SiteContext,
  group: Group,
  accountId: string,
  options: MembershipOptions,
): 'removed' | 'not-member' {
  const { state } = ctx;
  if (!state.groups.removeMember(group.groupId, accountId)) return 'not-member';
  state.membershipVersion += 1;
  state.licences.onMemberRemoved(group.groupId, accountId);
  const account = state.accounts.get(accountId);
  if (account && options.audit !== false)
    state.audit.append(groupMembershipRecord(group, account, false, options.author), ctx.clock.now());
  if (account && options.emitUpdated) ctx.events.emit(jiraUserEvent(state, 'avi:jira:updated:user', account));
  return 'removed';
}

export function createGroup(
  ctx: SiteContext,
  group: Group,
  options: { author: AuditAuthor; audit?: boolean },
): Group {
  ctx.state.groups.create(group);
  if (options.audit !== false)
    ctx.state.audit.append(groupLifecycleRecord(group, true, options.author), ctx.clock.now());
  return group;
}

/** Deleting a group removes its members (and the access it granted), its role actors and space permissions. */
export function deleteGroup(
  ctx: SiteContext,
  group: Group,
  options: { author: AuditAuthor; emitUpdated?: boolean },
): void {
  const { state } = ctx;
  for (const accountId of [...state.groups.membersOf(group.groupId)])
    removeMember(ctx, group, accountId, {
      author: options.author,
      emitUpdated: options.emitUpdated ?? false,
    });
  state.groups.delete(group.groupId);
  state.projects.removeGroupEverywhere(group.groupId);
  state.spaces.removeGroupEverywhere(group.groupId);
  state.audit.append(groupLifecycleRecord(group, false, options.author), ctx.clock.now());
}
