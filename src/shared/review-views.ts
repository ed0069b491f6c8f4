// Access reviews as the pages see them (the reviewer page and the admin's campaign view); storage keeps the same
// shapes (src/storage/review-types.ts), so what a reviewer saw is what the report shows.
import type { AttributeBasis } from '../domain/access-basis';
import type {
  AssignmentBasis,
  CampaignDefinition,
  ItemDecision,
  ItemOutcome,
  ItemStage,
} from '../domain/reviews';
import type { Grant } from '../domain/rules';

/**
 * `collecting`: listing the memberships and assigning reviewers; `open`: reviewers decide; `closing`: the end
 * came, undecided items are settled by the policy; `acting`: removals are carried out; `closed`: the report is
 * final. `cancelled` (by an admin, before acting) and `failed` (with the reason) end it too.
 */
export type CampaignStatus = 'collecting' | 'open' | 'closing' | 'acting' | 'closed' | 'cancelled' | 'failed';

export interface CampaignOutcomeCounts {
  /** Items decided keep, and undecided items kept by the policy. */
  kept: number;
  removed: number;
  alreadyGone: number;
  leftForAdmin: number;
  excluded: number;
  failed: number;
  /** Of all items, how many nobody decided (the policy did). */
  undecided: number;
}

export interface CampaignView {
  id: string;
  seriesId: string;
  status: CampaignStatus;
  definition: CampaignDefinition;
  createdAt: number;
  createdBy: string;
  openedAt: number | null;
  dueAt: number | null;
  closedAt: number | null;
  /** 'schedule' when it ended on time, else the admin who closed or cancelled it. */
  closedBy: string | null;
  /** When the report is deleted (the audit retention period after closing). */
  purgeAt: number | null;
  /** When the next campaign of this series starts; null for a one-off or a stopped series. */
  nextStartAt: number | null;
  items: number;
  reviewers: number;
  /** Memberships left out, with why (app accounts, unknown activity). */
  skipped: { appAccounts: number; activityUnknown: number };
  remindersSent: number;
  outcome: CampaignOutcomeCounts | null;
  /** Why it failed, or what an admin should know (e.g. reviewers cannot be notified). */
  problem: string | null;
  updatedAt: number;
}

export interface ReviewerProgressView {
  reviewer: string;
  total: number;
  kept: number;
  removed: number;
  pending: number;
  /** The last notice sent to this reviewer: what, when, and whether Jira took it. */
  lastNotice: { kind: NoticeKind; at: number; delivered: boolean; error: string | null } | null;
}

export type NoticeKind = 'start' | 'reminder' | 'end' | 'reassigned';

/** What the reviewer sees about one membership, and what the report keeps. */
export interface ReviewItemView {
  id: string;
  campaignId: string;
  reviewer: string;
  /** Whose access it is. */
  accountId: string;
  grantKey: string;
  grant: Grant;
  /** `app`: this app granted it (a rule); `hand`: someone else did. */
  source: 'app' | 'hand';
  ruleId: string | null;
  ruleName: string | null;
  /** The attribute values the rule read when it granted it; null when not recorded (hand grants, older grants). */
  basis: AttributeBasis | null;
  /** When it was granted, when known. */
  grantedAt: number | null;
  /** Product of a licence group (inactive-users scope), and its last activity there as collected. */
  product: string | null;
  assignedBecause: AssignmentBasis;
  assignedWhy: string;
  decision: ItemDecision;
  stage: ItemStage;
  reason: string;
  decidedAt: number | null;
  decidedBy: string | null;
  /** Last activity the reviewer was shown when deciding (ms), when known. */
  lastActiveAtDecision: number | null;
  outcome: ItemOutcome | null;
  outcomeAt: number | null;
  outcomeDetail: string;
  createdAt: number;
  reassignedFrom: string | null;
}

/** A list row: the item with the last activity known now. */
export interface ReviewItemRowView extends ReviewItemView {
  /** Last activity on this site (the product of the access, or any), from the app's activity records. */
  lastActiveAt: number | null;
  /** When those records were read from the Admin API; null when the app has none for this user. */
  activityReadAt: number | null;
}

/** What the identity provider says now, read on demand for one item. */
export interface LiveEvidenceView {
  itemId: string;
  readAt: number;
  /** The current values of the attributes the granting rule reads (or the main ones for hand grants). */
  attributes: Record<string, string | string[] | null>;
  /** Attributes whose value differs from what the grant rested on. */
  changedSinceGrant: string[];
  /** Whether the granting rule still matches the user; null when no rule granted it or it no longer parses. */
  ruleStillMatches: boolean | null;
  /** Whether the user still has the access on the site. */
  stillHeld: boolean | null;
  sources: Array<{ source: string; status: string; message: string }>;
  lastActiveAt: number | null;
}

export interface ReportRowView {
  item: ReviewItemView;
  /**
   * The decision as the report states it (undecided items by the policy once closed), in English for the CSV
   * export; the pages word the same decision in the viewer's language (reviews.report.decision.*).
   */
  decisionLabel: string;
  decidedBy: string | null;
}
