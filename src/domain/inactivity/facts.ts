// The plain facts the services gather about one user before the domain decides anything: no API shapes here.

/** `atlassian` for people; `app` for apps and bots; `customer` for service-desk portal customers. */
export type AccountType = 'atlassian' | 'app' | 'customer' | (string & {});

/**
 * When the user was last given this product on this site: first given it, or given it back after a removal or a
 * suspension. The latest (re)grant counts, because a licence given back is a fresh start.
 * - `known`: the latest (re)grant was at `at` (epoch ms).
 * - `not-since`: nothing was (re)granted since `since`, the start of the history the app holds, so the grant was
 *   at or before then.
 * - `unknown`: it cannot be established (`why` says what is missing). Such a user is treated as recently given
 *   the product, never as long inactive.
 */
export type ProductGrant =
  | { readonly kind: 'known'; readonly at: number }
  | { readonly kind: 'not-since'; readonly since: number }
  | { readonly kind: 'unknown'; readonly why: string };

export interface ProductFacts {
  /** Whether the user holds this product on this site right now. */
  readonly hasAccess: boolean;
  /** The user's groups that grant this product: exactly what `remove-licence` removes. */
  readonly licenceGroupIds: readonly string[];
  /** Last activity in this product on THIS site (epoch ms), or null if never. Other sites must be filtered out. */
  readonly lastActiveAt: number | null;
  /** When the user was (last) given this product. */
  readonly granted: ProductGrant;
}

/** A warning the app issued and stored: the user was told access ends on or after `actAfter`. */
export interface WarningRecord {
  readonly product: string;
  readonly warnedAt: number;
  readonly actAfter: number;
}

/** An action the app performed and recorded, so it can be undone and never repeated in the same run. */
export type RecordedAction =
  | {
      readonly accountId: string;
      readonly product: string;
      readonly action: 'remove-licence';
      readonly removedGroupIds: readonly string[];
    }
  | { readonly accountId: string; readonly action: 'suspend' };

export interface UserFacts {
  readonly accountId: string;
  readonly accountType: AccountType;
  /** Account status: false when deactivated or suspended (nothing left to clean up). */
  readonly active: boolean;
  readonly isSiteAdmin: boolean;
  readonly isOrgAdmin: boolean;
  /** Every group the user is in on this site (site-wide groups, shared by Jira and Confluence). */
  readonly groupIds: readonly string[];
  /** When the user joined the org (epoch ms), or null if unknown. */
  readonly addedToOrgAt: number | null;
  /** Keyed by product key; a product missing here is a product the user does not hold. */
  readonly products: Readonly<Record<string, ProductFacts>>;
  /**
   * Latest activity anywhere in the org (all sites, all products), or null if never active anywhere.
   * Only needed for `suspend`, which is org-wide; undefined means not gathered, and then nobody is suspended.
   */
  readonly orgLastActiveAt?: number | null;
  /** When the activity facts above were fetched (epoch ms); null if never fetched. */
  readonly activityRefreshedAt: number | null;
  /** Warnings currently stored for this user, at most one per product. */
  readonly warnings: readonly WarningRecord[];
  /** Actions already recorded for this user in the current run (a retried page must not act twice). */
  readonly actionsThisRun: readonly RecordedAction[];
}
