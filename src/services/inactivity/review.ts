// An admin's answer to a run the brake held: approve all, some accounts, or none. Approved actions are then
// carried out after reconfirmation on fresh facts; the rest are dropped and audited as not approved.
import { runName, RunName } from '../../shared/run-names';
import { approveReview, type ReviewApproval } from '../../domain/inactivity';
import { clearPendingReview, getRun, updateRun } from '../../storage/inactivity-run-repository';
import type { StoredReview } from '../../storage/inactivity-run-types';
import type { RuntimeDeps } from '../runtime-deps';
import { runTotals } from './finalize-run';
import { recordAudit, SWEEP_TARGET } from './inactivity-audit';
import { runLabel } from './run-lifecycle';
import { enqueueStep } from './sweep-steps';

/** Keeps the run record well under Forge's 240 KiB value limit; larger approvals are "all" in practice. */
export const MAX_APPROVED_ACCOUNTS = 2000;

export type ApproveResult =
  | {
      readonly ok: true;
      readonly runId: string;
      readonly allowedActions: number;
      readonly droppedActions: number;
      readonly unknownAccountIds: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** Validates an approval from the admin page, naming what is wrong. */
export function parseApproval(input: unknown): ReviewApproval | { error: string } {
  if (typeof input !== 'object' || input === null) return { error: 'approval must be an object' };
  const { approve, accountIds } = input as { approve?: unknown; accountIds?: unknown };
  if (approve === 'all' || approve === 'none') return { approve };
  if (approve !== 'accounts') return { error: "approval.approve must be 'all', 'none' or 'accounts'" };
  if (!Array.isArray(accountIds) || accountIds.length === 0)
    return { error: 'approval.accountIds must list at least one account id' };
  if (accountIds.length > MAX_APPROVED_ACCOUNTS)
    return {
      error: `approval.accountIds lists ${accountIds.length} accounts; at most ${MAX_APPROVED_ACCOUNTS}, or approve all`,
    };
  const ids: unknown[] = accountIds;
  const bad = ids.find((id) => typeof id !== 'string' || !/^[A-Za-z0-9:_-]{1,128}$/.test(id));
  if (bad !== undefined)
    return { error: `approval.accountIds contains ${JSON.stringify(bad)}, which is not an account id` };
  return { approve: 'accounts', accountIds: [...new Set(ids as string[])] };
}

export async function approveInactivityReview(
  deps: RuntimeDeps,
  request: { runId: string; approval: unknown; by: string },
): Promise<ApproveResult> {
  const run = await getRun(request.runId);
  if (!run) return { ok: false, reason: `There is no such run (${runName(request.runId)}).` };
  if (run.status !== 'awaiting-review')
    return {
      ok: false,
      reason: `${RunName(run.id)} is ${run.status.replace('-', ' ')}, not waiting for a review.`,
    };
  const approval = parseApproval(request.approval);
  if ('error' in approval) return { ok: false, reason: approval.error };

  const now = deps.now();
  const { planned } = await runTotals(run.id);
  const result = approveReview(planned, approval);
  const review: StoredReview = {
    approval,
    by: request.by,
    at: now,
    allowedActions: result.allowed.length,
    droppedActions: result.dropped.length,
    unknownAccountIds: result.unknownAccountIds.slice(0, 100),
  };
  const updated = await updateRun(run.id, (current) =>
    current.status === 'awaiting-review' ? { ...current, review, status: 'executing', updatedAt: now } : null,
  );
  if (!updated) return { ok: false, reason: `${RunName(run.id)} was answered already.` };
  await clearPendingReview(run.id);
  const what =
    approval.approve === 'all'
      ? 'approved all'
      : approval.approve === 'none'
        ? 'approved none'
        : `approved ${approval.accountIds.length} accounts`;
  await recordAudit([
    {
      runId: run.id,
      fact: 'review',
      at: now,
      accountId: '',
      action: 'inactivity-held-for-review',
      target: SWEEP_TARGET,
      targetName: runLabel(run),
      reason:
        `Review answered by ${request.by}: ${what}; ${result.allowed.length} of ${planned.length} held actions go ahead after reconfirmation` +
        (result.unknownAccountIds.length > 0
          ? `; ${result.unknownAccountIds.length} approved accounts had no held action (ignored)`
          : '') +
        '.',
      outcome: 'success',
      actor: request.by,
    },
  ]);
  await enqueueStep(deps, { kind: 'execute', runId: run.id, round: 0 });
  return {
    ok: true,
    runId: run.id,
    allowedActions: result.allowed.length,
    droppedActions: result.dropped.length,
    unknownAccountIds: result.unknownAccountIds,
  };
}
