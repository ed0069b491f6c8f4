// Closing a campaign: when it is due (the hourly check) or an admin closes it early. Decisions stop at once (every
// decision's transaction checks the campaign is open); undecided items are then settled by the campaign's policy:
// kept as they are, or marked to be removed like any removal a reviewer decided.
import { itemsWithDecision, replaceItem } from '../../storage/review-item-repository';
import type { Campaign } from '../../storage/review-types';
import type { RuntimeDeps } from '../runtime-deps';
import type { StepOutcome } from './collect';
import { hasTime, loadContextInPhase, moveStatus } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { REVIEW_TUNING, STORAGE_PACING_SECONDS, type ReviewTuning } from './review-tuning';

/** The reason the report gives for an item nobody decided that the policy removes. */
export const POLICY_REMOVAL_REASON =
  'Not decided by the end of the review; the campaign removes undecided access.';
/** Who decided an item the policy settled. */
export const BY_POLICY = 'policy';

/** Ends an open campaign's decisions and queues the closing steps; undefined when it was not open. */
export async function requestClose(
  deps: RuntimeDeps,
  campaignId: string,
  by: string,
): Promise<Campaign | undefined> {
  const closing = await moveStatus(deps, campaignId, ['open'], (c) => ({
    ...c,
    status: 'closing',
    closedBy: by,
  }));
  if (closing) await queueStep(deps, { kind: 'close', campaignId, round: 0 });
  return closing;
}

export async function closeStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'close' }>,
  chain: number,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadContextInPhase(deps, step.campaignId, 'closing', 'close', tuning);
  if (!('campaign' in ctx)) return ctx;
  const campaign = ctx.campaign;
  let settled = 0;
  if (campaign.definition.undecided === 'remove') {
    // Each settled item leaves the 'pending' partition, so the first page is always the next one.
    for (;;) {
      if (!hasTime(ctx) || settled >= tuning.settlePerStep) {
        await queueStep(
          deps,
          { ...step, round: step.round + 1 },
          { chain, delaySeconds: settled >= tuning.settlePerStep ? STORAGE_PACING_SECONDS : 0 },
        );
        return { note: `settled ${settled} undecided items so far` };
      }
      const page = await itemsWithDecision(campaign.id, 'pending', { limit: 25 });
      if (page.items.length === 0) break;
      const now = deps.now();
      for (const item of page.items) {
        const moved = await replaceItem(item, {
          ...item,
          decision: 'remove',
          stage: 'act',
          decidedAt: now,
          decidedBy: BY_POLICY,
          reason: POLICY_REMOVAL_REASON,
        });
        if (moved) settled++;
      }
    }
  }
  const acting = await moveStatus(deps, campaign.id, ['closing'], (c) => ({ ...c, status: 'acting' }));
  if (acting) await queueStep(deps, { kind: 'act', campaignId: campaign.id, round: 0 }, { chain });
  return { note: `closing: ${settled} undecided items to remove by the policy; acting` };
}
