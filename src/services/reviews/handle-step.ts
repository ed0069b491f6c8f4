// Runs one queued step of an access review campaign; the queue consumer is a thin adapter over this.
import { updateCampaign } from '../../storage/review-campaign-repository';
import { chainPushesOf } from '../chain-relay';
import { classify } from '../failures';
import type { RuntimeDeps } from '../runtime-deps';
import { actStep } from './act';
import { closeStep } from './close-campaign';
import { collectStep, type StepOutcome } from './collect';
import { finishStep } from './finish';
import { notifyStep } from './notices';
import { openStep } from './open-campaign';
import { purgeStep } from './purge';
import { reassignStep } from './reassign';
import { parseReviewStep, type ReviewStep } from './review-steps';
import { REVIEW_TUNING, type ReviewTuning } from './review-tuning';

export type ReviewStepResult =
  | { readonly status: 'done'; readonly note: string }
  /** A transient failure: deliver this step again after `retryAfterSeconds` (every step is safe to repeat). */
  | { readonly status: 'retry'; readonly retryAfterSeconds: number; readonly note: string };

function run(deps: RuntimeDeps, step: ReviewStep, chain: number, tuning: ReviewTuning): Promise<StepOutcome> {
  switch (step.kind) {
    case 'collect':
      return collectStep(deps, step, chain, tuning);
    case 'open':
      return openStep(deps, step, chain, tuning);
    case 'notify':
      return notifyStep(deps, step, chain, tuning);
    case 'close':
      return closeStep(deps, step, chain, tuning);
    case 'act':
      return actStep(deps, step, chain, tuning);
    case 'finish':
      return finishStep(deps, step, chain, tuning);
    case 'reassign':
      return reassignStep(deps, step, chain, tuning);
    case 'purge':
      return purgeStep(deps, step, chain);
  }
}

/** Records on the campaign why it cannot go on (a refused permission, a site that said no for good). */
export async function failCampaign(deps: RuntimeDeps, campaignId: string, problem: string): Promise<void> {
  await updateCampaign(campaignId, (c) =>
    c.status === 'closed' || c.status === 'cancelled' || c.status === 'failed'
      ? null
      : { ...c, status: 'failed', problem, updatedAt: deps.now() },
  );
}

export async function handleReviewStep(
  deps: RuntimeDeps,
  body: unknown,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<ReviewStepResult> {
  const step = parseReviewStep(body);
  if (!step)
    return {
      status: 'done',
      note: `ignored an event this version does not understand: ${JSON.stringify(body).slice(0, 200)}`,
    };
  const chain = chainPushesOf(body as { chain?: unknown });
  try {
    const outcome = await run(deps, step, chain, tuning);
    return { status: 'done', note: outcome.note };
  } catch (e) {
    const failure = classify(e);
    if (failure.transient)
      return {
        status: 'retry',
        retryAfterSeconds: Math.max(1, failure.retryAfterSeconds ?? 60),
        note: failure.message,
      };
    if (failure.kind === 'refused' && step.kind === 'collect') {
      await failCampaign(
        deps,
        step.campaignId,
        `Collecting the memberships was refused: ${failure.message}. Check the scope (groups, projects) and the app's permissions, then start a new campaign.`,
      );
      return { status: 'done', note: `campaign failed: ${failure.message}` };
    }
    const why =
      failure.kind === 'unexpected' && e instanceof Error ? `${e.name}: ${e.message}` : failure.message;
    console.error(
      `Access review ${step.kind} step of ${step.campaignId} failed (${failure.kind}), retrying: ${why}`,
    );
    return { status: 'retry', retryAfterSeconds: 60, note: why };
  }
}

/** The delivery limit gave the step up: the campaign says so, and the hourly check resumes it when it can. */
export async function giveUpReviewStep(deps: RuntimeDeps, body: unknown, reason: string): Promise<void> {
  const step = parseReviewStep(body);
  if (!step) return;
  await updateCampaign(step.campaignId, (c) => ({
    ...c,
    problem: `A ${step.kind} step failed repeatedly (${reason}); the hourly check tries again.`,
    updatedAt: deps.now(),
  }));
}
