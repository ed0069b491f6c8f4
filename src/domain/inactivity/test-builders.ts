// Test-only builders for inactivity policies and user facts on a concrete calendar; app code never imports this.
import type { ProductFacts, UserFacts } from './facts';
import type { InactivityPolicy, ProductInactivityPolicy } from './policy';
import { DAY_MS, HOUR_MS, epochMsOfIsoDay } from './time';

/** Day 0 of the timelines in the tests: users were last active then. */
export const DAY0 = epochMsOfIsoDay('2025-01-01');

/** Noon on day `n` of the timeline, so "day 90" is 90 whole days after day 0's noon. */
export function day(n: number): number {
  return DAY0 + 12 * HOUR_MS + n * DAY_MS;
}

export const JIRA = 'jira-software';
export const CONFLUENCE = 'confluence';

export function productPolicy(overrides: Partial<ProductInactivityPolicy> = {}): ProductInactivityPolicy {
  return {
    displayName: 'Jira',
    licenceGroupIds: ['g-jira'],
    enabled: true,
    inactiveAfterDays: 90,
    neverActive: 'count-from-added',
    action: 'remove-licence',
    warnDaysBefore: 7,
    ...overrides,
  };
}

export interface PolicyOverrides {
  readonly jira?: Partial<ProductInactivityPolicy>;
  readonly confluence?: Partial<ProductInactivityPolicy>;
  readonly exclusions?: Partial<InactivityPolicy['exclusions']>;
  readonly brake?: Partial<InactivityPolicy['brake']>;
  readonly activityMaxAgeHours?: number;
}

/** Jira and Confluence, both enabled: 90 days, 7 days' warning, remove the licence. */
export function testPolicy(overrides: PolicyOverrides = {}): InactivityPolicy {
  return {
    schemaVersion: 1,
    products: {
      [JIRA]: productPolicy(overrides.jira),
      [CONFLUENCE]: productPolicy({
        displayName: 'Confluence',
        licenceGroupIds: ['g-conf'],
        ...overrides.confluence,
      }),
    },
    exclusions: { groupIds: [], accountIds: [], recentlyAddedDays: 30, ...overrides.exclusions },
    notifications: {},
    brake: { maxActionsPerRun: 50, maxPercentOfLicensed: 5, ...overrides.brake },
    activityMaxAgeHours: overrides.activityMaxAgeHours ?? 48,
  };
}

export function heldProduct(overrides: Partial<ProductFacts> = {}): ProductFacts {
  return {
    hasAccess: true,
    licenceGroupIds: ['g-jira'],
    lastActiveAt: day(0),
    granted: { kind: 'known', at: day(-400) },
    ...overrides,
  };
}

/** A person holding Jira only, last active on day 0, in the org for over a year, activity fetched at `now`. */
export function userAt(now: number, overrides: Partial<UserFacts> = {}): UserFacts {
  return {
    accountId: 'user-1',
    accountType: 'atlassian',
    active: true,
    isSiteAdmin: false,
    isOrgAdmin: false,
    groupIds: ['g-jira'],
    addedToOrgAt: day(-400),
    products: { [JIRA]: heldProduct() },
    activityRefreshedAt: now,
    warnings: [],
    actionsThisRun: [],
    ...overrides,
  };
}
