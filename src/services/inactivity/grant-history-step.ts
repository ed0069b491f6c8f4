// A run's first step: bring the licence-grant history up to date from the site's audit log (the first read can
// take many calls), a budget per invocation, then hand over to the first page.
import { recordHealth } from '../../storage/health-repository';
import type { RuntimeDeps } from '../runtime-deps';
import type { StepOutcome } from './collect-page';
import { catchUpGrantHistory } from './grant-history';
import { loadRunContext } from './run-context';
import { enqueueStep, type SweepStep } from './sweep-steps';
import { pacingDelaySeconds, SWEEP_TUNING, type SweepTuning } from './sweep-tuning';

type GrantsStep = Extract<SweepStep, { kind: 'grants' }>;

export const GRANT_HISTORY_HEALTH = 'inactivity-grant-history';

export async function grantHistoryStep(
  deps: RuntimeDeps,
  step: GrantsStep,
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadRunContext(deps, step.runId, tuning);
  if (!ctx) return { note: `run ${step.runId} not found: history step ignored` };
  if (ctx.run.status !== 'collecting') return { note: `run is ${ctx.run.status}: history step ignored` };
  const now = deps.now();
  const result = await catchUpGrantHistory(ctx, {
    now,
    maxCalls: tuning.grantHistoryCallsPerStep,
    outOfTime: () => deps.remainingMs() < tuning.pageDeadlineMarginMs,
    freshMs: tuning.grantHistoryFreshMs,
  });
  const delay = pacingDelaySeconds({ activity: 0, jira: result.auditCalls }, tuning);
  if (!result.complete) {
    await enqueueStep(deps, { ...step, round: step.round + 1 }, delay, step);
    return { note: `licence-grant history: ${result.auditCalls} audit log calls, continuing` };
  }
  const { unavailable, since } = result.view;
  await recordHealth({
    component: GRANT_HISTORY_HEALTH,
    ok: unavailable === null,
    message:
      unavailable === null
        ? `Licence-group changes are read from the site's audit log for ${since.size} licence group(s).`
        : `Nobody can be judged inactive: ${unavailable}. Until the app can read the audit log (Jira's Administer permission), every user counts as recently given their products.`,
    at: now,
  });
  await enqueueStep(deps, { kind: 'page', runId: step.runId, startAt: 0, wait: 0 }, delay, step);
  return {
    note: `licence-grant history ${unavailable === null ? 'up to date' : `unavailable (${unavailable})`}: first page next`,
  };
}
