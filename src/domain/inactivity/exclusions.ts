// Exclusions: who the clean-up never warns or acts on, whatever their activity. They are checked first and always win.
import type { Exclusion } from './decision';
import type { ProductFacts, UserFacts } from './facts';
import type { InactivityPolicy } from './policy';
import { daysAgoWords, daysWords } from './reason-text';
import { DAY_MS, isoDay, wholeDaysBetween } from './time';
import { type Words, words } from './words';

/** Exclusions that hold for the user on every product. */
export function findUserExclusions(facts: UserFacts, policy: InactivityPolicy, now: number): Exclusion[] {
  const found: Exclusion[] = [];
  if (facts.isOrgAdmin)
    found.push({
      kind: 'org-admin',
      description: 'organization admin',
      words: words('inactivity.reasons.exclusion.orgAdmin'),
    });
  if (facts.isSiteAdmin)
    found.push({
      kind: 'site-admin',
      description: 'site admin',
      words: words('inactivity.reasons.exclusion.siteAdmin'),
    });
  if (facts.accountType !== 'atlassian') {
    found.push({
      kind: 'non-atlassian-account',
      description: `account type '${facts.accountType}' is not a person's Atlassian account (apps, bots and customers are never touched)`,
      words: words('inactivity.reasons.exclusion.notAPerson', { type: facts.accountType }),
    });
  }
  if (!facts.active) {
    found.push({
      kind: 'inactive-account',
      description: 'account is already deactivated or suspended',
      words: words('inactivity.reasons.exclusion.inactiveAccount'),
    });
  }
  if (policy.exclusions.accountIds.includes(facts.accountId)) {
    found.push({
      kind: 'excluded-account',
      description: 'account is on the exclusion list',
      words: words('inactivity.reasons.exclusion.excludedAccount'),
    });
  }
  const groups = excludedGroupsOf(facts, policy);
  if (groups.length > 0) {
    found.push({
      kind: 'excluded-group',
      description: `member of excluded group ${groups.join(', ')}`,
      words: words('inactivity.reasons.exclusion.excludedGroup', { groups: groups.join(', ') }),
    });
  }
  if (isRecent(facts.addedToOrgAt, policy, now)) {
    found.push({
      kind: 'recently-added-to-org',
      description: `added to the organization on ${addedPhrase(facts.addedToOrgAt, policy, now)}`,
      words: words(
        'inactivity.reasons.exclusion.recentlyAddedToOrg',
        addedValues(facts.addedToOrgAt, policy, now),
      ),
    });
  }
  return found;
}

/** What the product's inactivity clock would start from, to judge whether an old grant date is precise enough. */
export interface ProductClock {
  readonly inactiveAfterDays: number;
  /** Last activity (or, never active, joining the org) before any grant date is considered; null if none. */
  readonly activityBaselineAt: number | null;
}

/**
 * Exclusions that depend on the product: a user given it (or given it back) recently is left alone on it, and so
 * is one whose grant date cannot be established closely enough to tell, never judged as long inactive instead.
 */
export function findProductExclusions(
  product: ProductFacts | undefined,
  productName: string,
  policy: InactivityPolicy,
  now: number,
  clock?: ProductClock,
): Exclusion[] {
  if (!product?.hasAccess) return [];
  const grant = product.granted;
  const recentDays = policy.exclusions.recentlyAddedDays;
  const unknown = (why: string, whyWords: Words | string = why): Exclusion[] => [
    {
      kind: 'grant-date-unknown',
      description: `when they were given ${productName} cannot be established (${why}), so they count as recently given it`,
      words: words('inactivity.reasons.exclusion.grantDateUnknown', { product: productName, why: whyWords }),
    },
  ];
  switch (grant.kind) {
    case 'unknown':
      return unknown(grant.why);
    case 'known':
      return isRecent(grant.at, policy, now)
        ? [
            {
              kind: 'recently-added-to-product',
              description: `given ${productName} on ${addedPhrase(grant.at, policy, now)}`,
              words: words('inactivity.reasons.exclusion.recentlyAddedToProduct', {
                product: productName,
                ...addedValues(grant.at, policy, now),
              }),
            },
          ]
        : [];
    case 'not-since': {
      const historyDays = wholeDaysBetween(grant.since, now);
      const history = `the site's history the app has read starts on ${isoDay(grant.since)}, ${historyDays} ${historyDays === 1 ? 'day' : 'days'} ago`;
      // A grant after the history starts would be known; one before it could still fall inside the window.
      const historyValues = { day: { day: grant.since }, ago: daysAgoWords(grant.since, now) };
      if (isRecent(grant.since, policy, now))
        return unknown(
          `${history}, fewer than ${recentDays}`,
          words('inactivity.reasons.exclusion.historyTooShort', { ...historyValues, recentDays }),
        );
      // Held since before the history starts, and idle since before then too: the clock cannot be placed.
      if (
        clock &&
        clock.activityBaselineAt !== null &&
        clock.activityBaselineAt < grant.since &&
        now - grant.since < clock.inactiveAfterDays * DAY_MS
      )
        return unknown(
          `${history}, fewer than the ${clock.inactiveAfterDays} days of inactivity that count`,
          words('inactivity.reasons.exclusion.historyBeforeThreshold', {
            ...historyValues,
            after: daysWords(clock.inactiveAfterDays),
          }),
        );
      return [];
    }
  }
}

/** The user's groups are the site groups plus the licence groups reported per product (they should agree). */
function excludedGroupsOf(facts: UserFacts, policy: InactivityPolicy): string[] {
  if (policy.exclusions.groupIds.length === 0) return [];
  const memberOf = new Set(facts.groupIds);
  for (const product of Object.values(facts.products)) {
    for (const groupId of product.licenceGroupIds) memberOf.add(groupId);
  }
  return policy.exclusions.groupIds.filter((groupId) => memberOf.has(groupId));
}

/**
 * An unknown join date is not "recent": a null here must not exclude everyone whose date is missing (the org join
 * date only adds protection; a product's grant date that cannot be established is handled on its own above).
 */
function isRecent(addedAt: number | null, policy: InactivityPolicy, now: number): addedAt is number {
  const days = policy.exclusions.recentlyAddedDays;
  return days > 0 && addedAt !== null && now - addedAt < days * DAY_MS;
}

function addedPhrase(addedAt: number, policy: InactivityPolicy, now: number): string {
  const days = wholeDaysBetween(addedAt, now);
  return `${isoDay(addedAt)} (${days} ${days === 1 ? 'day' : 'days'} ago, fewer than ${policy.exclusions.recentlyAddedDays})`;
}

function addedValues(addedAt: number, policy: InactivityPolicy, now: number) {
  return {
    day: { day: addedAt },
    ago: daysAgoWords(addedAt, now),
    recentDays: policy.exclusions.recentlyAddedDays,
  };
}
