// Deleting a closed campaign whose report has outlived the audit retention period: its items a batch per step,
// then its tallies and the campaign itself (the audit log's own retention removes its lines).
import { deleteCampaign, getCampaign } from '../../storage/review-campaign-repository';
import { deleteCampaignItems } from '../../storage/review-item-repository';
import { deleteTallies } from '../../storage/review-tally-repository';
import type { RuntimeDeps } from '../runtime-deps';
import type { StepOutcome } from './collect';
import { queueStep, type ReviewStep } from './review-steps';

/** Items deleted per step (each a transaction of up to 25). */
const PURGE_BATCH = 500;

export async function purgeStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'purge' }>,
  chain: number,
): Promise<StepOutcome> {
  const campaign = await getCampaign(step.campaignId);
  if (!campaign) return { note: 'already purged' };
  if (campaign.purgeAt === null || campaign.purgeAt > deps.now())
    return { note: 'the report is still within the retention period' };
  const deleted = await deleteCampaignItems(campaign.id, PURGE_BATCH);
  if (deleted >= PURGE_BATCH) {
    await queueStep(deps, { ...step, round: step.round + 1 }, { chain });
    return { note: `purged ${deleted} items; more to delete` };
  }
  await deleteTallies(campaign.id);
  await deleteCampaign(campaign.id);
  return { note: `purged campaign ${campaign.id}` };
}
