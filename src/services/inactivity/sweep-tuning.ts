// The sweep's pacing and batching: sized so a page finishes well inside a consumer's time limit and the run stays
// under the org's Admin API budget (about 200 last-active calls a minute) and the app's Jira quota.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface SweepTuning {
  /** Users per page (Jira /users/search maxResults): about 2 Jira and up to 1 Admin API call each. */
  readonly pageSize: number;
  /** Admin API last-active calls per minute; 80% of the observed 200 leaves room for the org's other tools. */
  readonly activityCallsPerMinute: number;
  /** Jira calls per minute for the sweep: ~24,000 an hour, well inside the app's hourly points quota. */
  readonly jiraCallsPerMinute: number;
  /** Requests in flight at once within a page. */
  readonly concurrency: number;
  /**
   * Activity fetched less than this long ago is reused for users it shows as active. Longer than a day, so
   * consecutive daily runs fetch the (many) active users every other day; the policy's activityMaxAgeHours still
   * bounds it (older data is stale to the domain and fetched anyway).
   */
  readonly refreshAfterMs: number;
  /** Users who may be warned, acted on or cleared are decided on activity at most this old. */
  readonly decisiveRefreshAfterMs: number;
  /** A page stops taking on users when the invocation has less than this left, and resumes in a new one. */
  readonly pageDeadlineMarginMs: number;
  /** Users whose approved actions one execute step carries out. */
  readonly executeBatch: number;
  /** Users one restore step puts back. */
  readonly restoreBatch: number;
  /** Consecutive rate-limited waits of one page before the run gives up, naming the Admin API budget. */
  readonly maxRateLimitedWaits: number;
  /** A run whose progress is older than this is considered dead; a new run may take over. */
  readonly staleRunMs: number;
  /** A claim on an action row older than this belongs to an invocation Forge has certainly killed. */
  readonly claimLeaseMs: number;
  /** The licence-grant history is read forward again only when its last read is older than this. */
  readonly grantHistoryFreshMs: number;
  /** Audit log calls a page may spend bringing the licence-grant history up to date (else it is retried). */
  readonly grantHistoryCallsPerPage: number;
  /** Audit log calls one history step spends before handing over to the next (the first read can be long). */
  readonly grantHistoryCallsPerStep: number;
}

export const SWEEP_TUNING: SweepTuning = {
  pageSize: 50,
  activityCallsPerMinute: 160,
  jiraCallsPerMinute: 400,
  concurrency: 4,
  refreshAfterMs: 30 * HOUR_MS,
  decisiveRefreshAfterMs: 1 * HOUR_MS,
  pageDeadlineMarginMs: 25_000,
  executeBatch: 10,
  restoreBatch: 10,
  maxRateLimitedWaits: 30,
  staleRunMs: 6 * HOUR_MS,
  claimLeaseMs: 5 * MINUTE_MS,
  grantHistoryFreshMs: 1 * MINUTE_MS,
  grantHistoryCallsPerPage: 10,
  grantHistoryCallsPerStep: 100,
};

/** Seconds to wait before the next step so that the calls just made stay within the per-minute budgets. */
export function pacingDelaySeconds(
  calls: { activity: number; jira: number },
  tuning: SweepTuning = SWEEP_TUNING,
): number {
  const minutes = Math.max(
    calls.activity / tuning.activityCallsPerMinute,
    calls.jira / tuning.jiraCallsPerMinute,
  );
  return Math.min(900, Math.ceil(minutes * 60));
}
