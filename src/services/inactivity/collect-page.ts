// One page of a run: list users, gather their facts, decide, act on warnings (live runs), record the outcome as the
// page's checkpoint, then enqueue the next page paced under the API budgets. Safe to deliver twice.
import {
  decideForUser,
  summarizeDecisions,
  type PlannedAction,
  type UserFacts,
} from '../../domain/inactivity';
import { putDecisionRows } from '../../storage/inactivity-record-repository';
import { getRunPage, putRunPage, updateRunProgress } from '../../storage/inactivity-run-repository';
import type { DecisionRow, RunPage } from '../../storage/inactivity-run-types';
import type { RuntimeDeps } from '../runtime-deps';
import { decisionRowFor } from './decision-rows';
import { gatherFacts } from './gather-facts';
import { warnAndPlanPage } from './warn-and-plan-page';
import { loadRunContext, type RunContext } from './run-context';
import { failRun } from './run-lifecycle';
import { enqueueStep, type SweepStep } from './sweep-steps';
import { pacingDelaySeconds, SWEEP_TUNING, type SweepTuning } from './sweep-tuning';

export interface StepOutcome {
  /** What the step did, for logs and tests. */
  readonly note: string;
}

type PageStep = Extract<SweepStep, { kind: 'page' }>;

/** Enqueues what follows a decided page (again, after a redelivery: the claim keeps it to one). */
async function continueAfter(
  deps: RuntimeDeps,
  step: PageStep,
  page: RunPage,
  delaySeconds: number,
): Promise<void> {
  await enqueueStep(
    deps,
    { kind: 'page', runId: page.runId, startAt: page.startAt + page.users, wait: 0 },
    delaySeconds,
    step,
  );
}

/** Users holding any product of the site (not only the enabled ones), before the run changes anything. */
function licensedCount(facts: readonly UserFacts[]): number {
  return facts.filter((user) => Object.values(user.products).some((p) => p.hasAccess)).length;
}

async function retryPage(
  ctx: RunContext,
  step: PageStep,
  why: { reason: 'rate-limited' | 'out-of-time'; retryAfterSeconds: number },
  activityCalls: number,
): Promise<StepOutcome> {
  const now = ctx.deps.now();
  if (step.wait + 1 > ctx.tuning.maxRateLimitedWaits) {
    await failRun(
      ctx.run.id,
      now,
      `The Admin API kept refusing last-active requests (rate limited ${step.wait} times in a row at user ${step.startAt}). ` +
        "Other tools may be using the organization's Admin API budget; the next daily run starts over.",
    );
    return { note: 'failed: rate limited too often' };
  }
  await updateRunProgress(
    ctx.run.id,
    (progress) => ({
      ...progress,
      activityCalls: progress.activityCalls + activityCalls,
      rateLimitedWaits: progress.rateLimitedWaits + (why.reason === 'rate-limited' ? 1 : 0),
      updatedAt: now,
    }),
    ctx.run.progress,
  );
  const delay = Math.max(
    why.retryAfterSeconds,
    pacingDelaySeconds({ activity: activityCalls, jira: 0 }, ctx.tuning),
  );
  await enqueueStep(ctx.deps, { ...step, wait: step.wait + 1 }, delay, step);
  return { note: `page ${step.startAt} ${why.reason}: retrying in ${delay} s` };
}

export async function collectPage(
  deps: RuntimeDeps,
  step: PageStep,
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadRunContext(deps, step.runId, tuning);
  if (!ctx) return { note: `run ${step.runId} not found: page ignored` };
  if (ctx.run.status !== 'collecting') return { note: `run is ${ctx.run.status}: page ignored` };
  const done = await getRunPage(step.runId, step.startAt);
  if (done) {
    await continueAfter(deps, step, done, 0);
    return { note: `page ${step.startAt} was decided already` };
  }

  const now = deps.now();
  const users = await ctx.clients.jira.searchUsers(step.startAt, tuning.pageSize);
  if (users.length === 0) {
    await enqueueStep(deps, { kind: 'finalize', runId: step.runId }, 0, step);
    return { note: `no users from ${step.startAt}: all pages decided` };
  }

  const gathered = await gatherFacts(ctx, users, {
    now,
    purpose: 'page',
    outOfTime: () => deps.remainingMs() < tuning.pageDeadlineMarginMs,
  });
  if (gathered.incomplete) return retryPage(ctx, step, gathered.incomplete, gathered.activityCalls);

  const decisions = gathered.facts.map((facts) => decideForUser(facts, ctx.policy, now));
  let planned: readonly PlannedAction[];
  let notifyCalls = 0;
  let notTold = 0;
  if (ctx.run.mode === 'live') {
    const effects = await warnAndPlanPage(ctx, decisions, gathered.warnings, now, gathered.locales);
    planned = effects.planned;
    notifyCalls = effects.jiraCalls;
    notTold = effects.notTold;
  } else {
    planned = decisions.flatMap((user) => user.actions);
  }

  const rows = decisions
    .map((user) => decisionRowFor(step.runId, user, now))
    .filter((row): row is DecisionRow => row !== undefined);
  await putDecisionRows(rows);
  const { brake: _brake, ...report } = summarizeDecisions(decisions, { policy: ctx.policy });
  const page: RunPage = {
    runId: step.runId,
    startAt: step.startAt,
    users: users.length,
    licensedUsers: licensedCount(gathered.facts),
    activityCalls: gathered.activityCalls,
    report: { ...report, notTold },
    planned,
    decidedAt: now,
  };
  await putRunPage(page);
  await updateRunProgress(
    step.runId,
    (progress) => ({
      ...progress,
      pages: progress.pages + 1,
      users: progress.users + users.length,
      nextStartAt: Math.max(progress.nextStartAt, step.startAt + users.length),
      activityCalls: progress.activityCalls + gathered.activityCalls,
      updatedAt: now,
    }),
    ctx.run.progress,
  );
  const delay = pacingDelaySeconds(
    { activity: gathered.activityCalls, jira: gathered.jiraCalls + notifyCalls + 1 },
    tuning,
  );
  await continueAfter(deps, step, page, delay);
  return {
    note: `page ${step.startAt}: ${users.length} users, ${gathered.activityCalls} activity calls, ${planned.length} actions planned; next in ${delay} s`,
  };
}
