// What the inactivity clean-up stores about its runs, pages, actions and decisions: shapes shared by repositories,
// services and (through the service API) the admin page.
import type {
  BrakeCounts,
  BrakeLimit,
  DecisionOutcome,
  PlannedAction,
  ProductCatalogueEntry,
  ReasonCode,
  ReviewApproval,
  RunReport,
} from '../domain/inactivity';

export type InactivityRunMode = 'live' | 'dry-run';

/**
 * collecting: pages of users are being decided; finalizing: all pages decided, the brake is being applied;
 * awaiting-review: held by the brake until an admin answers; executing: allowed actions are being carried out;
 * completed / stopped (a named precondition failed, nothing was done) / failed (an error stopped it midway).
 */
export type InactivityRunStatus =
  'collecting' | 'finalizing' | 'awaiting-review' | 'executing' | 'completed' | 'stopped' | 'failed';

export const FINISHED_RUN_STATUSES: readonly InactivityRunStatus[] = ['completed', 'stopped', 'failed'];

/** A run's report without the brake's action lists, which can be far too large for one stored value. */
export type StoredRunReport = Omit<RunReport, 'brake'>;

export interface StoredBrake {
  readonly status: 'allowed' | 'held-for-review';
  readonly counts: BrakeCounts;
  readonly limits: readonly BrakeLimit[];
  readonly message: string | null;
}

export interface StoredReview {
  readonly approval: ReviewApproval;
  readonly by: string;
  readonly at: number;
  readonly allowedActions: number;
  readonly droppedActions: number;
  /** Approved accounts that had no held action (a stale admin page): shown, never acted on. */
  readonly unknownAccountIds: readonly string[];
}

export interface RunProgress {
  readonly pages: number;
  readonly users: number;
  /** Where the next page starts (Jira /users/search startAt). */
  readonly nextStartAt: number;
  readonly activityCalls: number;
  /** Times a page waited for the Admin API's rate limit (a 429 with Retry-After). */
  readonly rateLimitedWaits: number;
  readonly updatedAt: number;
}

export interface ExecutionCounts {
  readonly done: number;
  readonly dropped: number;
  readonly failed: number;
}

export interface RestoreProgress {
  readonly status: 'queued' | 'completed';
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly finishedAt: number | null;
  readonly restoredUsers: number;
  readonly failedUsers: number;
}

export interface InactivityRun {
  readonly id: string;
  readonly mode: InactivityRunMode;
  readonly trigger: 'schedule' | 'admin';
  /** 'app' for the daily schedule, else the admin's account id. */
  readonly requestedBy: string;
  readonly status: InactivityRunStatus;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  /** Why the run stopped or failed, in words an admin can act on. */
  readonly stopReason: string | null;
  readonly cloudId: string;
  /** Product-instance ARIs of this site, learned from the Admin API workspaces (activity elsewhere is ignored). */
  readonly siteAris: readonly string[];
  /** The products and licence groups the run used (Jira /applicationrole plus admin-declared products). */
  readonly catalogue: readonly ProductCatalogueEntry[];
  /** Groups whose members are site admins or hold Jira's ADMINISTER permission: never touched. */
  readonly adminGroupIds: readonly string[];
  readonly progress: RunProgress;
  /** Users holding any product when the run decided them, before anything was changed (the brake's base). */
  readonly licensedUsers: number | null;
  readonly report: StoredRunReport | null;
  readonly brake: StoredBrake | null;
  readonly review: StoredReview | null;
  readonly execution: ExecutionCounts | null;
  readonly restore: RestoreProgress | null;
}

/** One page's outcome, stored under its own key: the checkpoint a redelivered page or a resumed run reads. */
export interface RunPage {
  readonly runId: string;
  readonly startAt: number;
  /** Users on the page (every account type). */
  readonly users: number;
  readonly licensedUsers: number;
  readonly activityCalls: number;
  readonly report: StoredRunReport;
  /** Actions the page planned (live runs): what the brake counts, and what an admin's review answers. */
  readonly planned: readonly PlannedAction[];
  readonly decidedAt: number;
}

export type InactivityRecordKind = 'action' | 'decision';

/** planned → executing → done | dropped | failed; done → restoring → restored. */
export type ActionRowStatus =
  'planned' | 'executing' | 'done' | 'dropped' | 'failed' | 'restoring' | 'restored';

/** What happened to one planned action; enough to undo it exactly. */
export type ActionResult =
  | {
      readonly kind: 'remove-licence';
      readonly product: string;
      readonly outcome: 'done' | 'dropped' | 'failed';
      /** The groups the app removed the user from: exactly what a restore re-adds. */
      readonly removedGroupIds: readonly string[];
      readonly failedGroupIds: readonly string[];
      readonly reason: string;
      readonly at: number;
    }
  | {
      readonly kind: 'suspend';
      readonly products: readonly string[];
      readonly outcome: 'done' | 'dropped' | 'failed';
      readonly reason: string;
      readonly at: number;
    };

export interface ActionRestoreResult {
  readonly at: number;
  readonly by: string;
  readonly regrantedGroupIds: readonly string[];
  readonly accountRestored: boolean;
  readonly skipped: readonly string[];
  readonly failures: readonly string[];
}

/** One user's actions in one run (custom entity row, kind 'action'). */
export interface ActionRow {
  readonly runId: string;
  readonly accountId: string;
  readonly status: ActionRowStatus;
  readonly at: number;
  readonly planned: readonly PlannedAction[];
  /** Why each action was planned: the decision sentences, for the audit log and the review page. */
  readonly reasons: readonly { readonly product: string; readonly message: string }[];
  /** Who is carrying the row out, so a duplicate delivery does not, and a dead one can be taken over. */
  readonly claim: { readonly by: string; readonly at: number } | null;
  /** Written before anything changes on the site: the exact changes about to be made (write-ahead). */
  readonly intent: readonly PlannedAction[] | null;
  readonly results: readonly ActionResult[];
  readonly restore: ActionRestoreResult | null;
}

/** A decision worth listing in the run's report (warned, due, blocked, cancelled, unknown). */
export interface DecisionEntry {
  readonly product: string;
  readonly outcome: DecisionOutcome;
  readonly code: ReasonCode;
  readonly message: string;
  readonly lastActiveAt: number | null;
  readonly inactiveDays: number | null;
  readonly actAfter: number | null;
}

/** One user's notable decisions in one run (custom entity row, kind 'decision'); status = the headline outcome. */
export interface DecisionRow {
  readonly runId: string;
  readonly accountId: string;
  readonly status: DecisionOutcome;
  readonly at: number;
  readonly entries: readonly DecisionEntry[];
}
