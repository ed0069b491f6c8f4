// What access reviews store: campaigns, series, items and per-reviewer tallies. The parts the pages show are the
// shared views (src/shared/review-views.ts), so the report is exactly what was stored.
import type { CampaignDefinition } from '../domain/reviews';
import type { CampaignView, NoticeKind, ReviewItemView, ReviewerProgressView } from '../shared/review-views';

export type { CampaignStatus, NoticeKind } from '../shared/review-views';

/** A campaign as stored: the view's fields plus what its steps need (rule owners, project leads). */
export interface Campaign extends Omit<CampaignView, 'nextStartAt'> {
  /** Optimistic concurrency: every write is conditional on the version it read. */
  version: number;
  /** Rule id → owner and name, and project id → lead, as they stood when the campaign was collected. */
  ruleOwners: Record<string, string>;
  ruleNames: Record<string, string>;
  projectLeads: Record<string, string | null>;
  /** What collecting goes through, in order: the ledger, groups (licence groups with their product), projects. */
  parts: CampaignPart[];
  /** Where the campaign's current phase got to; its steps resume from here whoever delivers them. */
  progress: CampaignProgress;
  /** Each notice round (`start`, `reminder:2`, `end`): whether every reviewer was dealt with, and how it went. */
  notices: Record<string, NoticeRound>;
}

export type CampaignPart =
  | { kind: 'ledger' }
  | { kind: 'group'; groupId: string; groupName: string; product: string | null }
  | { kind: 'project'; projectId: string; projectKey: string };

export interface CampaignProgress {
  /** Collection: which part of the scope (rule page, group, project) and where in it. */
  part: number;
  cursor: string | null;
  /** The phase's step round (each round is queued at most once). */
  round: number;
  updatedAt: number;
}

export interface NoticeRound {
  done: boolean;
  sent: number;
  failed: number;
  /** Where in the campaign's tallies the round got to. */
  cursor: string | null;
  updatedAt: number;
}

/** The definition a site admin saved, from which campaigns start (once, or every N days). */
export interface CampaignSeries {
  id: string;
  definition: CampaignDefinition;
  createdBy: string;
  createdAt: number;
  /** False once stopped: no further campaign starts. */
  active: boolean;
  /** Campaigns started so far, newest last (ids). */
  campaignIds: string[];
  /** When the next campaign starts; null for a one-off (or a stopped series). */
  nextStartAt: number | null;
}

/** One membership under review. `holder`/`leaseUntil` are set while a removal is under way (stage 'acting'). */
export interface ReviewItem extends ReviewItemView {
  holder: string;
  leaseUntil: number;
}

/** Per campaign and reviewer, updated with each decision (conditional on `version`). */
export interface ReviewTally {
  campaignId: string;
  reviewer: string;
  total: number;
  kept: number;
  removed: number;
  version: number;
  at: number;
  lastNotice: ReviewerProgressView['lastNotice'];
}

/** A notice to one reviewer, claimed before it is sent: `sending` until Jira answered. */
export interface NoticeRecord {
  state: 'sending' | 'delivered' | 'failed';
  kind: NoticeKind;
  at: number;
  error: string | null;
}
