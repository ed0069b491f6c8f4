// Exclusions: who the clean-up never warns or acts on, whatever their activity. They are checked first and always win.
import type { Exclusion } from './decision';
import type { ProductFacts, UserFacts } from './facts';
import type { InactivityPolicy } from './policy';
import { DAY_MS, isoDay, wholeDaysBetween } from './time';

/** Exclusions that hold for the user on every product. */
export function findUserExclusions(facts: UserFacts, policy: InactivityPolicy, now: number): Exclusion[] {
  const found: Exclusion[] = [];
  if (facts.isOrgAdmin) found.push({ kind: 'org-admin', description: 'organization admin' });
  if (facts.isSiteAdmin) found.push({ kind: 'site-admin', description: 'site admin' });
  if (facts.accountType !== 'atlassian') {
    found.push({
      kind: 'non-atlassian-account',
      description: `account type '${facts.accountType}' is not a person's Atlassian account (apps, bots and customers are never touched)`,
    });
  }
  if (!facts.active) {
    found.push({ kind: 'inactive-account', description: 'account is already deactivated or suspended' });
  }
  if (policy.exclusions.accountIds.includes(facts.accountId)) {
    found.push({ kind: 'excluded-account', description: 'account is on the exclusion list' });
  }
  const groups = excludedGroupsOf(facts, policy);
  if (groups.length > 0) {
    found.push({ kind: 'excluded-group', description: `member of excluded group ${groups.join(', ')}` });
  }
  if (isRecent(facts.addedToOrgAt, policy, now)) {
    found.push({
      kind: 'recently-added-to-org',
      description: `added to the organization on ${addedPhrase(facts.addedToOrgAt, policy, now)}`,
    });
  }
  return found;
}

/** Exclusions that depend on the product: a user given the product recently is left alone on it. */
export function findProductExclusions(
  product: ProductFacts | undefined,
  productName: string,
  policy: InactivityPolicy,
  now: number,
): Exclusion[] {
  if (!product || !isRecent(product.addedAt, policy, now)) return [];
  return [
    {
      kind: 'recently-added-to-product',
      description: `given ${productName} on ${addedPhrase(product.addedAt, policy, now)}`,
    },
  ];
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

/** An unknown date is not "recent": a null here must not silently exclude everyone whose date is missing. */
function isRecent(addedAt: number | null, policy: InactivityPolicy, now: number): addedAt is number {
  const days = policy.exclusions.recentlyAddedDays;
  return days > 0 && addedAt !== null && now - addedAt < days * DAY_MS;
}

function addedPhrase(addedAt: number, policy: InactivityPolicy, now: number): string {
  const days = wholeDaysBetween(addedAt, now);
  return `${isoDay(addedAt)} (${days} ${days === 1 ? 'day' : 'days'} ago, fewer than ${policy.exclusions.recentlyAddedDays})`;
}
