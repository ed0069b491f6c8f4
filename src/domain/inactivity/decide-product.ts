// The warn / act / cancel rules for one user on one product, in the order that keeps the wrong person safe.
import type { BaselineSource, ProductDecision, ReasonFacts } from './decision';
import { findProductExclusions } from './exclusions';
import { type ProductInactivityPolicy, effectiveWarnDays, warnPointDays } from './policy';
import { type ProductContext, type ResolvedProduct, resolveProduct } from './product-context';
import { act, base, cancel, excluded, plain, unknown } from './product-outcomes';
import {
  actionPhrase,
  actionWords,
  baselinePhrase,
  baselineWords,
  capitalize,
  days,
  daysWords,
  policyPhrase,
  policyWords,
} from './reason-text';
import { DAY_MS, HOUR_MS, isoDay, wholeDaysBetween } from './time';
import { plural, words } from './words';

interface Baseline {
  readonly at: number;
  readonly source: BaselineSource;
  /** The real activity behind it, if any (a product given back later starts the clock after it). */
  readonly lastActiveAt: number | null;
}

/**
 * Order matters: exclusions, then anything that means "nothing to do", then missing or stale data (never act
 * blind), then the clock. Only the last steps can warn or act.
 */
export function decideProduct(context: ProductContext): ProductDecision {
  const c = resolveProduct(context);
  const { productPolicy, productFacts, warning, facts, now } = c;

  const latest = latestRelevantActivity(c, productPolicy);
  const name = (
    key: 'noAccess' | 'productDisabled' | 'reportOnly' | 'orgActivityUnknown' | 'noActivityBaseline',
  ) => words(`inactivity.reasons.${key}`, { product: c.name });
  const clock = productPolicy && {
    inactiveAfterDays: productPolicy.inactiveAfterDays,
    activityBaselineAt: latest.at ?? (productPolicy.neverActive === 'ignore' ? null : facts.addedToOrgAt),
  };
  const exclusions = [
    ...c.userExclusions,
    ...findProductExclusions(productFacts, c.name, c.policy, now, clock),
  ];
  if (exclusions.length > 0) return excluded(c, exclusions);

  const done = facts.actionsThisRun.find(
    (recorded) => recorded.action === 'suspend' || recorded.product === c.product,
  );
  if (done) {
    const what = done.action === 'suspend' ? 'suspended' : `removed from ${c.name}`;
    return plain(
      c,
      'already-acted',
      'already-acted-this-run',
      `Already ${what} in this run; not repeated.`,
      done.action === 'suspend'
        ? words('inactivity.reasons.alreadySuspended')
        : words('inactivity.reasons.alreadyRemoved', { product: c.name }),
      {},
    );
  }
  if (!productFacts?.hasAccess) {
    return plain(c, 'no-access', 'no-access', `Does not hold ${c.name} on this site.`, name('noAccess'), {});
  }
  if (!productPolicy?.enabled) {
    // Only reached for a stored warning: enabled products and warned products are the ones decided.
    return cancel(c, 'product-disabled', `Clean-up of ${c.name} is turned off.`, name('productDisabled'), {});
  }
  if (warning && productPolicy.action === 'report') {
    return cancel(c, 'policy-no-longer-acts', `${c.name} is now report-only.`, name('reportOnly'), {});
  }

  if (warning && latest.at !== null && latest.at >= warning.warnedAt) {
    return cancel(
      c,
      'active-since-warning',
      `${capitalize(baselinePhrase(latest.source, latest.at, c.name, now))}, after the warning.`,
      words('inactivity.reasons.activeSinceWarning', {
        since: baselineWords(latest.source, latest.at, c.name, now),
      }),
      { lastActiveAt: latest.at },
    );
  }

  const refreshedAt = facts.activityRefreshedAt;
  if (refreshedAt === null) {
    return unknown(
      c,
      'activity-never-fetched',
      'No activity data has been fetched for this user.',
      words('inactivity.reasons.activityNeverFetched'),
      {
        activityRefreshedAt: null,
      },
    );
  }
  if (now - refreshedAt > c.policy.activityMaxAgeHours * HOUR_MS) {
    const age = Math.floor((now - refreshedAt) / HOUR_MS);
    return unknown(
      c,
      'activity-stale',
      `Activity data was fetched on ${isoDay(refreshedAt)} (${age} hours ago, more than the ${c.policy.activityMaxAgeHours} allowed).`,
      plural('inactivity.reasons.activityStale', age, {
        fetchedOn: { day: refreshedAt },
        maxHours: c.policy.activityMaxAgeHours,
      }),
      { activityRefreshedAt: refreshedAt },
    );
  }
  if (productPolicy.action === 'suspend' && facts.orgLastActiveAt === undefined) {
    return unknown(
      c,
      'org-activity-unknown',
      `${c.name} is set to suspend accounts organization-wide, but organization-wide activity was not gathered.`,
      name('orgActivityUnknown'),
      {},
    );
  }

  // A product given back after the last activity (or, never used, after joining) starts the clock again.
  const grantedAt = productFacts.granted.kind === 'known' ? productFacts.granted.at : null;
  const joinedAt = facts.addedToOrgAt;
  let baseline: Baseline;
  if (latest.at !== null) {
    baseline =
      grantedAt !== null && grantedAt > latest.at
        ? { at: grantedAt, source: 'given-again', lastActiveAt: latest.at }
        : { at: latest.at, source: latest.source, lastActiveAt: latest.at };
  } else if (productPolicy.neverActive === 'ignore') {
    return excluded(c, [
      {
        kind: 'never-active-ignored',
        description: `never used ${c.name}, and the policy leaves users who never used it alone`,
        words: words('inactivity.reasons.exclusion.neverActiveIgnored', { product: c.name }),
      },
    ]);
  } else if (grantedAt !== null && (joinedAt === null || grantedAt >= joinedAt)) {
    baseline = { at: grantedAt, source: 'added-to-product', lastActiveAt: null };
  } else if (joinedAt !== null) {
    baseline = { at: joinedAt, source: 'added-to-org', lastActiveAt: null };
  } else {
    return unknown(
      c,
      'no-activity-baseline',
      `Never used ${c.name}, and neither when they were given it nor when they joined the organization is known, so inactivity cannot be measured.`,
      name('noActivityBaseline'),
      { lastActiveAt: null },
    );
  }
  return decideOnClock(c, productPolicy, baseline, refreshedAt);
}

function decideOnClock(
  c: ResolvedProduct,
  productPolicy: ProductInactivityPolicy,
  baseline: Baseline,
  refreshedAt: number,
): ProductDecision {
  const { now, warning } = c;
  const thresholdMs = productPolicy.inactiveAfterDays * DAY_MS;
  const warnMs = effectiveWarnDays(productPolicy) * DAY_MS;
  const inactiveMs = Math.max(0, now - baseline.at);
  const inactiveDays = wholeDaysBetween(baseline.at, now);
  const since = baselinePhrase(baseline.source, baseline.at, c.name, now, baseline.lastActiveAt);
  const policy = policyPhrase(productPolicy);
  const said = {
    since: baselineWords(baseline.source, baseline.at, c.name, now, baseline.lastActiveAt),
    policy: policyWords(productPolicy),
  };
  const numbers: ReasonFacts = {
    lastActiveAt: baseline.lastActiveAt,
    baselineAt: baseline.at,
    baselineSource: baseline.source,
    inactiveDays,
    inactiveAfterDays: productPolicy.inactiveAfterDays,
    warnDaysBefore: effectiveWarnDays(productPolicy),
    action: productPolicy.action,
    activityRefreshedAt: refreshedAt,
  };
  const belowWarnPoint = inactiveMs < thresholdMs - warnMs;

  if (warning) {
    if (belowWarnPoint) {
      return cancel(
        c,
        'no-longer-due',
        `${capitalize(since)}: fewer than the ${days(warnPointDays(productPolicy))} of inactivity at which warnings start (${policy}).`,
        words('inactivity.reasons.noLongerDue', {
          ...said,
          warnPoint: daysWords(warnPointDays(productPolicy)),
        }),
        numbers,
      );
    }
    // Never earlier than promised, than the threshold, or than a full notice period after the warning.
    const actAfter = Math.max(warning.actAfter, baseline.at + thresholdMs, warning.warnedAt + warnMs);
    const warned = `warned on ${isoDay(warning.warnedAt)}`;
    const withWarning = { ...numbers, warnedAt: warning.warnedAt, actAfter };
    const dates = { warnedOn: { day: warning.warnedAt }, dueOn: { day: actAfter } };
    if (c.now < actAfter) {
      return {
        ...base(
          c,
          'grace-period',
          `${capitalize(since)}; ${warned}; ${policy}; due on ${isoDay(actAfter)}.`,
          words('inactivity.reasons.gracePeriod', { ...said, ...dates }),
          withWarning,
          'keep',
        ),
        outcome: 'still-in-grace',
        actAfter,
      };
    }
    if (refreshedAt < actAfter) {
      return {
        ...base(
          c,
          'awaiting-activity-refresh',
          `${capitalize(since)}; ${warned}; grace period ended on ${isoDay(actAfter)}, but activity was last fetched on ${isoDay(refreshedAt)}: waiting for data that covers the whole grace period.`,
          words('inactivity.reasons.awaitingRefresh', { ...said, ...dates, fetchedOn: { day: refreshedAt } }),
          withWarning,
          'keep',
        ),
        outcome: 'still-in-grace',
        actAfter,
      };
    }
    return act(
      c,
      productPolicy,
      `${capitalize(since)}; ${warned}; grace period ended on ${isoDay(actAfter)}; ${policy}.`,
      words('inactivity.reasons.graceEnded', { ...said, ...dates }),
      withWarning,
    );
  }

  if (belowWarnPoint) {
    const code =
      baseline.source === 'added-to-product' || baseline.source === 'added-to-org'
        ? 'never-active-within-threshold'
        : 'active-within-threshold';
    return plain(
      c,
      'active',
      code,
      `${capitalize(since)}; ${policy}.`,
      words('inactivity.reasons.onClock', said),
      numbers,
    );
  }
  if (warnMs > 0) {
    const actAfter = Math.max(baseline.at + thresholdMs, now + warnMs);
    const newWarning = { product: c.product, warnedAt: now, actAfter };
    return {
      ...base(
        c,
        'inactive-warned',
        `${capitalize(since)}; ${policy}. Warned now: ${actionPhrase(productPolicy.action, c.name)} on or after ${isoDay(actAfter)} unless they use ${c.name} before then.`,
        words('inactivity.reasons.warned', {
          ...said,
          action: actionWords(productPolicy.action, c.name),
          dueOn: { day: actAfter },
          product: c.name,
        }),
        { ...numbers, warnedAt: now, actAfter },
        'create',
      ),
      outcome: 'warn',
      newWarning,
    };
  }
  const dueAt = baseline.at + thresholdMs;
  if (refreshedAt < dueAt) {
    return unknown(
      c,
      'activity-older-than-due-date',
      `${capitalize(since)}; ${policy}; due on ${isoDay(dueAt)}, but activity was last fetched on ${isoDay(refreshedAt)}: waiting for data from after the due date.`,
      words('inactivity.reasons.olderThanDue', {
        ...said,
        dueOn: { day: dueAt },
        fetchedOn: { day: refreshedAt },
      }),
      { ...numbers, actAfter: dueAt },
    );
  }
  return act(
    c,
    productPolicy,
    `${capitalize(since)}; ${policy}.`,
    words('inactivity.reasons.onClock', said),
    {
      ...numbers,
      actAfter: dueAt,
    },
  );
}

/**
 * Remove-licence looks at this product on this site only. Suspend is org-wide, so activity in any product on
 * any site of the org counts (never-used-here is not "inactive" for someone busy elsewhere).
 */
function latestRelevantActivity(
  c: ResolvedProduct,
  productPolicy: ProductInactivityPolicy | undefined,
): { at: number | null; source: 'last-active' | 'last-active-in-org' } {
  const own = c.productFacts?.lastActiveAt ?? null;
  if (productPolicy?.action !== 'suspend') return { at: own, source: 'last-active' };
  let latest = own;
  let source: 'last-active' | 'last-active-in-org' = 'last-active';
  const elsewhere = [
    ...Object.values(c.facts.products).map((product) => product.lastActiveAt),
    c.facts.orgLastActiveAt ?? null,
  ];
  for (const at of elsewhere) {
    if (at !== null && (latest === null || at > latest)) {
      latest = at;
      source = 'last-active-in-org';
    }
  }
  return { at: latest, source };
}
