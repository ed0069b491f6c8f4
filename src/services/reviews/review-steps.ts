// The access reviews queue: the steps a campaign goes through, their messages, and queueing each step once. Steps
// carry only which phase and round they are; where the phase got to is on the campaign, so any delivery (a
// duplicate, a retry, a resumption by the hourly check or the relay) continues from the same place.
import { claimReviewStep, releaseReviewStep } from '../../storage/review-campaign-repository';
import { continueRun } from '../chain-relay';
import type { RuntimeDeps } from '../runtime-deps';

/** Declared in manifest.yml (modules.consumer). */
export const REVIEWS_QUEUE = 'access-reviews';

export type ReviewStep =
  /** List the next memberships of the scope, assign reviewers, create items. */
  | { readonly kind: 'collect'; readonly campaignId: string; readonly round: number }
  /** Count items per reviewer, write the tallies, open the campaign. */
  | { readonly kind: 'open'; readonly campaignId: string; readonly round: number }
  /** Send a round of notices (`start`, `reminder:N`, `end`) to the next reviewers. */
  | { readonly kind: 'notify'; readonly campaignId: string; readonly notice: string; readonly round: number }
  /** The end came: settle undecided items by the policy. */
  | { readonly kind: 'close'; readonly campaignId: string; readonly round: number }
  /** Carry out the next removals. */
  | { readonly kind: 'act'; readonly campaignId: string; readonly round: number }
  /** Count the outcomes, close the campaign, schedule the next of its series. */
  | { readonly kind: 'finish'; readonly campaignId: string; readonly round: number }
  /** Move one reviewer's undecided items to another, for the admin who asked at `requestedAt`. */
  | {
      readonly kind: 'reassign';
      readonly campaignId: string;
      readonly from: string;
      readonly to: string;
      readonly by: string;
      readonly requestedAt: number;
      readonly round: number;
    }
  /** Delete a campaign whose report has outlived the audit retention period. */
  | { readonly kind: 'purge'; readonly campaignId: string; readonly round: number };

export type ReviewStepKind = ReviewStep['kind'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 200;

/** Validates a queue body; undefined for anything that is not a step this version understands. */
export function parseReviewStep(body: unknown): ReviewStep | undefined {
  if (!isRecord(body) || !isText(body.campaignId) || !isCount(body.round)) return undefined;
  const { campaignId, round } = body;
  switch (body.kind) {
    case 'collect':
    case 'open':
    case 'close':
    case 'act':
    case 'finish':
    case 'purge':
      return { kind: body.kind, campaignId, round };
    case 'notify':
      return isText(body.notice) ? { kind: 'notify', campaignId, notice: body.notice, round } : undefined;
    case 'reassign':
      return isText(body.from) && isText(body.to) && isText(body.by) && isCount(body.requestedAt)
        ? {
            kind: 'reassign',
            campaignId,
            from: body.from,
            to: body.to,
            by: body.by,
            requestedAt: body.requestedAt,
            round,
          }
        : undefined;
    default:
      return undefined;
  }
}

/** The claim name of a step: each is queued at most once, whoever tries. */
export function stepName(step: ReviewStep): string {
  switch (step.kind) {
    case 'notify':
      return `notify:${step.notice}:${step.round}`;
    case 'reassign':
      return `reassign:${step.requestedAt}:${step.round}`;
    default:
      return `${step.kind}:${step.round}`;
  }
}

export type Queued = 'queued' | 'already-queued' | 'relayed';

/**
 * Queues a step unless another delivery already did. `chain` is how many pushes the chain of the message
 * queueing it has made: past the budget the step is parked for the relay (chain-relay.ts), which continues it in
 * a new chain of async events. A failed push gives the claim back, so a retry can queue it.
 */
export async function queueStep(
  deps: RuntimeDeps,
  step: ReviewStep,
  options: { delaySeconds?: number; chain?: number } = {},
): Promise<Queued> {
  const name = stepName(step);
  if (!(await claimReviewStep(step.campaignId, name))) return 'already-queued';
  try {
    const continued = await continueRun(
      deps,
      {
        id: `review:${step.campaignId}:${name}`,
        queue: REVIEWS_QUEUE,
        body: { ...step },
        ...(options.delaySeconds ? { delaySeconds: options.delaySeconds } : {}),
      },
      options.chain ?? 0,
    );
    return continued === 'pushed' ? 'queued' : 'relayed';
  } catch (e) {
    await releaseReviewStep(step.campaignId, name);
    throw e;
  }
}
