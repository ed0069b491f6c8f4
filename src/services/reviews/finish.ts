// Finishing a campaign once every removal is carried out: the outcomes are counted (resumably), the campaign is
// closed with its report kept for the audit retention period, and the end notices go out.
import { purgeAtOf } from '../../domain/reviews';
import { itemsOfCampaign } from '../../storage/review-item-repository';
import {
  deleteCountCheckpoint,
  getCountCheckpoint,
  putCountCheckpoint,
} from '../../storage/review-tally-repository';
import type { ReviewItem } from '../../storage/review-types';
import type { CampaignOutcomeCounts } from '../../shared/review-views';
import type { RuntimeDeps } from '../runtime-deps';
import { BY_POLICY } from './close-campaign';
import type { StepOutcome } from './collect';
import { emptyOutcome } from './campaign-views';
import { recordReviewAudit } from './review-audit';
import { hasTime, loadContextInPhase, moveStatus } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { REVIEW_TUNING, STORAGE_PACING_SECONDS, type ReviewTuning } from './review-tuning';

/** Which outcome count one item adds to; every item adds to exactly one, so the counts sum to the items. */
export function outcomeBucket(item: ReviewItem): keyof Omit<CampaignOutcomeCounts, 'undecided'> {
  if (item.decision !== 'remove') return 'kept';
  switch (item.outcome) {
    case 'removed':
      return 'removed';
    case 'already-gone':
      return 'alreadyGone';
    case 'left-for-admin':
      return 'leftForAdmin';
    case 'excluded':
      return 'excluded';
    default:
      return 'failed';
  }
}

export async function finishStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'finish' }>,
  chain: number,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadContextInPhase(deps, step.campaignId, 'acting', 'finish', tuning);
  if (!('campaign' in ctx)) return ctx;
  const campaign = ctx.campaign;

  const checkpoint = (await getCountCheckpoint(campaign.id)) ?? { cursor: null, counts: {}, items: 0 };
  const counts: Record<string, number> = { ...emptyOutcome(), ...checkpoint.counts };
  let cursor = checkpoint.cursor;
  let items = checkpoint.items;
  let pages = 0;
  do {
    const page = await itemsOfCampaign(campaign.id, {
      limit: tuning.countPageSize,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      const bucket = outcomeBucket(item);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
      if (item.decision === 'pending' || item.decidedBy === BY_POLICY)
        counts.undecided = (counts.undecided ?? 0) + 1;
    }
    items += page.items.length;
    cursor = page.cursor ?? null;
    pages++;
  } while (cursor && hasTime(ctx) && pages < tuning.countPagesPerStep);
  if (cursor) {
    await putCountCheckpoint(campaign.id, { cursor, counts, items });
    await queueStep(
      deps,
      { ...step, round: step.round + 1 },
      { chain, delaySeconds: STORAGE_PACING_SECONDS },
    );
    return { note: `counted ${items} outcomes so far` };
  }

  const now = deps.now();
  const outcome = counts as unknown as CampaignOutcomeCounts;
  const closed = await moveStatus(deps, campaign.id, ['acting'], (c) => ({
    ...c,
    status: 'closed',
    closedAt: now,
    closedBy: c.closedBy ?? 'schedule',
    purgeAt: purgeAtOf(now, ctx.settings.auditRetentionDays),
    outcome,
  }));
  await deleteCountCheckpoint(campaign.id);
  if (!closed) return { note: 'another delivery closed the campaign' };
  await recordReviewAudit([
    {
      campaignId: campaign.id,
      fact: 'closed',
      at: now,
      accountId: '',
      action: 'review-closed',
      target: campaign.id,
      targetName: campaign.definition.name,
      reason:
        `${items} items: ${outcome.kept} kept, ${outcome.removed} removed, ${outcome.alreadyGone} already gone, ` +
        `${outcome.leftForAdmin} left for an admin, ${outcome.excluded} excluded, ${outcome.failed} failed; ` +
        `${outcome.undecided} not decided (settled by the policy: ${campaign.definition.undecided}). ` +
        `Report kept until ${new Date(closed.purgeAt ?? now).toISOString().slice(0, 10)}.`,
      outcome: outcome.failed > 0 ? 'failed' : 'success',
      actor: closed.closedBy === 'schedule' ? 'app' : (closed.closedBy ?? 'app'),
    },
  ]);
  await queueStep(deps, { kind: 'notify', campaignId: campaign.id, notice: 'end', round: 0 }, { chain });
  return { note: `closed: ${items} items` };
}
