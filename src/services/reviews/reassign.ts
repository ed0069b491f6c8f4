// Reassigning a reviewer's undecided items to someone else (a site admin's decision: the reviewer left, is away,
// or should not review these). Items move with the tallies in the same transactions; decided items stay with
// whoever decided them. The new reviewer is told by Jira notification.
import { describeGrant } from '../../domain/rules';
import { getTally } from '../../storage/review-tally-repository';
import { itemsOfReviewer } from '../../storage/review-item-repository';
import type { RuntimeDeps } from '../runtime-deps';
import type { StepOutcome } from './collect';
import { commitItemChanges, type ItemChange } from './item-changes';
import { noticeText, reviewNoticeTexts, sendNotice } from './notices';
import { recordReviewAudit, reviewAuditEntry } from './review-audit';
import { hasTime, loadContextInPhase } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { REVIEW_TUNING, type ReviewTuning } from './review-tuning';

export async function reassignStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'reassign' }>,
  chain: number,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadContextInPhase(deps, step.campaignId, 'open', 'reassign', tuning);
  if (!('campaign' in ctx)) return ctx;
  const campaign = ctx.campaign;
  let moved = 0;
  let cursor: string | undefined;
  for (;;) {
    if (!hasTime(ctx)) {
      await queueStep(deps, { ...step, round: step.round + 1 }, { chain });
      return { note: `moved ${moved} items so far` };
    }
    // The new reviewer's own access stays where it is (nobody reviews their own): page past it.
    const page = await itemsOfReviewer(campaign.id, step.from, {
      decision: 'pending',
      limit: tuning.reassignBatch,
      cursor,
    });
    cursor = page.cursor;
    const candidates = page.items.filter((item) => item.accountId !== step.to);
    const at = deps.now();
    const changes: ItemChange[] = candidates.map((before) => ({
      before,
      after: {
        ...before,
        reviewer: step.to,
        reassignedFrom: step.from,
        assignedWhy: `Reassigned from ${step.from} by ${step.by}`,
      },
      audit: [
        reviewAuditEntry({
          campaignId: campaign.id,
          fact: `reassigned:${before.id}:${step.requestedAt}`,
          at,
          accountId: before.accountId,
          action: 'review-reassigned',
          target: before.grantKey,
          targetName: describeGrant(before.grant),
          reason: `Reassigned from ${step.from} to ${step.to}`,
          outcome: 'success',
          actor: step.by,
        }),
      ],
    }));
    const committed = await commitItemChanges(campaign.id, changes, at);
    moved += committed;
    if (committed < changes.length) {
      // Someone decided an item meanwhile (or the campaign closed): read again next step.
      await queueStep(deps, { ...step, round: step.round + 1 }, { chain, delaySeconds: 5 });
      return { note: `moved ${moved} items; retrying the rest` };
    }
    if (!cursor) break;
  }
  const tally = await getTally(campaign.id, step.to);
  if (tally) {
    await sendNotice(
      deps,
      ctx.clients.jira,
      reviewNoticeTexts(deps, ctx.clients.jira),
      campaign,
      `reassigned:${step.requestedAt}`,
      step.to,
      (text) => noticeText('reassigned', campaign, tally, text),
      tuning,
    );
  }
  await recordReviewAudit([
    {
      campaignId: campaign.id,
      fact: `reassign-done:${step.requestedAt}`,
      at: deps.now(),
      accountId: step.to,
      action: 'review-reassigned',
      target: campaign.id,
      targetName: campaign.definition.name,
      reason: `Undecided items of ${step.from} reassigned to ${step.to}`,
      outcome: 'success',
      actor: step.by,
    },
  ]);
  return { note: `reassigned ${moved} items from ${step.from} to ${step.to}` };
}
