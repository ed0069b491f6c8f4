// What the inactivity clean-up stores about its runs, pages, actions and decisions; the parts the admin page also
// shows are defined once in src/shared/inactivity-views.ts.
import type { DecisionOutcome, PlannedAction, ProductCatalogueEntry } from '../domain/inactivity';
import type {
  ActionReasonView,
  ActionRestoreResultView,
  ActionResultView,
  ActionRowStatusView,
  DecisionEntryView,
  ExecutionCountsView,
  InactivityRunStatusView,
  RestoreProgressView,
  RunBrakeView,
  RunProgressView,
  RunReviewView,
  RunSummaryView,
} from '../shared/inactivity-views';

export type InactivityRunMode = 'live' | 'dry-run';

export type InactivityRunStatus = InactivityRunStatusView;

export const FINISHED_RUN_STATUSES: readonly InactivityRunStatus[] = ['completed', 'stopped', 'failed'];

/** A run's report without the brake's action lists, which can be far too large for one stored value. */
export type StoredRunReport = RunSummaryView;

export type StoredBrake = RunBrakeView;
export type StoredReview = RunReviewView;
export type ExecutionCounts = ExecutionCountsView;
export type RestoreProgress = RestoreProgressView;

export interface RunProgress extends RunProgressView {
  /** Where the next page starts (Jira /users/search startAt). */
  readonly nextStartAt: number;
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
  /**
   * Names of the catalogue's licence groups by id: the site's audit log names groups, not ids. Absent in runs
   * started by an earlier version (their users' grant dates are then unknown, so they are left alone).
   */
  readonly licenceGroupNames?: Readonly<Record<string, string>>;
  /** When the policy the run decides with was saved (null: an unsaved draft); absent in older runs. */
  readonly policyVersion?: number | null;
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
export type ActionRowStatus = ActionRowStatusView;
export type ActionResult = ActionResultView;
export type ActionRestoreResult = ActionRestoreResultView;

/** One user's actions in one run (custom entity row, kind 'action'). */
export interface ActionRow {
  readonly runId: string;
  readonly accountId: string;
  readonly status: ActionRowStatus;
  readonly at: number;
  readonly planned: readonly PlannedAction[];
  /** Why each action was planned: the decision sentences, for the audit log and the review page. */
  readonly reasons: readonly ActionReasonView[];
  /** Who is carrying the row out, so a duplicate delivery does not, and a dead one can be taken over. */
  readonly claim: { readonly by: string; readonly at: number } | null;
  /** Written before anything changes on the site: the exact changes about to be made (write-ahead). */
  readonly intent: readonly PlannedAction[] | null;
  readonly results: readonly ActionResult[];
  readonly restore: ActionRestoreResult | null;
}

export type DecisionEntry = DecisionEntryView;

/** One user's notable decisions in one run (custom entity row, kind 'decision'); status = the headline outcome. */
export interface DecisionRow {
  readonly runId: string;
  readonly accountId: string;
  readonly status: DecisionOutcome;
  readonly at: number;
  readonly entries: readonly DecisionEntry[];
}
