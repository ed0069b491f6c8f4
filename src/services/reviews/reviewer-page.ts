// The reviewer page's use cases. The caller is whoever Forge says is signed in; every answer is about the
// caller's own items only (an item that is someone else's reads exactly like one that does not exist), except
// that a site admin may read the evidence of, and decide, any item (recorded as the decider, on behalf of the
// reviewer). Nothing here trusts the page for who reviews what.
import { pendingOf } from '../../domain/reviews';
import type {
  LiveEvidenceView,
  Reply,
  ReviewerCampaignsView,
  ReviewerCampaignView,
  ReviewerDecideView,
  ReviewerItemsView,
} from '../../shared/contract';
import { getCampaign } from '../../storage/review-campaign-repository';
import { getItem, itemsOfReviewer } from '../../storage/review-item-repository';
import { getTally, talliesOfReviewer } from '../../storage/review-tally-repository';
import type { Campaign, ReviewTally } from '../../storage/review-types';
import { fail, ok } from '../admin/reply';
import type { RuntimeDeps } from '../runtime-deps';
import { decideItems, type Caller, type DecisionInput } from './decide';
import { liveEvidence, withActivity } from './evidence';

/** The one answer for an item or campaign that is not the caller's: it does not say whether it exists. */
export const NOT_YOURS =
  'This is not one of your access review items (or it does not exist). You can see and decide only the items assigned to you.';

function reviewerCampaign(campaign: Campaign, tally: ReviewTally): ReviewerCampaignView {
  return {
    id: campaign.id,
    name: campaign.definition.name,
    status: campaign.status,
    dueAt: campaign.dueAt,
    closedAt: campaign.closedAt,
    undecided: campaign.definition.undecided,
    total: tally.total,
    kept: tally.kept,
    removed: tally.removed,
    pending: pendingOf(tally),
  };
}

/** Campaigns the caller has items in (open first), with their own counts. */
export async function myCampaigns(caller: string): Promise<Reply<ReviewerCampaignsView>> {
  const tallies = await talliesOfReviewer(caller, 50);
  const views: ReviewerCampaignView[] = [];
  for (const tally of tallies) {
    const campaign = await getCampaign(tally.campaignId);
    // Items only count once the campaign opened (tallies are written as it opens).
    if (campaign && campaign.status !== 'collecting' && campaign.status !== 'failed')
      views.push(reviewerCampaign(campaign, tally));
  }
  views.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
  return ok({ campaigns: views });
}

/** The caller's own items in one campaign, with the activity the app has on record. */
export async function myItems(
  caller: string,
  p: {
    campaignId: string;
    decision?: 'pending' | 'keep' | 'remove' | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Reply<ReviewerItemsView>> {
  const [campaign, tally] = await Promise.all([getCampaign(p.campaignId), getTally(p.campaignId, caller)]);
  if (!campaign || !tally || campaign.status === 'collecting') return fail('forbidden', NOT_YOURS);
  // The partition is the caller's: no cursor or filter can reach another reviewer's items.
  const page = await itemsOfReviewer(campaign.id, caller, {
    decision: p.decision,
    limit: p.limit ?? 25,
    cursor: p.cursor,
  });
  return ok({
    campaign: reviewerCampaign(campaign, tally),
    items: await withActivity(page.items),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

/** What the identity provider says now about one item's user: the caller's own item, or any for a site admin. */
export async function itemEvidence(
  deps: RuntimeDeps,
  caller: Caller,
  itemId: string,
): Promise<Reply<LiveEvidenceView>> {
  const item = await getItem(itemId);
  if (!item || item.reviewer !== caller.accountId) {
    if (!(await caller.isSiteAdmin())) return fail('forbidden', NOT_YOURS);
    if (!item) return fail('not-found', 'No such access review item.');
  }
  return ok(await liveEvidence(deps, item));
}

export async function decide(
  now: () => number,
  caller: Caller,
  campaignId: string,
  decisions: readonly DecisionInput[],
): Promise<Reply<ReviewerDecideView>> {
  const result = await decideItems(now, caller, campaignId, decisions);
  if (!result.ok) return fail(result.kind, result.message, result.fields);
  const [campaign, tally] = await Promise.all([
    getCampaign(campaignId),
    getTally(campaignId, caller.accountId),
  ]);
  const fallbackTally: ReviewTally = {
    campaignId,
    reviewer: caller.accountId,
    total: 0,
    kept: 0,
    removed: 0,
    version: 0,
    at: 0,
    lastNotice: null,
  };
  return ok({
    decided: await withActivity(result.decided),
    campaign: reviewerCampaign(campaign!, tally ?? fallbackTally),
  });
}
