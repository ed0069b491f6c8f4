// Access reviews' pacing and batching: a campaign of tens of thousands of memberships is collected, reminded and
// closed in steps that stay well inside a consumer's time limit, Forge's storage quota and Jira's rate budget.

export interface ReviewTuning {
  /** A step stops taking on work when the invocation has less than this left, and continues in a new message. */
  readonly deadlineMarginMs: number;
  /** Ledger rows read per storage query while collecting (Forge's maximum). */
  readonly ledgerPageSize: number;
  /** Members per Jira call while collecting (`/group/member` answers at most 50). */
  readonly jiraPageSize: number;
  /** Jira calls a campaign spends per minute (collection, notices, removals): a share of the app's budget. */
  readonly jiraCallsPerMinute: number;
  /** Items counted per storage query when a campaign opens or finishes. */
  readonly countPageSize: number;
  /** Notices (one Jira notification each) sent per step. */
  readonly noticesPerStep: number;
  /** A notice still `sending` after this long was lost with its sender: it is sent again. */
  readonly noticeStaleMs: number;
  /** Items whose removal one step carries out. */
  readonly actBatch: number;
  /** Items one reassignment step moves. */
  readonly reassignBatch: number;
  /** Holds on an item being removed last until the invocation's deadline plus this margin. */
  readonly leaseMarginMs: number;
  /** A working campaign whose steps have not moved for this long lost a message: the hourly check resumes it. */
  readonly stalledAfterMs: number;
  /**
   * Storage budget: memberships one collection step takes on (each costs a ledger read and a share of a write),
   * item pages one counting step reads, and items one closing step settles. Forge allows an installation 4,000
   * read and 4,000 write units a minute; a step stops at its share and the next starts a minute later.
   */
  readonly collectMembersPerStep: number;
  readonly countPagesPerStep: number;
  readonly settlePerStep: number;
}

export const REVIEW_TUNING: ReviewTuning = {
  deadlineMarginMs: 30_000,
  ledgerPageSize: 100,
  jiraPageSize: 50,
  jiraCallsPerMinute: 300,
  countPageSize: 100,
  noticesPerStep: 20,
  noticeStaleMs: 10 * 60_000,
  actBatch: 25,
  reassignBatch: 50,
  leaseMarginMs: 60_000,
  stalledAfterMs: 30 * 60_000,
  collectMembersPerStep: 1_000,
  countPagesPerStep: 40,
  settlePerStep: 500,
};

/** The wait before a step that continues work its predecessor stopped for the storage budget. */
export const STORAGE_PACING_SECONDS = 60;

/** Seconds to wait before the next step so that `jiraCalls` just made stay within the per-minute budget. */
export function pacingSeconds(jiraCalls: number, tuning: ReviewTuning = REVIEW_TUNING): number {
  return Math.min(900, Math.ceil((jiraCalls / tuning.jiraCallsPerMinute) * 60));
}
