// After the last page: add up the pages into the run's report, apply the safety brake once to the whole run, then
// execute (allowed), wait for an admin (held), or finish (dry run, or nothing to do).
import { applyBrake, type PlannedAction, type UserDecision } from '../../domain/inactivity';
import {
  forEachRunPage,
  setPendingReview,
  releaseActiveRunLock,
  updateRun,
} from '../../storage/inactivity-run-repository';
import type { InactivityRun, StoredBrake, StoredRunReport } from '../../storage/inactivity-run-types';
import type { RuntimeDeps } from '../runtime-deps';
import type { StepOutcome } from './collect-page';
import { recordAudit, SWEEP_TARGET } from './inactivity-audit';
import { mergeReports } from './report-merge';
import { loadRunContext } from './run-context';
import { finishRun, runLabel } from './run-lifecycle';
import { enqueueStep, type SweepStep } from './sweep-steps';

export interface RunTotals {
  readonly report: StoredRunReport | null;
  readonly users: number;
  readonly licensedUsers: number;
  readonly planned: PlannedAction[];
}

/** Every page of the run added up; `planned` is what the run would do, the brake's input. */
export async function runTotals(runId: string): Promise<RunTotals> {
  let report: StoredRunReport | null = null;
  let users = 0;
  let licensedUsers = 0;
  const planned: PlannedAction[] = [];
  await forEachRunPage(runId, (pages) => {
    for (const page of pages) {
      report = report ? mergeReports(report, page.report) : page.report;
      users += page.users;
      licensedUsers += page.licensedUsers;
      planned.push(...page.planned);
    }
  });
  return { report, users, licensedUsers, planned };
}

/** The brake counts actions and distinct users, so actions grouped per user are all it needs to decide. */
export function asUserDecisions(planned: readonly PlannedAction[]): UserDecision[] {
  const byAccount = new Map<string, PlannedAction[]>();
  for (const action of planned) {
    const list = byAccount.get(action.accountId) ?? [];
    list.push(action);
    byAccount.set(action.accountId, list);
  }
  return [...byAccount].map(([accountId, actions]) => ({ accountId, decisions: [], actions }));
}

export async function finalizeRun(
  deps: RuntimeDeps,
  step: Extract<SweepStep, { kind: 'finalize' }>,
): Promise<StepOutcome> {
  const runId = step.runId;
  const ctx = await loadRunContext(deps, runId);
  if (!ctx) return { note: `run ${runId} not found` };
  if (ctx.run.status !== 'collecting' && ctx.run.status !== 'finalizing')
    return { note: `run is ${ctx.run.status}: finalize ignored` };
  const now = deps.now();
  await updateRun(runId, (run) =>
    run.status === 'collecting' ? { ...run, status: 'finalizing', updatedAt: now } : null,
  );

  const totals = await runTotals(runId);
  const result = applyBrake(asUserDecisions(totals.planned), {
    licensedUserCount: totals.licensedUsers,
    policy: ctx.policy,
  });
  const brake: StoredBrake = {
    status: result.status,
    counts: result.counts,
    limits: result.reason?.limits ?? [],
    message: result.reason?.message ?? null,
    words: result.reason?.words ?? null,
  };
  const withTotals = { report: totals.report, licensedUsers: totals.licensedUsers, brake };

  if (ctx.run.mode === 'dry-run' || totals.planned.length === 0) {
    await finishRun(runId, 'completed', now, {
      change: (run) => ({
        ...run,
        ...withTotals,
        execution: run.mode === 'live' ? { done: 0, dropped: 0, failed: 0 } : null,
      }),
    });
    return {
      note: `${runLabel(ctx.run)} completed: ${totals.users} users, ${totals.planned.length} actions`,
    };
  }

  // Duplicated finalize deliveries compute the same answer; only the one still seeing 'finalizing' writes it.
  const fromFinalizing = (status: 'executing' | 'awaiting-review') => (run: InactivityRun) =>
    run.status === 'finalizing' ? { ...run, ...withTotals, status, updatedAt: now } : null;
  if (result.status === 'allowed') {
    await updateRun(runId, fromFinalizing('executing'));
    await enqueueStep(deps, { kind: 'execute', runId, round: 0 }, 0, step);
    return { note: `brake allowed ${totals.planned.length} actions: executing` };
  }

  if (!(await updateRun(runId, fromFinalizing('awaiting-review')))) return { note: 'finalized already' };
  await setPendingReview(runId);
  // While it waits, the run uses no API budget: a dry run may proceed meanwhile.
  await releaseActiveRunLock(runId);
  await recordAudit([
    {
      runId,
      fact: 'held',
      at: now,
      accountId: '',
      action: 'inactivity-held-for-review',
      target: SWEEP_TARGET,
      targetName: runLabel(ctx.run),
      reason: brake.message ?? 'Held for review.',
      outcome: 'skipped',
      actor: 'app',
    },
  ]);
  return { note: `held for review: ${brake.message ?? ''}` };
}
