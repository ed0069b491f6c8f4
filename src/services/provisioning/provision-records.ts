// The records provisioning leaves for each user: audit lines (with ids stable across retries and takeovers, so a
// change is audited once whoever finishes it) and the user's state.
import type { Grant } from '../../domain/rules';
import type { AuditAction, AuditEntry } from '../../shared/audit';
import type { LedgerRow } from '../../storage/ledger-repository';
import type { UserState } from '../../storage/user-state-repository';
import { auditId } from '../audit-ids';

/** The run a record belongs to and its clock. */
export interface RecordContext {
  now: () => number;
  runId: string;
  source: string;
}

export function addAction(grant: Grant): AuditAction {
  return grant.kind === 'group' ? 'group-added' : 'role-added';
}

export function removeAction(grant: Grant): AuditAction {
  return grant.kind === 'group' ? 'group-removed' : 'role-removed';
}

function targetName(grant: Grant): string {
  return grant.kind === 'group' ? grant.groupName : `${grant.roleName} in ${grant.projectKey}`;
}

/** A grant added or removed; its id comes from the intent, so whichever run completes it writes the same line. */
export function changeAudit(
  ctx: RecordContext,
  row: LedgerRow,
  action: AuditAction,
  reason: string,
): AuditEntry {
  return {
    id: auditId(row.accountId, row.grantKey, action, row.intentAt),
    at: ctx.now(),
    accountId: row.accountId,
    action,
    target: row.grantKey,
    targetName: targetName(row.grant),
    ruleId: row.ruleId,
    reason,
    outcome: 'success',
    runId: row.runId,
    // A removal decided in an access review is the reviewer's act, carried out by the app.
    actor: row.review?.decidedBy ?? 'app',
  };
}

export function failureAudit(
  ctx: RecordContext,
  accountId: string,
  target: { key: string; name: string; ruleId: string },
  message: string,
): AuditEntry {
  return {
    id: auditId(accountId, target.key, 'provision-failed', ctx.runId),
    at: ctx.now(),
    accountId,
    action: 'provision-failed',
    target: target.key,
    targetName: target.name,
    ruleId: target.ruleId,
    reason: message,
    outcome: 'failed',
    runId: ctx.runId,
    actor: 'app',
  };
}

export function userState(
  ctx: RecordContext,
  accountId: string,
  status: UserState['status'],
  message: string,
  matched: string[],
): UserState {
  return {
    accountId,
    status,
    updatedAt: ctx.now(),
    message,
    matchedRuleIds: matched,
    source: ctx.source,
    runId: ctx.runId,
  };
}
