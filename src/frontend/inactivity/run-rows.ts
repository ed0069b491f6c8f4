// The runs table's rows: what each run did in words that add up, its state (a run being restored is not yet
// "completed"), and repeated stops folded into one row instead of a screen of identical lines.
import type { InactivityRunView } from '../../shared/contract';
import type { PluralKey, Text } from '../../shared/i18n/text';

export type RunStateShown = InactivityRunView['status'] | 'restoring';

/** A run whose restore is still under way is shown as restoring, not completed. */
export function runStateShown(run: Pick<InactivityRunView, 'status' | 'restore'>): RunStateShown {
  return run.restore?.status === 'queued' ? 'restoring' : run.status;
}

export interface RunOutcomePart {
  readonly key: 'warned' | 'acted' | 'not-approved' | 'failed' | 'not-told' | 'would-act' | 'restored';
  readonly count: number;
  readonly text: string;
}

/** What a run did (or, for a dry run, would do), each part a count; parts never double-count a user's action. */
export function runOutcome(run: InactivityRunView, text: Text): RunOutcomePart[] {
  const parts: RunOutcomePart[] = [];
  const part = (key: RunOutcomePart['key'], count: number, message: PluralKey) =>
    parts.push({ key, count, text: text.tn(message, count) });
  const report = run.report;
  if (run.mode === 'dry-run') {
    if (report) {
      part('warned', report.totals.warn, 'inactivity.runOutcome.wouldWarn');
      part('would-act', report.plannedActions.affectedUsers, 'inactivity.runOutcome.wouldAct');
    }
    return parts;
  }
  if (report) part('warned', report.totals.warn, 'inactivity.runOutcome.warned');
  if (report?.notTold) part('not-told', report.notTold, 'inactivity.runOutcome.notTold');
  if (run.execution) {
    part('acted', run.execution.done, 'inactivity.runOutcome.acted');
    if (run.execution.dropped)
      part('not-approved', run.execution.dropped, 'inactivity.runOutcome.notApproved');
    if (run.execution.failed) part('failed', run.execution.failed, 'inactivity.runOutcome.failed');
  } else if (report && run.status === 'awaiting-review')
    part('would-act', report.plannedActions.affectedUsers, 'inactivity.runOutcome.heldForReview');
  if (run.restore) {
    const { status, restoredUsers, failedUsers } = run.restore;
    if (status === 'queued') part('restored', restoredUsers, 'inactivity.runOutcome.restoring');
    else if (failedUsers === 0) part('restored', restoredUsers, 'inactivity.runOutcome.restored');
    else
      parts.push({
        key: 'restored',
        count: restoredUsers,
        text: text.tn('inactivity.runOutcome.restoredWithFailures', failedUsers, {
          restored: text.tn('inactivity.count.users', restoredUsers),
        }),
      });
  }
  return parts;
}

export interface RunRow {
  readonly run: InactivityRunView;
  /** Runs this row stands for: consecutive runs that stopped for the same reason are one row. */
  readonly repeats: number;
  /** The earliest start among them (the row's run is the newest). */
  readonly firstStartedAt: number;
}

/** Folds consecutive stopped runs with the same reason into one row; every other run is its own row. */
export function foldRepeatedStops(runs: readonly InactivityRunView[]): RunRow[] {
  const rows: RunRow[] = [];
  for (const run of runs) {
    const last = rows[rows.length - 1];
    if (
      last &&
      run.status === 'stopped' &&
      last.run.status === 'stopped' &&
      last.run.mode === run.mode &&
      last.run.stopReason === run.stopReason
    ) {
      rows[rows.length - 1] = {
        ...last,
        repeats: last.repeats + 1,
        firstStartedAt: Math.min(last.firstStartedAt, run.startedAt),
      };
      continue;
    }
    rows.push({ run, repeats: 1, firstStartedAt: run.startedAt });
  }
  return rows;
}
