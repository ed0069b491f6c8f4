// Campaigns and tallies as the pages see them.
import { pendingOf } from '../../domain/reviews';
import type { CampaignOutcomeCounts, CampaignView, ReviewerProgressView } from '../../shared/review-views';
import type { Campaign, CampaignSeries, ReviewTally } from '../../storage/review-types';

export function emptyOutcome(): CampaignOutcomeCounts {
  return { kept: 0, removed: 0, alreadyGone: 0, leftForAdmin: 0, excluded: 0, failed: 0, undecided: 0 };
}

export function campaignView(campaign: Campaign, series?: CampaignSeries): CampaignView {
  const {
    version: _version,
    ruleOwners: _owners,
    ruleNames: _names,
    projectLeads: _leads,
    parts: _parts,
    progress: _progress,
    notices: _notices,
    ...view
  } = campaign;
  const latest = series?.campaignIds[series.campaignIds.length - 1] === campaign.id;
  return { ...view, nextStartAt: series?.active && latest ? series.nextStartAt : null };
}

export function progressView(tally: ReviewTally): ReviewerProgressView {
  return {
    reviewer: tally.reviewer,
    total: tally.total,
    kept: tally.kept,
    removed: tally.removed,
    pending: pendingOf(tally),
    lastNotice: tally.lastNotice,
  };
}

/** `2026-05-01` for notices and reasons. */
export function day(epochMs: number | null): string {
  return epochMs === null ? 'unknown' : new Date(epochMs).toISOString().slice(0, 10);
}
