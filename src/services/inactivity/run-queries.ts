// Read-only views of runs for the admin page: the run list, one run's report, and its users' decisions and actions.
import { actionRowsOfRun, decisionRowsOfRun } from '../../storage/inactivity-record-repository';
import { getRun, getRunProgress, listRuns } from '../../storage/inactivity-run-repository';
import {
  FINISHED_RUN_STATUSES,
  type ActionRow,
  type DecisionEntry,
  type DecisionRow,
  type InactivityRun,
} from '../../storage/inactivity-run-types';

async function withLiveProgress(run: InactivityRun): Promise<InactivityRun> {
  if (FINISHED_RUN_STATUSES.includes(run.status)) return run;
  const progress = await getRunProgress(run.id);
  return progress ? { ...run, progress } : run;
}

/** Newest first; unfinished runs show their live progress. */
export async function listInactivityRuns(options: { limit?: number } = {}): Promise<InactivityRun[]> {
  const runs = await listRuns(Math.min(Math.max(options.limit ?? 50, 1), 1000));
  return Promise.all(runs.map(withLiveProgress));
}

/** One page of runs in the order asked for, and how many there are in all. */
export async function pageInactivityRuns(options: {
  offset: number;
  limit: number;
  order: 'newest' | 'oldest';
}): Promise<{ runs: InactivityRun[]; total: number }> {
  const all = await listRuns();
  const ordered = options.order === 'newest' ? all : [...all].reverse();
  const page = ordered.slice(options.offset, options.offset + options.limit);
  return { runs: await Promise.all(page.map(withLiveProgress)), total: all.length };
}

export async function getInactivityRun(runId: string): Promise<InactivityRun | undefined> {
  const run = await getRun(runId);
  return run ? withLiveProgress(run) : undefined;
}

export interface ReportEntry extends DecisionEntry {
  readonly accountId: string;
}

export interface RunReportPage {
  readonly run: InactivityRun;
  /** One entry per user and product with a notable decision (warned, due, blocked, cancelled, unknown). */
  readonly entries: readonly ReportEntry[];
  readonly cursor?: string;
}

function flatten(rows: readonly DecisionRow[]): ReportEntry[] {
  return rows.flatMap((row) => row.entries.map((entry) => ({ accountId: row.accountId, ...entry })));
}

/** The run and a page of its notable decisions, optionally only users whose headline is `outcome`. */
export async function getInactivityRunReport(
  runId: string,
  options: { outcome?: DecisionRow['status']; cursor?: string; limit?: number } = {},
): Promise<RunReportPage | undefined> {
  const run = await getInactivityRun(runId);
  if (!run) return undefined;
  const page = await decisionRowsOfRun(runId, options);
  return { run, entries: flatten(page.rows), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A page of the run's per-user action records: what is held for review, or what was done and can be undone. */
export async function getInactivityRunActions(
  runId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ rows: ActionRow[]; cursor?: string }> {
  return actionRowsOfRun(runId, options);
}
