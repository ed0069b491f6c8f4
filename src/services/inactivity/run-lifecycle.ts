// Ending a run: its final status and reason, the lock and review marker given back, page checkpoints cleaned up,
// and the audit entry that closes it.
import {
  clearPendingReview,
  deleteRunPages,
  deleteRunProgress,
  getRunProgress,
  releaseActiveRunLock,
  updateRun,
} from '../../storage/inactivity-run-repository';
import {
  FINISHED_RUN_STATUSES,
  type InactivityRun,
  type InactivityRunStatus,
} from '../../storage/inactivity-run-types';
import { recordAudit, SWEEP_TARGET } from './inactivity-audit';

export function runLabel(run: Pick<InactivityRun, 'mode'>): string {
  return run.mode === 'dry-run' ? 'Inactivity dry run' : 'Inactivity clean-up run';
}

export async function finishRun(
  runId: string,
  status: Extract<InactivityRunStatus, 'completed' | 'stopped' | 'failed'>,
  at: number,
  options: { reason?: string; change?: (run: InactivityRun) => InactivityRun } = {},
): Promise<InactivityRun | undefined> {
  const progress = await getRunProgress(runId);
  // A run finishes once: a duplicated step arriving later must not rewrite its outcome.
  const run = await updateRun(runId, (current) => {
    if (FINISHED_RUN_STATUSES.includes(current.status)) return null;
    const changed = options.change ? options.change(current) : current;
    return {
      ...changed,
      status,
      finishedAt: at,
      updatedAt: at,
      stopReason: options.reason ?? changed.stopReason,
      progress: progress ?? changed.progress,
    };
  });
  if (!run) return undefined;
  await deleteRunProgress(runId);
  await releaseActiveRunLock(runId);
  if (run.mode === 'live') await clearPendingReview(runId);
  // Checkpoints are only needed while a run can still resume or be reviewed.
  while ((await deleteRunPages(runId)) > 0);
  await recordAudit([
    {
      runId,
      fact: 'finished',
      at,
      accountId: '',
      action: 'job-finished',
      target: SWEEP_TARGET,
      targetName: runLabel(run),
      reason: finishedReason(run),
      outcome: status === 'completed' ? (run.mode === 'dry-run' ? 'dry-run' : 'success') : 'failed',
      actor: run.requestedBy,
    },
  ]);
  return run;
}

function finishedReason(run: InactivityRun): string {
  if (run.status !== 'completed')
    return `${runLabel(run)} ${run.status}: ${run.stopReason ?? 'no reason given'}`;
  const users = run.report?.users ?? run.progress.users;
  const planned = run.report?.plannedActions;
  const execution = run.execution;
  const parts = [`${users} users decided`];
  if (planned) parts.push(`${planned.removeLicence + planned.suspend} actions planned`);
  if (execution)
    parts.push(`${execution.done} done, ${execution.dropped} dropped, ${execution.failed} failed`);
  return `${runLabel(run)} completed: ${parts.join('; ')}.`;
}

/** Stops a run midway for a reason an admin can act on (a refused key, a budget that never frees up). */
export function failRun(runId: string, at: number, reason: string) {
  return finishRun(runId, 'failed', at, { reason });
}
