// Runs one queued step of the inactivity sweep; the queue consumer is a thin adapter over this.
import { classify, loggableError } from '../failures';
import type { RuntimeDeps } from '../runtime-deps';
import { collectPage, type StepOutcome } from './collect-page';
import { executeActions } from './execute-actions';
import { finalizeRun } from './finalize-run';
import { grantHistoryStep } from './grant-history-step';
import { restoreRunBatch } from './restore';
import { updateRun } from '../../storage/inactivity-run-repository';
import { failRun } from './run-lifecycle';
import { parseSweepStep, type SweepStep } from './sweep-steps';
import { SWEEP_TUNING, type SweepTuning } from './sweep-tuning';

export type StepResult =
  | { readonly status: 'done'; readonly note: string }
  /** A transient failure (rate limit, outage): deliver this step again after `retryAfterSeconds`. */
  | { readonly status: 'retry'; readonly retryAfterSeconds: number; readonly note: string };

async function run(
  deps: RuntimeDeps,
  step: SweepStep,
  claimant: string,
  tuning: SweepTuning,
): Promise<StepOutcome> {
  switch (step.kind) {
    case 'grants':
      return grantHistoryStep(deps, step, tuning);
    case 'page':
      return collectPage(deps, step, tuning);
    case 'finalize':
      return finalizeRun(deps, step);
    case 'execute':
      return executeActions(deps, step, claimant, tuning);
    case 'restore':
      return restoreRunBatch(deps, step, claimant, tuning);
  }
}

/**
 * `claimant` identifies this invocation in row claims (unique per invocation, even for duplicate deliveries).
 * Transient API failures are retried by redelivering the step (every step is safe to repeat). A permanent one
 * (a refused key, a missing permission) fails the run with the API's own words, so an admin can fix it.
 */
export async function handleSweepStep(
  deps: RuntimeDeps,
  body: unknown,
  claimant: string,
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<StepResult> {
  const step = parseSweepStep(body);
  if (!step)
    return {
      status: 'done',
      note: `ignored an event this version does not understand: ${JSON.stringify(body).slice(0, 200)}`,
    };
  try {
    const outcome = await run(deps, step, claimant, tuning);
    return { status: 'done', note: outcome.note };
  } catch (e) {
    const failure = classify(e);
    if (failure.kind === 'rate-limited' || failure.kind === 'unavailable')
      return {
        status: 'retry',
        retryAfterSeconds: Math.max(1, failure.retryAfterSeconds ?? 60),
        note: failure.message,
      };
    if (failure.kind === 'refused' && step.kind !== 'restore') {
      await failRun(
        step.runId,
        deps.now(),
        `${failure.message}. Check the app's credentials and permissions in Settings.`,
      );
      return { status: 'done', note: `run failed: ${failure.message}` };
    }
    // Forge retries only what asks to be retried; a thrown error would drop the step and stall the run. Every
    // step is safe to repeat, so anything else (a busy queue, storage limits) is retried a few times by Forge.
    const why = loggableError(e);
    console.error(
      `Inactivity ${step.kind} step of run ${step.runId} failed (${failure.kind}), retrying: ${why}`,
    );
    return { status: 'retry', retryAfterSeconds: 60, note: why };
  }
}

/**
 * A step the app stops retrying (see delivery-limit): the run fails with the reason, so the admin sees why and the
 * next daily run starts over; a restore batch ends the restore (what it put back stays put back).
 */
export async function giveUpSweepStep(deps: RuntimeDeps, body: unknown, reason: string): Promise<void> {
  const step = parseSweepStep(body);
  if (!step) return;
  console.error(`Gave up the inactivity ${step.kind} step of run ${step.runId}: ${reason}`);
  const now = deps.now();
  if (step.kind !== 'restore') {
    await failRun(step.runId, now, `Its ${step.kind} step ${reason}. The next daily run starts over.`);
    return;
  }
  await updateRun(step.runId, (run) =>
    run.restore?.status === 'queued'
      ? { ...run, restore: { ...run.restore, status: 'completed', finishedAt: now }, updatedAt: now }
      : null,
  );
}
