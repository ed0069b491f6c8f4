// The inactivity clean-up as the admin page sees it: runs, reports, held and done actions, restores (no storage types).
import type {
  BrakeCounts,
  BrakeLimit,
  DecisionOutcome,
  InactivityPolicy,
  INACTIVITY_ACTIONS,
  PlannedAction,
  POLICY_LIMITS,
  ProductCatalogueEntry,
  ReasonCode,
  ReviewApproval,
  RunReport,
} from '../domain/inactivity';

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
  readonly addedProducts: readonly string[];
  readonly missingProducts: readonly string[];
  readonly products: readonly CatalogueProductView[];
  readonly actions: typeof INACTIVITY_ACTIONS;
  readonly limits: typeof POLICY_LIMITS;
  readonly webhookHosts: readonly string[];
}

export type InactivityRunStatusView =
  'collecting' | 'finalizing' | 'awaiting-review' | 'executing' | 'completed' | 'stopped' | 'failed';

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
  readonly progress: {
    readonly pages: number;
    readonly users: number;
    readonly activityCalls: number;
    readonly rateLimitedWaits: number;
    readonly updatedAt: number;
  };
  readonly licensedUsers: number | null;
  readonly report: Omit<RunReport, 'brake'> | null;
  readonly brake: {
    readonly status: 'allowed' | 'held-for-review';
    readonly counts: BrakeCounts;
    readonly limits: readonly BrakeLimit[];
    readonly message: string | null;
  } | null;
  readonly review: {
    readonly approval: ReviewApproval;
    readonly by: string;
    readonly at: number;
    readonly allowedActions: number;
    readonly droppedActions: number;
    readonly unknownAccountIds: readonly string[];
  } | null;
  readonly execution: { readonly done: number; readonly dropped: number; readonly failed: number } | null;
  readonly restore: {
    readonly status: 'queued' | 'completed';
    readonly requestedBy: string;
    readonly requestedAt: number;
    readonly finishedAt: number | null;
    readonly restoredUsers: number;
    readonly failedUsers: number;
  } | null;
}

/** One notable decision in a run's report (warned, due, blocked, cancelled, unknown). */
export interface ReportEntryView {
  readonly accountId: string;
  readonly product: string;
  readonly outcome: DecisionOutcome;
  readonly code: ReasonCode;
  readonly message: string;
  readonly lastActiveAt: number | null;
  readonly inactiveDays: number | null;
  readonly actAfter: number | null;
}

export interface RunReportView {
  readonly run: InactivityRunView;
  readonly entries: readonly ReportEntryView[];
  readonly cursor?: string;
}

export type ActionRowStatusView =
  'planned' | 'executing' | 'done' | 'dropped' | 'failed' | 'restoring' | 'restored';

/** One user's actions in one run: held for review (planned), or done and restorable. */
export interface ActionRowView {
  readonly runId: string;
  readonly accountId: string;
  readonly status: ActionRowStatusView;
  readonly at: number;
  readonly planned: readonly PlannedAction[];
  readonly reasons: readonly { readonly product: string; readonly message: string }[];
  readonly results: readonly (
    | {
        readonly kind: 'remove-licence';
        readonly product: string;
        readonly outcome: 'done' | 'dropped' | 'failed';
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
      }
  )[];
  readonly restore: {
    readonly at: number;
    readonly by: string;
    readonly regrantedGroupIds: readonly string[];
    readonly accountRestored: boolean;
    readonly skipped: readonly string[];
    readonly failures: readonly string[];
  } | null;
}

export type StartRunView =
  | { readonly status: 'started'; readonly runId: string }
  /** Recorded as stopped before touching anyone, with the reason (e.g. no org API key). */
  | { readonly status: 'stopped'; readonly runId: string; readonly reason: string }
  | { readonly status: 'not-started'; readonly reason: string; readonly activeRunId?: string };

export interface RestoreOutcomeView {
  readonly runId: string;
  readonly accountId: string;
  readonly status: 'restored' | 'failed' | 'busy';
  readonly regrantedGroupIds: readonly string[];
  readonly accountRestored: boolean;
  readonly skipped: readonly string[];
  readonly failures: readonly string[];
}
