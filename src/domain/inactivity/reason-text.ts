// Phrases shared by decision reasons, so every sentence states dates and numbers the same way.
import type { BaselineSource } from './decision';
import { type InactivityAction, type ProductInactivityPolicy, effectiveWarnDays } from './policy';
import { isoDay, wholeDaysBetween } from './time';
import { type Words, plural, words } from './words';

export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

export function actionPhrase(action: InactivityAction, productName: string): string {
  switch (action) {
    case 'remove-licence':
      return `remove ${productName} access`;
    case 'suspend':
      return 'suspend the account organization-wide';
    case 'report':
      return 'report as inactive';
  }
}

/**
 * "last active in Confluence on 2025-01-03 (97 days ago)", its never-active variants, and a product given back
 * after the last activity (`lastActiveAt` then names that activity).
 */
export function baselinePhrase(
  source: BaselineSource,
  at: number,
  productName: string,
  now: number,
  lastActiveAt: number | null = null,
): string {
  const when = `${isoDay(at)} (${days(wholeDaysBetween(at, now))} ago)`;
  switch (source) {
    case 'last-active':
      return `last active in ${productName} on ${when}`;
    case 'last-active-in-org':
      return `last active anywhere in the organization on ${when}`;
    case 'given-again':
      return `given ${productName} again on ${when}, after last using it${lastActiveAt === null ? '' : ` on ${isoDay(lastActiveAt)}`}; counted as last activity`;
    case 'added-to-product':
      return `never used ${productName}; given it on ${when}, counted as last activity`;
    case 'added-to-org':
      return `never used ${productName}; joined the organization on ${when}, counted as last activity`;
  }
}

/** "policy: remove Confluence access after 90 days without activity, warning 7 days before" */
export function policyPhrase(product: ProductInactivityPolicy): string {
  const warn = effectiveWarnDays(product);
  const notice = warn > 0 ? `, warning ${days(warn)} before` : ', without warning';
  return `policy: ${actionPhrase(product.action, product.displayName)} after ${days(product.inactiveAfterDays)} without activity${notice}`;
}

export function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

// The same phrases as facts for the page (`Words`, keys under inactivity.reasons): each reads, in English, exactly as
// the sentence above it (a test holds them together).

export function daysWords(n: number): Words {
  return plural('inactivity.reasons.days', n);
}

export function daysAgoWords(at: number, now: number): Words {
  return plural('inactivity.reasons.daysAgo', wholeDaysBetween(at, now));
}

export function actionWords(action: InactivityAction, productName: string): Words {
  switch (action) {
    case 'remove-licence':
      return words('inactivity.reasons.action.removeLicence', { product: productName });
    case 'suspend':
      return words('inactivity.reasons.action.suspend');
    case 'report':
      return words('inactivity.reasons.action.report');
  }
}

/** `baselinePhrase` at the start of a sentence. */
export function baselineWords(
  source: BaselineSource,
  at: number,
  productName: string,
  now: number,
  lastActiveAt: number | null = null,
): Words {
  const when = { product: productName, day: { day: at }, ago: daysAgoWords(at, now) };
  switch (source) {
    case 'last-active':
      return words('inactivity.reasons.since.lastActive', when);
    case 'last-active-in-org':
      return words('inactivity.reasons.since.lastActiveInOrg', when);
    case 'given-again':
      return lastActiveAt === null
        ? words('inactivity.reasons.since.givenAgain', when)
        : words('inactivity.reasons.since.givenAgainAfter', { ...when, lastDay: { day: lastActiveAt } });
    case 'added-to-product':
      return words('inactivity.reasons.since.addedToProduct', when);
    case 'added-to-org':
      return words('inactivity.reasons.since.addedToOrg', when);
  }
}

export function policyWords(product: ProductInactivityPolicy): Words {
  const warn = effectiveWarnDays(product);
  const values = {
    action: actionWords(product.action, product.displayName),
    after: plural('inactivity.reasons.afterDays', product.inactiveAfterDays),
  };
  return warn > 0
    ? words('inactivity.reasons.policy.withWarning', { ...values, warn: daysWords(warn) })
    : words('inactivity.reasons.policy.withoutWarning', values);
}
