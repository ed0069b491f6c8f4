// 10,000 generated runs: protected, recently active and recently (re)licensed users are never warned or acted on,
// nor anyone whose licence grant date cannot be established; the brake always holds.
import fc from 'fast-check';
import { applyBrake } from './brake';
import { decideForUser } from './decide';
import type { DecisionOutcome, PlannedAction, ProductDecision, UserDecision } from './decision';
import type { ProductFacts, RecordedAction, UserFacts, WarningRecord } from './facts';
import { productGrantFrom, type LicenceGroupEvidence } from './grant-evidence';
import { type InactivityPolicy, type ProductInactivityPolicy, effectiveWarnDays } from './policy';
import { validateInactivityPolicy } from './policy-validation';
import { approveReview } from './review';
import { DAY_MS, HOUR_MS } from './time';

const PRODUCTS = ['jira-software', 'confluence', 'jira-servicedesk'] as const;
const GROUPS = ['g1', 'g2', 'g3', 'g4', 'g5'];
/** Groups users may be in beside licence groups; exclusions pick from these and one licence group. */
const OTHER_GROUPS = ['vip', 'contractors', 'staff'];
const EXCLUDABLE_GROUPS = ['vip', 'contractors', 'staff', 'g5'];
const ACCOUNTS = Array.from({ length: 8 }, (_, i) => `u${i}`);
const NOW_BASE = 1_767_225_600_000; // 2026-01-01

/** An offset before `now` in whole days plus a jitter that lands on, just before, or just after day boundaries. */
const ago = fc
  .tuple(fc.integer({ min: -2, max: 400 }), fc.constantFrom(0, 1, -1, 5 * HOUR_MS))
  .map(([days, jitter]) => days * DAY_MS + jitter);

const productPolicyArb: fc.Arbitrary<ProductInactivityPolicy> = fc
  .record({
    enabled: fc.boolean(),
    inactiveAfterDays: fc.integer({ min: 1, max: 200 }),
    warnRaw: fc.integer({ min: 0, max: 30 }),
    neverActive: fc.constantFrom('count-from-added' as const, 'ignore' as const),
    action: fc.constantFrom(
      'remove-licence' as const,
      'remove-licence' as const,
      'suspend' as const,
      'report' as const,
    ),
    licenceGroupIds: fc.subarray(GROUPS, { maxLength: 2 }),
  })
  .map(({ warnRaw, ...rest }) => ({
    displayName: 'Product',
    ...rest,
    warnDaysBefore: Math.min(warnRaw, rest.inactiveAfterDays - 1),
  }));

const policyArb: fc.Arbitrary<InactivityPolicy> = fc.record({
  schemaVersion: fc.constant(1 as const),
  products: fc.record({
    'jira-software': productPolicyArb,
    confluence: productPolicyArb,
    'jira-servicedesk': productPolicyArb,
  }),
  exclusions: fc.record({
    groupIds: fc.subarray(EXCLUDABLE_GROUPS, { maxLength: 1 }),
    accountIds: fc.subarray(ACCOUNTS, { maxLength: 1 }),
    recentlyAddedDays: fc.integer({ min: 0, max: 60 }),
  }),
  notifications: fc.constant({}),
  brake: fc.record({
    maxActionsPerRun: fc.integer({ min: 0, max: 12 }),
    maxPercentOfLicensed: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0.5, 2.5, 33.3)),
  }),
  activityMaxAgeHours: fc.integer({ min: 1, max: 96 }),
});

/**
 * One licence group's history as the audit log and the app's records tell it: held since before the history
 * starts, added inside it, removed and added back (re-licensed), added back with the record not seen yet, or a
 * history never read.
 */
const groupHistoryArb = fc.record({
  historyAgo: fc.option(
    fc
      .oneof(
        { weight: 3, arbitrary: fc.integer({ min: 100, max: 400 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 100 }) },
      )
      .map((days) => days * DAY_MS),
    { nil: null, freq: 20 },
  ),
  story: fc.oneof(
    { weight: 4, arbitrary: fc.constant('held-throughout' as const) },
    { weight: 2, arbitrary: fc.constant('added' as const) },
    { weight: 3, arbitrary: fc.constant('re-licensed' as const) },
    { weight: 1, arbitrary: fc.constant('added-back-unrecorded' as const) },
  ),
  changedAgo: ago,
  gap: fc.integer({ min: 0, max: 20 * DAY_MS }),
});

type GroupHistory = typeof groupHistoryArb extends fc.Arbitrary<infer T> ? T : never;

function evidenceOf(history: GroupHistory, groupName: string, now: number): LicenceGroupEvidence {
  const historySince = history.historyAgo === null ? null : now - history.historyAgo;
  const changed = now - history.changedAgo;
  switch (history.story) {
    case 'held-throughout':
      return { groupName, historySince, lastAddedAt: null, lastRemovedAt: null };
    case 'added':
      return { groupName, historySince, lastAddedAt: changed, lastRemovedAt: null };
    case 're-licensed':
      return { groupName, historySince, lastAddedAt: changed, lastRemovedAt: changed - history.gap - 1 };
    case 'added-back-unrecorded':
      return { groupName, historySince, lastAddedAt: changed - history.gap, lastRemovedAt: changed };
  }
}

const productFactsArb = fc.record({
  hasAccess: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
  licenceGroupIds: fc.subarray(GROUPS, { maxLength: 3 }),
  lastActiveAgo: fc.option(ago, { nil: null }),
  /** One history per licence group the user is in (none: held through no group whose history is read). */
  groupHistories: fc.oneof(
    { weight: 15, arbitrary: fc.array(groupHistoryArb, { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.array(groupHistoryArb, { maxLength: 0 }) },
  ),
  reactivatedAgo: fc.option(ago, { nil: null, freq: 8 }),
  warning: fc.option(
    fc.record({
      warnedAgo: fc.integer({ min: 0, max: 40 * DAY_MS }),
      promise: fc.integer({ min: -10, max: 20 }),
    }),
    { nil: null },
  ),
});

/** True with probability 1 in `n`. */
const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

const userArb = fc.record({
  accountType: fc.oneof(
    { weight: 12, arbitrary: fc.constant('atlassian') },
    { weight: 1, arbitrary: fc.constantFrom('app', 'customer', 'bot-x') },
  ),
  active: oneIn(15).map((inactive) => !inactive),
  isSiteAdmin: oneIn(15),
  isOrgAdmin: oneIn(15),
  groupIds: fc.subarray([...GROUPS, ...OTHER_GROUPS], { maxLength: 3 }),
  addedToOrgAgo: fc.option(
    fc.integer({ min: -1, max: 1000 }).map((days) => days * DAY_MS),
    { nil: null },
  ),
  orgLastActive: fc.oneof(fc.constant('not-gathered' as const), fc.option(ago, { nil: null })),
  refreshedAgoHours: fc.option(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 120 }) },
    ),
    { nil: null, freq: 10 },
  ),
  products: fc.record({
    'jira-software': fc.option(productFactsArb, { nil: undefined }),
    confluence: fc.option(productFactsArb, { nil: undefined }),
    'jira-servicedesk': fc.option(productFactsArb, { nil: undefined }),
  }),
  actedThisRun: fc.oneof(
    { weight: 16, arbitrary: fc.constant('none') },
    { weight: 1, arbitrary: fc.constantFrom('suspend', 'jira-software', 'confluence') },
  ),
});

const scenarioArb = fc.record({
  now: fc.integer({ min: NOW_BASE, max: NOW_BASE + 365 * DAY_MS }),
  policy: policyArb,
  users: fc.array(userArb, { maxLength: ACCOUNTS.length }),
  unlicensedPadding: fc.integer({ min: 0, max: 60 }),
  approvedAccounts: fc.subarray(ACCOUNTS),
});

type RawUser = typeof userArb extends fc.Arbitrary<infer T> ? T : never;

/** What the generator said about each product's grant, kept apart from the facts for the oracles. */
interface GrantStory {
  readonly groups: readonly LicenceGroupEvidence[];
  readonly reactivatedAt: number | null;
}

function buildFacts(
  raw: RawUser,
  index: number,
  now: number,
): { facts: UserFacts; grants: Map<string, GrantStory> } {
  const accountId = ACCOUNTS[index] as string;
  const products: Record<string, ProductFacts> = {};
  const grants = new Map<string, GrantStory>();
  const warnings: WarningRecord[] = [];
  for (const key of PRODUCTS) {
    const product = raw.products[key];
    if (!product) continue;
    const story: GrantStory = {
      groups: product.groupHistories.map((history, i) => evidenceOf(history, `${key}-users-${i}`, now)),
      reactivatedAt: product.reactivatedAgo === null ? null : now - product.reactivatedAgo,
    };
    grants.set(key, story);
    products[key] = {
      hasAccess: product.hasAccess,
      licenceGroupIds: product.licenceGroupIds,
      lastActiveAt: product.lastActiveAgo === null ? null : now - product.lastActiveAgo,
      granted: productGrantFrom(story.groups, story.reactivatedAt),
    };
    if (product.warning) {
      const warnedAt = now - product.warning.warnedAgo;
      warnings.push({ product: key, warnedAt, actAfter: warnedAt + product.warning.promise * DAY_MS });
    }
  }
  const actionsThisRun: RecordedAction[] =
    raw.actedThisRun === 'none'
      ? []
      : raw.actedThisRun === 'suspend'
        ? [{ accountId, action: 'suspend' }]
        : [{ accountId, product: raw.actedThisRun, action: 'remove-licence', removedGroupIds: ['g1'] }];
  const facts: UserFacts = {
    accountId,
    accountType: raw.accountType,
    active: raw.active,
    isSiteAdmin: raw.isSiteAdmin,
    isOrgAdmin: raw.isOrgAdmin,
    groupIds: raw.groupIds,
    addedToOrgAt: raw.addedToOrgAgo === null ? null : now - raw.addedToOrgAgo,
    products,
    ...(raw.orgLastActive === 'not-gathered'
      ? {}
      : { orgLastActiveAt: raw.orgLastActive === null ? null : now - raw.orgLastActive }),
    activityRefreshedAt: raw.refreshedAgoHours === null ? null : now - raw.refreshedAgoHours * HOUR_MS,
    warnings,
    actionsThisRun,
  };
  return { facts, grants };
}

// --- Oracles, written from the rules and the facts alone (not from the implementation) ---

function recentlyAdded(addedAt: number | null, policy: InactivityPolicy, now: number): boolean {
  const days = policy.exclusions.recentlyAddedDays;
  return days > 0 && addedAt !== null && now - addedAt < days * DAY_MS;
}

function protectedEverywhere(facts: UserFacts, policy: InactivityPolicy, now: number): boolean {
  const groups = new Set([
    ...facts.groupIds,
    ...Object.values(facts.products).flatMap((p) => p.licenceGroupIds),
  ]);
  return (
    facts.isOrgAdmin ||
    facts.isSiteAdmin ||
    facts.accountType !== 'atlassian' ||
    !facts.active ||
    policy.exclusions.accountIds.includes(facts.accountId) ||
    policy.exclusions.groupIds.some((group) => groups.has(group)) ||
    recentlyAdded(facts.addedToOrgAt, policy, now)
  );
}

/**
 * Given (back) the product within the recently-added days, or at a time that cannot be told from the story:
 * history never read, a removal as the last record of a group still held, no licence group with a history, or a
 * history that starts inside the window (a grant just before it could still be inside). Written from the raw
 * story, not from the grant the implementation derived.
 */
function recentOrUnknownGrant(story: GrantStory | undefined, policy: InactivityPolicy, now: number): boolean {
  if (!story) return false;
  const window = policy.exclusions.recentlyAddedDays * DAY_MS;
  const within = (at: number | null) => window > 0 && at !== null && now - at < window;
  if (story.groups.length === 0 || within(story.reactivatedAt)) return true;
  return story.groups.some(
    (group) =>
      group.historySince === null ||
      (group.lastRemovedAt !== null &&
        (group.lastAddedAt === null || group.lastRemovedAt >= group.lastAddedAt)) ||
      within(group.lastAddedAt) ||
      within(group.historySince),
  );
}

/** The latest (re)grant the story shows for certain, counted like activity: the clock never starts before it. */
function latestCertainGrant(story: GrantStory | undefined): number | null {
  if (!story) return null;
  const added = story.groups
    .filter((group) => group.historySince !== null && group.lastAddedAt !== null)
    .map((group) => group.lastAddedAt as number);
  const all = story.reactivatedAt === null ? added : [...added, story.reactivatedAt];
  return all.length === 0 ? null : Math.max(...all);
}

/** Active in this product within the window before warnings start: must not be warned or acted on. */
function recentlyActive(facts: UserFacts, product: string, policy: InactivityPolicy, now: number): boolean {
  const productPolicy = policy.products[product];
  const last = facts.products[product]?.lastActiveAt ?? null;
  if (!productPolicy || last === null) return false;
  return now - last < (productPolicy.inactiveAfterDays - effectiveWarnDays(productPolicy)) * DAY_MS;
}

const UNTOUCHED: readonly DecisionOutcome[] = ['warn', 'still-in-grace', 'act', 'blocked'];

function fail(message: string, detail: unknown): never {
  throw new Error(`${message}\n${JSON.stringify(detail, null, 1)}`);
}

function checkUser(
  facts: UserFacts,
  grants: ReadonlyMap<string, GrantStory>,
  user: UserDecision,
  policy: InactivityPolicy,
  now: number,
): void {
  const everywhere = protectedEverywhere(facts, policy, now);
  if (everywhere && user.actions.length > 0) fail('a protected user has planned actions', { facts, user });
  if (facts.actionsThisRun.some((a) => a.action === 'suspend') && user.actions.length > 0) {
    fail('a user suspended in this run is acted on again', user);
  }
  if (facts.activityRefreshedAt === null && user.actions.length > 0)
    fail('acted without activity data', user);
  if (user.actions.filter((a) => a.kind === 'suspend').length > 1) fail('more than one suspension', user);

  for (const decision of user.decisions) {
    const product = decision.product;
    const productFacts = facts.products[product];
    const productPolicy = policy.products[product];
    const touched = UNTOUCHED.includes(decision.outcome);
    const holds = productFacts?.hasAccess === true;
    const protectedHere = everywhere || (holds && recentOrUnknownGrant(grants.get(product), policy, now));
    if (protectedHere && decision.outcome !== 'excluded')
      fail('a protected user is not excluded', { facts, decision });
    if (protectedHere && decision.warning !== 'clear' && decision.warning !== 'none') {
      fail('a protected user keeps or gets a warning', { facts, decision });
    }
    if (touched && recentlyActive(facts, product, policy, now))
      fail('a recently active user is touched', { facts, decision });
    const granted = holds ? latestCertainGrant(grants.get(product)) : null;
    if (touched && productPolicy && granted !== null) {
      const idleSinceGrant = now - granted;
      if (idleSinceGrant < (productPolicy.inactiveAfterDays - effectiveWarnDays(productPolicy)) * DAY_MS)
        fail('a user given the product back recently is touched', { facts, decision });
      if (decision.outcome === 'act' && idleSinceGrant < productPolicy.inactiveAfterDays * DAY_MS)
        fail('acted before the threshold counted from the re-grant', { facts, decision });
    }
    if (touched && facts.activityRefreshedAt === null)
      fail('a user without activity data is touched', decision);
    if (decision.outcome === 'warn') checkWarn(facts, decision, productPolicy);
    if (decision.outcome === 'act') checkAct(facts, decision, productPolicy, policy, now);
  }
  checkActions(facts, user);
}

function checkWarn(
  facts: UserFacts,
  decision: ProductDecision,
  productPolicy: ProductInactivityPolicy | undefined,
): void {
  if (decision.outcome !== 'warn' || !productPolicy)
    return fail('warned on a product without policy', decision);
  if (facts.warnings.some((w) => w.product === decision.product)) fail('warned twice', { facts, decision });
  const notice = effectiveWarnDays(productPolicy) * DAY_MS;
  if (notice === 0) fail('warned although no warning is configured', decision);
  if (decision.newWarning.actAfter < decision.newWarning.warnedAt + notice)
    fail('notice shorter than policy', decision);
}

function checkAct(
  facts: UserFacts,
  decision: ProductDecision,
  productPolicy: ProductInactivityPolicy | undefined,
  policy: InactivityPolicy,
  now: number,
): void {
  if (decision.outcome !== 'act' || !productPolicy)
    return fail('acted on a product without policy', decision);
  const productFacts = facts.products[decision.product];
  if (!productFacts?.hasAccess) fail('acted on a product the user does not hold', { facts, decision });
  if (facts.actionsThisRun.some((a) => a.action === 'suspend' || a.product === decision.product)) {
    fail('acted twice in one run', { facts, decision });
  }
  const last = productFacts?.lastActiveAt ?? null;
  if (last !== null && now - last < productPolicy.inactiveAfterDays * DAY_MS)
    fail('acted before the threshold', decision);
  if (last === null && productPolicy.neverActive === 'ignore' && productPolicy.action !== 'suspend') {
    fail('acted on a never-active user the policy ignores', decision);
  }
  const refreshedAt = facts.activityRefreshedAt;
  if (refreshedAt === null || now - refreshedAt > policy.activityMaxAgeHours * HOUR_MS) {
    fail('acted on stale activity data', { facts, decision });
  }
  if (productPolicy.action === 'suspend') {
    const org = facts.orgLastActiveAt;
    if (org === undefined) fail('suspended without org-wide activity', { facts, decision });
    const anywhere = [org ?? null, ...Object.values(facts.products).map((p) => p.lastActiveAt)];
    if (anywhere.some((at) => at !== null && now - at < productPolicy.inactiveAfterDays * DAY_MS)) {
      fail('suspended someone active elsewhere', { facts, decision });
    }
  }
  const notice = effectiveWarnDays(productPolicy) * DAY_MS;
  if (notice === 0) return;
  const warning = facts.warnings.find((w) => w.product === decision.product);
  if (!warning) return fail('acted on someone never warned', { facts, decision });
  if (now < warning.warnedAt + notice || now < warning.actAfter)
    fail('acted inside the grace period', { facts, decision });
  if (refreshedAt === null || refreshedAt < warning.actAfter)
    fail('acted on data older than the due date', decision);
  if (last !== null && last >= warning.warnedAt)
    fail('acted despite activity since the warning', { facts, decision });
}

function checkActions(facts: UserFacts, user: UserDecision): void {
  const removing = new Set(user.actions.flatMap((a) => (a.kind === 'remove-licence' ? [a.product] : [])));
  for (const action of user.actions) {
    const products = action.kind === 'suspend' ? action.products : [action.product];
    for (const product of products) {
      const decision = user.decisions.find((d) => d.product === product);
      if (decision?.outcome !== 'act') fail('an action without an act decision', user);
    }
    if (action.kind !== 'remove-licence') continue;
    const held = facts.products[action.product];
    if (action.groupIds.length === 0) fail('a removal with no groups', user);
    if (!action.groupIds.every((g) => held?.licenceGroupIds.includes(g)))
      fail('removes a group outside the licence', user);
    for (const groupId of action.groupIds) {
      for (const [other, facts2] of Object.entries(facts.products)) {
        if (facts2.hasAccess && facts2.licenceGroupIds.includes(groupId) && !removing.has(other)) {
          fail(`removing ${groupId} would also take ${other}, which the user keeps`, { facts, user });
        }
      }
    }
  }
}

function checkBrake(
  decisions: readonly UserDecision[],
  policy: InactivityPolicy,
  licensedUserCount: number,
  approvedAccounts: readonly string[],
): 'allowed' | 'held-for-review' {
  const planned: PlannedAction[] = decisions.flatMap((d) => d.actions);
  const result = applyBrake(decisions, { licensedUserCount, policy });
  const allowedUsers = new Set(result.allowed.map((a) => a.accountId)).size;
  const { maxActionsPerRun, maxPercentOfLicensed } = policy.brake;
  if (result.allowed.length > maxActionsPerRun) fail('the brake allowed more than K actions', result.counts);
  if (allowedUsers * 100 > maxPercentOfLicensed * licensedUserCount)
    fail('the brake allowed more than P%', result.counts);
  if (result.status === 'allowed' && result.allowed.length !== planned.length)
    fail('the brake dropped actions', result);
  if (
    result.status === 'held-for-review' &&
    (result.allowed.length > 0 || result.held.length !== planned.length)
  ) {
    fail('a held run is not held whole', result);
  }
  const plannedUsers = new Set(planned.map((a) => a.accountId)).size;
  const withinLimits =
    planned.length <= maxActionsPerRun && plannedUsers * 100 <= maxPercentOfLicensed * licensedUserCount;
  if (Number.isInteger(maxPercentOfLicensed) && withinLimits && result.status !== 'allowed') {
    fail('the brake held a run within both limits', result.counts);
  }
  if (result.status === 'held-for-review') {
    const review = approveReview(result.held, { approve: 'accounts', accountIds: approvedAccounts });
    if (review.allowed.length + review.dropped.length !== result.held.length)
      fail('review lost actions', review);
    if (review.allowed.some((a) => !approvedAccounts.includes(a.accountId)))
      fail('review allowed an unapproved account', review);
  }
  return result.status;
}

describe('inactivity clean-up, 10,000 generated runs', () => {
  it('never warns or acts on protected, recently active or recently re-licensed users, and the brake always holds', () => {
    const seen = new Map<string, number>();
    const tally = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    const started = performance.now();

    fc.assert(
      fc.property(scenarioArb, ({ now, policy, users, unlicensedPadding, approvedAccounts }) => {
        const validation = validateInactivityPolicy(policy);
        if (!validation.ok) fail('the generator made an invalid policy', validation.errors);
        const built = users.map((raw, index) => buildFacts(raw, index, now));
        const facts = built.map((b) => b.facts);
        const decisions = facts.map((user) => decideForUser(user, policy, now));
        built.forEach(({ facts: user, grants }, index) =>
          checkUser(user, grants, decisions[index] as UserDecision, policy, now),
        );
        const licensed = facts.filter((f) => Object.values(f.products).some((p) => p.hasAccess)).length;
        const status = checkBrake(decisions, policy, licensed + unlicensedPadding, approvedAccounts);
        decisions.forEach((d) =>
          d.decisions.forEach((p) => {
            tally(p.outcome);
            if (p.outcome === 'excluded') p.exclusions.forEach((e) => tally(`exclusion:${e.kind}`));
            // Re-licensed users still reach the clock once the window has passed: warned or acted on from the re-grant.
            if (p.reason.facts.baselineSource === 'given-again' && UNTOUCHED.includes(p.outcome))
              tally('given-again:touched');
          }),
        );
        if (decisions.some((d) => d.actions.length > 0)) tally(`brake:${status}`);
      }),
      { seed: 20_251_126, numRuns: 10_000 },
    );

    // A generator that never reaches an outcome proves nothing about it: every path must have been exercised.
    const expected = [
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
      'brake:allowed',
      'brake:held-for-review',
      'exclusion:recently-added-to-product',
      'exclusion:grant-date-unknown',
      'given-again:touched',
    ];
    const missing = expected.filter((key) => (seen.get(key) ?? 0) < 100);
    expect(missing).toEqual([]);
    console.info(
      `10,000 runs in ${Math.round(performance.now() - started)} ms; outcomes: ${JSON.stringify(Object.fromEntries(seen))}`,
    );
  });
});
