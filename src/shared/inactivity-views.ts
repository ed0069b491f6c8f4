// The inactivity clean-up's shapes as the admin page sees them: runs, reports, held and done actions, restores.
// The one definition: storage and services build on these (this module imports only the pure domain).
import type {
  BrakeCounts,
  BrakeLimit,
  InactivityPolicy,
  INACTIVITY_ACTIONS,
  PlannedAction,
  POLICY_LIMITS,
  ProductCatalogueEntry,
  ReportRow,
  ReviewApproval,
  RunReport,
} from '../domain/inactivity';
import type { OutdatedReason } from '../domain/computed-inputs';
import type { Words } from '../domain/inactivity/words';

export interface ProductSeatsView {
  readonly total: number | null;
  readonly used: number;
  readonly remaining: number | null;
}

/** A product the policy can cover: its licence groups with names, and seats when the site reports them. */
export interface CatalogueProductView extends ProductCatalogueEntry {
  readonly licenceGroups: readonly { readonly groupId: string; readonly name: string }[];
  readonly source: 'site' | 'policy';
  readonly seats: ProductSeatsView | null;
}

export interface InactivityPolicyView {
  /** The saved policy with the site's current products merged in, or the all-disabled default. */
  readonly policy: InactivityPolicy;
  readonly saved: boolean;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
  /** Set when the stored policy no longer validates: the page shows defaults and asks the admin to save. */
  readonly problem: string | null;
  /** The problem as a key and values, for the page to say in the reader's language. */
  readonly problemWords?: Words | null;
  /** Products the site reports that the saved policy did not know (added, disabled), and ones it no longer reports. */
  readonly addedProducts: readonly string[];
  readonly missingProducts: readonly string[];
  readonly products: readonly CatalogueProductView[];
  readonly actions: typeof INACTIVITY_ACTIONS;
  readonly limits: typeof POLICY_LIMITS;
  readonly webhookHosts: readonly string[];
}

/**
 * collecting: pages of users are being decided; finalizing: all pages decided, the brake is being applied;
 * awaiting-review: held by the brake until an admin answers; executing: allowed actions are being carried out;
 * completed / stopped (a named precondition failed, nothing was done) / failed (an error stopped it midway).
 */
export type InactivityRunStatusView =
  'collecting' | 'finalizing' | 'awaiting-review' | 'executing' | 'completed' | 'stopped' | 'failed';

export interface RunProgressView {
  readonly pages: number;
  readonly users: number;
  readonly activityCalls: number;
  /** Times a page waited for the Admin API's rate limit (a 429 with Retry-After). */
  readonly rateLimitedWaits: number;
  readonly updatedAt: number;
}

export interface RunBrakeView {
  readonly status: 'allowed' | 'held-for-review';
  readonly counts: BrakeCounts;
  readonly limits: readonly BrakeLimit[];
  readonly message: string | null;
  /** The message as a key and values for the page; absent in runs stored before it was kept. */
  readonly words?: Words | null;
}

export interface RunReviewView {
  readonly approval: ReviewApproval;
  readonly by: string;
  readonly at: number;
  readonly allowedActions: number;
  readonly droppedActions: number;
  /** Approved accounts that had no held action (a stale admin page): shown, never acted on. */
  readonly unknownAccountIds: readonly string[];
}

export interface ExecutionCountsView {
  readonly done: number;
  readonly dropped: number;
  readonly failed: number;
}

export interface RestoreProgressView {
  readonly status: 'queued' | 'completed';
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly finishedAt: number | null;
  readonly restoredUsers: number;
  readonly failedUsers: number;
}

/**
 * A run's report without the brake's action lists. `notTold` (live runs): users with a due action left alone
 * because no warning reached them; absent in runs stored before it was counted.
 */
export type RunSummaryView = Omit<RunReport, 'brake'> & { readonly notTold?: number };

export interface InactivityRunView {
  readonly id: string;
  readonly mode: 'live' | 'dry-run';
  readonly trigger: 'schedule' | 'admin';
  readonly requestedBy: string;
  readonly status: InactivityRunStatusView;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  /** Why the run stopped or failed, in words an admin can act on. */
  readonly stopReason: string | null;
  /** When the policy the run decided with was saved; null for an unsaved draft or a run from before this was kept. */
  readonly policyVersion: number | null;
  readonly progress: RunProgressView;
  readonly licensedUsers: number | null;
  readonly report: RunSummaryView | null;
  readonly brake: RunBrakeView | null;
  readonly review: RunReviewView | null;
  readonly execution: ExecutionCountsView | null;
  readonly restore: RestoreProgressView | null;
}

/** A decision worth listing in a run's report (warned, due, blocked, cancelled, unknown). */
export type DecisionEntryView = Omit<ReportRow, 'accountId' | 'productName'>;

/** One notable decision in a run's report, with whom it is about. */
export type ReportEntryView = DecisionEntryView & { readonly accountId: string };

export interface RunReportView {
  readonly run: InactivityRunView;
  /** Why the report no longer describes the present (the policy changed, the clock moved on); empty if it does. */
  readonly outdated: readonly OutdatedReason[];
  readonly entries: readonly ReportEntryView[];
  readonly cursor?: string;
}

export type ActionRowStatusView =
  'planned' | 'executing' | 'done' | 'dropped' | 'failed' | 'restoring' | 'restored';

/** What happened to one planned action; enough to undo it exactly. */
export type ActionResultView =
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

/** What re-granting one user's removed access gave back, skipped (already back) and failed. */
export interface RestoredAccessView {
  readonly regrantedGroupIds: readonly string[];
  readonly accountRestored: boolean;
  /** What was already back (re-added by someone else, account already active). */
  readonly skipped: readonly string[];
  readonly failures: readonly string[];
}

export interface ActionRestoreResultView extends RestoredAccessView {
  readonly at: number;
  readonly by: string;
}

/** Why one action was planned: the decision's sentence, and (rows stored since) the same as a key and values. */
export interface ActionReasonView {
  readonly product: string;
  readonly message: string;
  readonly words?: Words;
}

/** One user's actions in one run: held for review (planned), or done and restorable. */
export interface ActionRowView {
  readonly runId: string;
  readonly accountId: string;
  readonly status: ActionRowStatusView;
  readonly at: number;
  readonly planned: readonly PlannedAction[];
  readonly reasons: readonly ActionReasonView[];
  /** Product names by key, for the products this row names (from the run's catalogue). */
  readonly productNames: Readonly<Record<string, string>>;
  readonly results: readonly ActionResultView[];
  readonly restore: ActionRestoreResultView | null;
}

export type StartRunView =
  | { readonly status: 'started'; readonly runId: string }
  /** Recorded as stopped before touching anyone, with the reason (e.g. no org API key). */
  | { readonly status: 'stopped'; readonly runId: string; readonly reason: string }
  | { readonly status: 'not-started'; readonly reason: string; readonly activeRunId?: string };

export interface RestoreOutcomeView extends RestoredAccessView {
  readonly runId: string;
  readonly accountId: string;
  readonly status: 'restored' | 'failed' | 'busy';
}
