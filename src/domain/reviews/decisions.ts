// Decisions on review items: what a reviewer may send, what a decision does to an item, what undecided items
// become at the end, and how an item reads in the report.
import { CAMPAIGN_LIMITS, type UndecidedPolicy } from './campaign';

/** The reviewer's answer so far. */
export type ItemDecision = 'pending' | 'keep' | 'remove';

/**
 * Where an item is in carrying out its decision: `review` (undecided or kept: nothing to do), `act` (to be
 * removed once the campaign closes), `acting` (a removal under way, held by one invocation), `done` (acted on).
 */
export type ItemStage = 'review' | 'act' | 'acting' | 'done';

/** What finally happened to the access. */
export type ItemOutcome =
  /** Removed from the site by this campaign. */
  | 'removed'
  /** The user no longer had it when the campaign acted. */
  | 'already-gone'
  /** Decided remove, but the app did not grant it and the campaign leaves hand grants to an admin. */
  | 'left-for-admin'
  /** Decided remove, but the user or group is excluded (Inactivity → Exclusions always win). */
  | 'excluded'
  /** The site refused the removal for good; the reason says what to do. */
  | 'failed';

export type ReasonProblem = string | null;

/** Why a reason cannot be accepted, or null. Every decision carries a reason an auditor can read. */
export function reasonProblem(reason: string): ReasonProblem {
  const text = reason.trim();
  if (text.length < CAMPAIGN_LIMITS.minReasonLength)
    return `Give a reason of at least ${CAMPAIGN_LIMITS.minReasonLength} characters`;
  if (text.length > CAMPAIGN_LIMITS.maxReasonLength)
    return `A reason is at most ${CAMPAIGN_LIMITS.maxReasonLength} characters`;
  return null;
}

/** The stage an item moves to when decided (decisions may change while the campaign is open). */
export function stageFor(decision: ItemDecision): ItemStage {
  return decision === 'remove' ? 'act' : 'review';
}

/** Whether an item can still be decided: it has not been acted on. */
export function isDecidable(stage: ItemStage): boolean {
  return stage === 'review' || stage === 'act';
}

/** How the report reads an item's decision, once the campaign has closed with this undecided policy. */
export interface ReportDecision {
  readonly decision: 'keep' | 'remove';
  /** True when nobody decided and the campaign's policy did. */
  readonly byPolicy: boolean;
  readonly label: string;
}

export function reportDecision(
  decision: ItemDecision,
  undecided: UndecidedPolicy,
  closed: boolean,
): ReportDecision | null {
  if (decision === 'keep') return { decision: 'keep', byPolicy: false, label: 'Keep' };
  if (decision === 'remove') return { decision: 'remove', byPolicy: false, label: 'Remove' };
  if (!closed) return null;
  return undecided === 'keep'
    ? { decision: 'keep', byPolicy: true, label: 'Kept: not decided by the end (campaign keeps undecided)' }
    : {
        decision: 'remove',
        byPolicy: true,
        label: 'Removed: not decided by the end (campaign removes undecided)',
      };
}

export const OUTCOME_LABELS: Readonly<Record<ItemOutcome, string>> = {
  removed: 'Removed',
  'already-gone': 'Already gone',
  'left-for-admin': 'Left for an admin (granted outside the app)',
  excluded: 'Not removed: excluded',
  failed: 'Removal failed',
};

/** Per-reviewer counts as the admin's progress table shows them. */
export interface ReviewerCounts {
  readonly total: number;
  readonly kept: number;
  readonly removed: number;
}

export function pendingOf(counts: ReviewerCounts): number {
  return Math.max(0, counts.total - counts.kept - counts.removed);
}

/** How counts move when one item goes from `from` to `to`. */
export function countsAfter(counts: ReviewerCounts, from: ItemDecision, to: ItemDecision): ReviewerCounts {
  const delta = (d: ItemDecision, sign: 1 | -1) => ({
    kept: d === 'keep' ? sign : 0,
    removed: d === 'remove' ? sign : 0,
  });
  const out = delta(from, -1);
  const into = delta(to, 1);
  return {
    total: counts.total,
    kept: counts.kept + out.kept + into.kept,
    removed: counts.removed + out.removed + into.removed,
  };
}
