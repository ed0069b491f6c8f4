// What the domain answers for each user and product: an outcome, a machine code, a sentence, and the facts behind it.
import type { WarningRecord } from './facts';
import type { InactivityAction } from './policy';
import type { Words } from './words';

export type DecisionOutcome =
  | 'excluded'
  | 'already-acted'
  | 'no-access'
  | 'unknown-activity'
  | 'active'
  | 'warn'
  | 'still-in-grace'
  | 'cancel-warning'
  | 'act'
  | 'blocked';

export const DECISION_OUTCOMES: readonly DecisionOutcome[] = [
  'excluded',
  'already-acted',
  'no-access',
  'unknown-activity',
  'active',
  'warn',
  'still-in-grace',
  'cancel-warning',
  'act',
  'blocked',
];

export type ExclusionKind =
  | 'org-admin'
  | 'site-admin'
  | 'non-atlassian-account'
  | 'inactive-account'
  | 'excluded-account'
  | 'excluded-group'
  | 'recently-added-to-org'
  | 'recently-added-to-product'
  /** When the product was (re)granted cannot be established: treated as recently given, never as long inactive. */
  | 'grant-date-unknown'
  | 'never-active-ignored';

export const EXCLUSION_KINDS: readonly ExclusionKind[] = [
  'org-admin',
  'site-admin',
  'non-atlassian-account',
  'inactive-account',
  'excluded-account',
  'excluded-group',
  'recently-added-to-org',
  'recently-added-to-product',
  'grant-date-unknown',
  'never-active-ignored',
];

export interface Exclusion {
  readonly kind: ExclusionKind;
  readonly description: string;
  /** The description as facts for the page, in the reader's language. */
  readonly words: Words;
}

export type ReasonCode =
  | 'excluded'
  | 'already-acted-this-run'
  | 'no-access'
  | 'activity-never-fetched'
  | 'activity-stale'
  | 'org-activity-unknown'
  | 'no-activity-baseline'
  | 'activity-older-than-due-date'
  | 'active-within-threshold'
  | 'never-active-within-threshold'
  | 'inactive-warned'
  | 'grace-period'
  | 'awaiting-activity-refresh'
  | 'active-since-warning'
  | 'no-longer-due'
  | 'product-disabled'
  | 'policy-no-longer-acts'
  | 'inactive-past-threshold'
  | 'shared-licence-group'
  | 'no-licence-group';

/**
 * Where the inactivity clock started: real activity; the product given back after the last activity
 * (`given-again`); or, never active, the date the product was given or, unknown, the date they joined the org.
 */
export type BaselineSource =
  'last-active' | 'last-active-in-org' | 'given-again' | 'added-to-product' | 'added-to-org';

/** The numbers behind a decision, for the audit log; only those that applied are present. Times are epoch ms. */
export interface ReasonFacts {
  readonly lastActiveAt?: number | null;
  readonly baselineAt?: number;
  readonly baselineSource?: BaselineSource;
  readonly inactiveDays?: number;
  readonly inactiveAfterDays?: number;
  readonly warnDaysBefore?: number;
  readonly action?: InactivityAction;
  readonly warnedAt?: number;
  readonly actAfter?: number;
  readonly activityRefreshedAt?: number | null;
  readonly exclusions?: readonly ExclusionKind[];
  readonly groupIds?: readonly string[];
  readonly otherProducts?: readonly string[];
}

export interface DecisionReason {
  readonly code: ReasonCode;
  /** One sentence for the audit log and the report, with the dates and numbers that decided it. */
  readonly message: string;
  /** The same sentence as a key and values, so the page can say it in the reader's language. */
  readonly words: Words;
  readonly facts: ReasonFacts;
}

/** What the services must do with the stored warning for this user and product. */
export type WarningInstruction = 'create' | 'keep' | 'clear' | 'none';

/** How inactive the user is in this product on this site, for reports; independent of the outcome. */
export interface ActivitySnapshot {
  /** Whether the user holds the product on this site (excluded users included), for seat counts. */
  readonly holdsProduct: boolean;
  readonly status: 'unknown' | 'never' | 'known';
  readonly lastActiveAt: number | null;
  readonly inactiveDays: number | null;
}

export type ProductAction =
  | { readonly kind: 'remove-licence'; readonly groupIds: readonly string[] }
  | { readonly kind: 'suspend' }
  | { readonly kind: 'report' };

/** Fields every product decision carries. */
export interface DecisionBase {
  readonly accountId: string;
  readonly product: string;
  readonly reason: DecisionReason;
  readonly warning: WarningInstruction;
  readonly activity: ActivitySnapshot;
}

export type ProductDecision =
  | (DecisionBase & { readonly outcome: 'excluded'; readonly exclusions: readonly Exclusion[] })
  /** Store `newWarning` and notify the user through the configured channels. */
  | (DecisionBase & { readonly outcome: 'warn'; readonly newWarning: WarningRecord })
  | (DecisionBase & { readonly outcome: 'still-in-grace'; readonly actAfter: number })
  /** Delete the stored warning; nothing is sent. */
  | (DecisionBase & { readonly outcome: 'cancel-warning'; readonly cancelled: WarningRecord })
  /** Due now; mutating actions are also listed in `UserDecision.actions`, which the brake governs. */
  | (DecisionBase & { readonly outcome: 'act'; readonly action: ProductAction })
  /** Due, but acting would take away more than this product: reported for an admin to fix, never done. */
  | (DecisionBase & { readonly outcome: 'blocked'; readonly action: ProductAction })
  | (DecisionBase & { readonly outcome: 'active' | 'no-access' | 'unknown-activity' | 'already-acted' });

/** A change to make on the site, once the brake (or an admin's review) allows it. */
export type PlannedAction =
  | {
      readonly kind: 'remove-licence';
      readonly accountId: string;
      readonly product: string;
      readonly groupIds: readonly string[];
    }
  | { readonly kind: 'suspend'; readonly accountId: string; readonly products: readonly string[] };

export interface UserDecision {
  readonly accountId: string;
  readonly decisions: readonly ProductDecision[];
  /** Mutating actions for this user: one per product licence removal, at most one suspend. */
  readonly actions: readonly PlannedAction[];
}
