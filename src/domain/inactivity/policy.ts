// The inactivity clean-up policy: the shape the app stores and the admin page edits, plus the limits it must obey.

/** What happens to a user whose seat on a product has gone unused past the threshold. */
export type InactivityAction = 'remove-licence' | 'suspend' | 'report';

/** How to treat users who have access to a product but never used it. */
export type NeverActiveTreatment = 'count-from-added' | 'ignore';

export interface ProductInactivityPolicy {
  /** Shown on the admin page; the key in `InactivityPolicy.products` is the product's identity. */
  readonly displayName: string;
  /** The groups that grant this product (Jira `applicationrole` default groups): catalogue, shown to admins. */
  readonly licenceGroupIds: readonly string[];
  readonly enabled: boolean;
  readonly inactiveAfterDays: number;
  readonly neverActive: NeverActiveTreatment;
  readonly action: InactivityAction;
  /** Days of notice before acting; 0 acts at the threshold without warning. Ignored for `report`. */
  readonly warnDaysBefore: number;
}

export interface InactivityNotifications {
  /** A Jira notification to the warned user, sent via the notify API on this issue. */
  readonly jiraNotify?: { readonly issueKey: string };
  /** A JSON POST for Slack/Teams workflows; https only. */
  readonly webhook?: { readonly url: string };
  /**
   * True only when an admin confirmed that users may lose access although no warning reached them (no channel, or
   * every channel failed). Absent or false: such users are listed and left alone until a warning reaches them.
   */
  readonly actWhenNotTold?: boolean;
}

export interface InactivityExclusions {
  readonly groupIds: readonly string[];
  readonly accountIds: readonly string[];
  /** Users added to the org or to the product fewer than this many days ago are left alone; 0 disables. */
  readonly recentlyAddedDays: number;
}

export interface SafetyBrake {
  /** More planned actions than this in one run holds the whole run for review. */
  readonly maxActionsPerRun: number;
  /** More affected users than this percentage of licensed users holds the whole run for review. */
  readonly maxPercentOfLicensed: number;
}

export interface InactivityPolicy {
  readonly schemaVersion: 1;
  /** Keyed by the site's product key (`jira-software`, `confluence`, …): open-ended, whatever the site reports. */
  readonly products: Readonly<Record<string, ProductInactivityPolicy>>;
  readonly exclusions: InactivityExclusions;
  readonly notifications: InactivityNotifications;
  readonly brake: SafetyBrake;
  /** Activity data older than this is not trusted to judge anyone (the Admin API itself lags up to 24 h). */
  readonly activityMaxAgeHours: number;
}

/** A product as the site reports it: the input for defaults and for keeping the policy's catalogue current. */
export interface ProductCatalogueEntry {
  readonly key: string;
  readonly displayName: string;
  readonly licenceGroupIds: readonly string[];
}

export interface InactivityActionInfo {
  readonly label: string;
  readonly description: string;
  /** True when the action reaches beyond this product and site: the admin page must say so before saving. */
  readonly orgWide: boolean;
  /** False for report-only: nothing on the site changes, no warning is sent. */
  readonly changesAccess: boolean;
}

export const INACTIVITY_ACTIONS: Readonly<Record<InactivityAction, InactivityActionInfo>> = {
  'remove-licence': {
    label: 'Remove product access',
    description:
      "Removes the user from this product's licence groups on this site, freeing exactly that seat. " +
      'Other products and sites are untouched.',
    orgWide: false,
    changesAccess: true,
  },
  suspend: {
    label: 'Suspend account (organization-wide)',
    description:
      'Suspends the account across the whole organization: the user loses access to every product on every ' +
      'site, not just this one. Activity anywhere in the organization counts as activity for this action.',
    orgWide: true,
    changesAccess: true,
  },
  report: {
    label: 'Report only',
    description: 'Lists inactive users in the report. Nothing is changed and no warning is sent.',
    orgWide: false,
    changesAccess: false,
  },
};

/** Bounds shared by validation, defaults and the admin page's inputs. */
export const POLICY_LIMITS = {
  inactiveAfterDays: { min: 1, max: 3650 },
  warnDaysBefore: { min: 0, max: 365 },
  recentlyAddedDays: { min: 0, max: 3650 },
  maxActionsPerRun: { min: 0, max: 1_000_000 },
  maxPercentOfLicensed: { min: 0, max: 100 },
  activityMaxAgeHours: { min: 1, max: 720 },
  idMaxLength: 128,
  displayNameMaxLength: 200,
  urlMaxLength: 2048,
  listMaxLength: 5000,
} as const;

export const DEFAULT_PRODUCT_SETTINGS = {
  enabled: false,
  inactiveAfterDays: 90,
  neverActive: 'count-from-added',
  action: 'remove-licence',
  warnDaysBefore: 7,
} as const satisfies Omit<ProductInactivityPolicy, 'displayName' | 'licenceGroupIds'>;

/** Days of inactivity from which a user is warned (or, with no warning period, acted on). */
export function warnPointDays(product: ProductInactivityPolicy): number {
  return product.inactiveAfterDays - effectiveWarnDays(product);
}

/** The notice period that applies: report-only never warns, so it has none. */
export function effectiveWarnDays(product: ProductInactivityPolicy): number {
  return INACTIVITY_ACTIONS[product.action].changesAccess ? product.warnDaysBefore : 0;
}

/** Whether the policy has at least one channel that can tell a user they were warned. */
export function hasNoticeChannel(notifications: InactivityNotifications): boolean {
  return notifications.jiraNotify !== undefined || notifications.webhook !== undefined;
}

/** How a product's users could lose access without having been told. */
export interface UntoldConsequence {
  readonly product: string;
  readonly displayName: string;
  /** no-warning: 0 days' warning; not-told: warnings reach nobody and the policy acts anyway. */
  readonly why: 'no-warning' | 'not-told';
}

/**
 * Products whose users this policy would act on without their having been told: what saving it must confirm
 * explicitly. A policy with no channel that does not act on untold users is safe (they are listed, not acted on).
 */
export function untoldConsequences(policy: InactivityPolicy): UntoldConsequence[] {
  const silent = !hasNoticeChannel(policy.notifications) || policy.notifications.actWhenNotTold === true;
  return Object.entries(policy.products).flatMap(([product, p]): UntoldConsequence[] => {
    if (!p.enabled || !INACTIVITY_ACTIONS[p.action].changesAccess) return [];
    if (p.warnDaysBefore === 0) return [{ product, displayName: p.displayName, why: 'no-warning' }];
    if (silent && policy.notifications.actWhenNotTold === true)
      return [{ product, displayName: p.displayName, why: 'not-told' }];
    return [];
  });
}

/** Consequences of `after` that `before` (the saved policy, if any) did not have: what saving must confirm. */
export function newUntoldConsequences(
  before: InactivityPolicy | undefined,
  after: InactivityPolicy,
): UntoldConsequence[] {
  const known = new Set(before ? untoldConsequences(before).map((c) => `${c.product}:${c.why}`) : []);
  return untoldConsequences(after).filter((c) => !known.has(`${c.product}:${c.why}`));
}

/** What confirming a consequence means, in words that name it. */
export function untoldConsequenceText(consequence: UntoldConsequence, policy: InactivityPolicy): string {
  const product = policy.products[consequence.product];
  const what = product ? INACTIVITY_ACTIONS[product.action].label.toLowerCase() : 'act';
  const days = product?.inactiveAfterDays ?? 0;
  return consequence.why === 'no-warning'
    ? `${consequence.displayName}: with 0 days' warning, users are not told before the app acts (${what}) once they pass ${days} days inactive.`
    : `${consequence.displayName}: users whose warning reached nobody still lose access (${what}) when the notice ends.`;
}
