// The runs table's rows: what each run did in words that add up, its state (a run being restored is not yet
// "completed"), and repeated stops folded into one row instead of a screen of identical lines.
import type { InactivityRunView } from '../../shared/contract';
import { formatCount } from '../common/format';

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
export function runOutcome(run: InactivityRunView): RunOutcomePart[] {
  const parts: RunOutcomePart[] = [];
  const report = run.report;
  if (run.mode === 'dry-run') {
    if (report) {
      parts.push({
        key: 'warned',
        count: report.totals.warn,
        text: `would warn ${formatCount(report.totals.warn, 'user')}`,
      });
      parts.push({
        key: 'would-act',
        count: report.plannedActions.affectedUsers,
        text: `would act on ${formatCount(report.plannedActions.affectedUsers, 'user')}`,
      });
    }
    return parts;
  }
  if (report)
    parts.push({
      key: 'warned',
      count: report.totals.warn,
      text: `warned ${formatCount(report.totals.warn, 'user')}`,
    });
  if (report?.notTold)
    parts.push({
      key: 'not-told',
      count: report.notTold,
      text: `left ${formatCount(report.notTold, 'user')} alone who were never told`,
    });
  if (run.execution) {
    parts.push({
      key: 'acted',
      count: run.execution.done,
      text: `acted on ${formatCount(run.execution.done, 'user')}`,
    });
    if (run.execution.dropped)
      parts.push({
        key: 'not-approved',
        count: run.execution.dropped,
        text: `${formatCount(run.execution.dropped, 'user')} not approved`,
      });
    if (run.execution.failed)
      parts.push({
        key: 'failed',
        count: run.execution.failed,
        text: `${formatCount(run.execution.failed, 'user')} failed`,
      });
  } else if (report && run.status === 'awaiting-review')
    parts.push({
      key: 'would-act',
      count: report.plannedActions.affectedUsers,
      text: `${formatCount(report.plannedActions.affectedUsers, 'user')} held for review`,
    });
  if (run.restore)
    parts.push({
      key: 'restored',
      count: run.restore.restoredUsers,
      text:
        run.restore.status === 'queued'
          ? `restoring (${formatCount(run.restore.restoredUsers, 'user')} so far)`
          : `restored ${formatCount(run.restore.restoredUsers, 'user')}${run.restore.failedUsers ? `, ${formatCount(run.restore.failedUsers, 'restore')} failed` : ''}`,
    });
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
