// Opening a collected campaign: its items are counted per reviewer (resumably, a storage page at a time), the
// tallies written, the campaign opened with its due date, and the start notices queued.
import { dueAtOf } from '../../domain/reviews';
import { itemsOfCampaign } from '../../storage/review-item-repository';
import {
  createTallies,
  deleteCountCheckpoint,
  getCountCheckpoint,
  putCountCheckpoint,
} from '../../storage/review-tally-repository';
import type { RuntimeDeps } from '../runtime-deps';
import type { StepOutcome } from './collect';
import { emptyOutcome } from './campaign-views';
import { recordReviewAudit } from './review-audit';
import { hasTime, loadContextInPhase, moveStatus } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { REVIEW_TUNING, STORAGE_PACING_SECONDS, type ReviewTuning } from './review-tuning';

export async function openStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'open' }>,
  chain: number,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadContextInPhase(deps, step.campaignId, 'collecting', 'open', tuning);
  if (!('campaign' in ctx)) return ctx;
  const campaign = ctx.campaign;

  const checkpoint = (await getCountCheckpoint(campaign.id)) ?? { cursor: null, counts: {}, items: 0 };
  let cursor = checkpoint.cursor;
  const counts = { ...checkpoint.counts };
  let items = checkpoint.items;
  let pages = 0;
  do {
    const page = await itemsOfCampaign(campaign.id, {
      limit: tuning.countPageSize,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) counts[item.reviewer] = (counts[item.reviewer] ?? 0) + 1;
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
    return { note: `counted ${items} items so far` };
  }

  const now = deps.now();
  await createTallies(
    Object.entries(counts).map(([reviewer, total]) => ({
      campaignId: campaign.id,
      reviewer,
      total,
      kept: 0,
      removed: 0,
      version: 0,
      at: now,
      lastNotice: null,
    })),
  );
  const reviewers = Object.keys(counts).length;
  if (items === 0) {
    const closed = await moveStatus(deps, campaign.id, ['collecting'], (c) => ({
      ...c,
      status: 'closed',
      items: 0,
      reviewers: 0,
      openedAt: now,
      dueAt: now,
      closedAt: now,
      closedBy: 'schedule',
      outcome: emptyOutcome(),
    }));
    if (closed)
      await recordReviewAudit([
        {
          campaignId: campaign.id,
          fact: 'closed',
          at: now,
          accountId: '',
          action: 'review-closed',
          target: campaign.id,
          targetName: campaign.definition.name,
          reason: 'Nothing in the scope to review; the campaign closed at once.',
          outcome: 'success',
          actor: 'app',
        },
      ]);
    await deleteCountCheckpoint(campaign.id);
    return { note: 'nothing to review: closed' };
  }
  const opened = await moveStatus(deps, campaign.id, ['collecting'], (c) => ({
    ...c,
    status: 'open',
    items,
    reviewers,
    openedAt: now,
    dueAt: dueAtOf(now, c.definition.durationDays),
  }));
  await deleteCountCheckpoint(campaign.id);
  if (!opened) return { note: 'another delivery opened the campaign' };
  await recordReviewAudit([
    {
      campaignId: campaign.id,
      fact: 'opened',
      at: now,
      accountId: '',
      action: 'review-opened',
      target: campaign.id,
      targetName: campaign.definition.name,
      reason: `${items} items for ${reviewers} reviewer${reviewers === 1 ? '' : 's'}; due ${new Date(opened.dueAt ?? now).toISOString().slice(0, 10)}.`,
      outcome: 'success',
      actor: 'app',
    },
  ]);
  await queueStep(deps, { kind: 'notify', campaignId: campaign.id, notice: 'start', round: 0 }, { chain });
  return { note: `opened: ${items} items, ${reviewers} reviewers` };
}
