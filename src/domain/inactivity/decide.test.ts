// The warn / act / cancel rules on concrete dates: threshold 90 days, warning 7 days before, unless said otherwise.
import { decideForUser } from './decide';
import type { ProductDecision, UserDecision } from './decision';
import type { UserFacts, WarningRecord } from './facts';
import {
  CONFLUENCE,
  JIRA,
  day,
  heldProduct,
  testPolicy,
  userAt,
  type PolicyOverrides,
} from './test-builders';
import { HOUR_MS } from './time';

function decide(now: number, facts: Partial<UserFacts> = {}, policy: PolicyOverrides = {}): UserDecision {
  return decideForUser(userAt(now, facts), testPolicy(policy), now);
}

function decisionFor(user: UserDecision, product: string): ProductDecision {
  const found = user.decisions.find((decision) => decision.product === product);
  if (!found) throw new Error(`no decision for ${product}: ${JSON.stringify(user.decisions)}`);
  return found;
}

const warnedOnDay83: WarningRecord = { product: JIRA, warnedAt: day(83), actAfter: day(90) };

describe('the 90-day timeline with 7 days of warning', () => {
  it('leaves a user inactive for 82 days alone', () => {
    const jira = decisionFor(decide(day(82)), JIRA);
    expect(jira.outcome).toBe('active');
    expect(jira.reason.code).toBe('active-within-threshold');
    expect(jira.warning).toBe('none');
    expect(jira.reason.message).toBe(
      'Last active in Jira on 2025-01-01 (82 days ago); policy: remove Jira access after 90 days without activity, warning 7 days before.',
    );
  });

  it('warns a user inactive for 83 days, naming the day the licence goes', () => {
    const jira = decisionFor(decide(day(83)), JIRA);
    expect(jira).toMatchObject({
      outcome: 'warn',
      warning: 'create',
      newWarning: { product: JIRA, warnedAt: day(83), actAfter: day(90) },
      reason: {
        code: 'inactive-warned',
        facts: { inactiveDays: 83, inactiveAfterDays: 90, warnDaysBefore: 7 },
      },
    });
    expect(jira.reason.message).toContain('Last active in Jira on 2025-01-01 (83 days ago)');
    expect(jira.reason.message).toContain('remove Jira access on or after 2025-04-01');
  });

  it('keeps a warned user in the grace period until day 90', () => {
    const jira = decisionFor(decide(day(89), { warnings: [warnedOnDay83] }), JIRA);
    expect(jira).toMatchObject({ outcome: 'still-in-grace', actAfter: day(90), warning: 'keep' });
    expect(jira.reason.code).toBe('grace-period');
  });

  it('acts on day 90, removing exactly the groups that grant the product', () => {
    const user = decide(day(90), { warnings: [warnedOnDay83] });
    const jira = decisionFor(user, JIRA);
    expect(jira).toMatchObject({ outcome: 'act', action: { kind: 'remove-licence', groupIds: ['g-jira'] } });
    expect(jira.reason.code).toBe('inactive-past-threshold');
    expect(jira.reason.message).toContain('warned on 2025-03-25; grace period ended on 2025-04-01');
    expect(user.actions).toEqual([
      { kind: 'remove-licence', accountId: 'user-1', product: JIRA, groupIds: ['g-jira'] },
    ]);
  });

  it('cancels the warning of a user who logs in on day 85, and they keep access on day 90', () => {
    const loggedIn = {
      warnings: [warnedOnDay83],
      products: { [JIRA]: heldProduct({ lastActiveAt: day(85) }) },
    };
    for (const now of [day(85) + HOUR_MS, day(90)]) {
      const user = decide(now, loggedIn);
      const jira = decisionFor(user, JIRA);
      expect(jira).toMatchObject({ outcome: 'cancel-warning', warning: 'clear', cancelled: warnedOnDay83 });
      expect(jira.reason.code).toBe('active-since-warning');
      expect(user.actions).toEqual([]);
    }
  });

  it('gives a full notice period to a user first seen long past the threshold', () => {
    const first = decisionFor(decide(day(200)), JIRA);
    expect(first).toMatchObject({ outcome: 'warn', newWarning: { warnedAt: day(200), actAfter: day(207) } });
    const warning: WarningRecord = { product: JIRA, warnedAt: day(200), actAfter: day(207) };
    expect(decisionFor(decide(day(206), { warnings: [warning] }), JIRA).outcome).toBe('still-in-grace');
    expect(decisionFor(decide(day(207), { warnings: [warning] }), JIRA).outcome).toBe('act');
  });

  it('never acts before the stored promise, even if a later policy would allow it', () => {
    const promised: WarningRecord = { product: JIRA, warnedAt: day(83), actAfter: day(100) };
    expect(decisionFor(decide(day(95), { warnings: [promised] }), JIRA).outcome).toBe('still-in-grace');
  });

  it('waits for activity data covering the whole grace period before acting', () => {
    const user = decide(day(91), { warnings: [warnedOnDay83], activityRefreshedAt: day(90) - HOUR_MS });
    const jira = decisionFor(user, JIRA);
    expect(jira).toMatchObject({
      outcome: 'still-in-grace',
      warning: 'keep',
      reason: { code: 'awaiting-activity-refresh' },
    });
    expect(user.actions).toEqual([]);
  });

  it('never acts on someone never warned while warnings are configured', () => {
    const jira = decisionFor(decide(day(400)), JIRA);
    expect(jira.outcome).toBe('warn');
  });
});

describe('without a warning period', () => {
  const noWarning = { jira: { warnDaysBefore: 0 } };

  it('acts at the threshold directly', () => {
    expect(decisionFor(decide(day(89), {}, noWarning), JIRA).outcome).toBe('active');
    const user = decide(day(90), {}, noWarning);
    expect(decisionFor(user, JIRA)).toMatchObject({ outcome: 'act', warning: 'none' });
    expect(user.actions).toHaveLength(1);
  });

  it('does not act on data fetched before the due date', () => {
    const jira = decisionFor(decide(day(91), { activityRefreshedAt: day(89) }, noWarning), JIRA);
    expect(jira).toMatchObject({
      outcome: 'unknown-activity',
      reason: { code: 'activity-older-than-due-date' },
    });
  });
});

describe('missing or stale activity data', () => {
  it('judges nobody whose activity was never fetched', () => {
    const jira = decisionFor(decide(day(300), { activityRefreshedAt: null }), JIRA);
    expect(jira).toMatchObject({ outcome: 'unknown-activity', reason: { code: 'activity-never-fetched' } });
  });

  it('judges nobody on data older than the policy allows, and keeps an existing warning', () => {
    const stale = decide(day(95), { activityRefreshedAt: day(95) - 49 * HOUR_MS, warnings: [warnedOnDay83] });
    const jira = decisionFor(stale, JIRA);
    expect(jira).toMatchObject({
      outcome: 'unknown-activity',
      warning: 'keep',
      reason: { code: 'activity-stale' },
    });
    expect(jira.reason.message).toContain('49 hours ago, more than the 48 allowed');
    expect(stale.actions).toEqual([]);
  });

  it('still cancels a warning when even stale data shows activity after it', () => {
    const jira = decisionFor(
      decide(day(95), {
        activityRefreshedAt: day(95) - 100 * HOUR_MS,
        warnings: [warnedOnDay83],
        products: { [JIRA]: heldProduct({ lastActiveAt: day(84) }) },
      }),
      JIRA,
    );
    expect(jira.outcome).toBe('cancel-warning');
  });
});

describe('users who never used the product', () => {
  const never = (overrides: Partial<UserFacts> = {}): Partial<UserFacts> => ({
    products: { [JIRA]: heldProduct({ lastActiveAt: null, granted: { kind: 'known', at: day(0) } }) },
    ...overrides,
  });

  it('counts from the day they were given the product', () => {
    expect(decisionFor(decide(day(82), never()), JIRA)).toMatchObject({
      outcome: 'active',
      reason: { code: 'never-active-within-threshold' },
    });
    const jira = decisionFor(decide(day(83), never()), JIRA);
    expect(jira).toMatchObject({
      outcome: 'warn',
      reason: { facts: { baselineSource: 'added-to-product', lastActiveAt: null } },
    });
    expect(jira.reason.message).toContain(
      'Never used Jira; given it on 2025-01-01 (83 days ago), counted as last activity',
    );
  });

  it('falls back to the day they joined the org', () => {
    const facts = never({
      addedToOrgAt: day(0),
      products: {
        [JIRA]: heldProduct({ lastActiveAt: null, granted: { kind: 'not-since', since: day(-400) } }),
      },
    });
    const jira = decisionFor(decide(day(83), facts), JIRA);
    expect(jira).toMatchObject({ outcome: 'warn', reason: { facts: { baselineSource: 'added-to-org' } } });
  });

  it('does nothing when neither date is known', () => {
    const facts = never({
      addedToOrgAt: null,
      products: {
        [JIRA]: heldProduct({ lastActiveAt: null, granted: { kind: 'not-since', since: day(-400) } }),
      },
    });
    expect(decisionFor(decide(day(300), facts), JIRA)).toMatchObject({
      outcome: 'unknown-activity',
      reason: { code: 'no-activity-baseline' },
    });
  });

  it('never acts on them when the policy ignores never-active users, and drops an old warning', () => {
    const jira = decisionFor(
      decide(day(300), never({ warnings: [warnedOnDay83] }), { jira: { neverActive: 'ignore' } }),
      JIRA,
    );
    expect(jira).toMatchObject({
      outcome: 'excluded',
      warning: 'clear',
      reason: { facts: { exclusions: ['never-active-ignored'] } },
    });
  });
});

describe('report-only products', () => {
  const reportOnly = { jira: { action: 'report' as const } };

  it('sends no warning and lists the user once past the threshold, planning no change', () => {
    expect(decisionFor(decide(day(85), {}, reportOnly), JIRA).outcome).toBe('active');
    const user = decide(day(90), {}, reportOnly);
    expect(decisionFor(user, JIRA)).toMatchObject({
      outcome: 'act',
      action: { kind: 'report' },
      warning: 'none',
    });
    expect(user.actions).toEqual([]);
  });

  it('cancels a warning issued before the product became report-only', () => {
    const jira = decisionFor(decide(day(90), { warnings: [warnedOnDay83] }, reportOnly), JIRA);
    expect(jira).toMatchObject({ outcome: 'cancel-warning', reason: { code: 'policy-no-longer-acts' } });
  });
});

describe('policy changes after a warning', () => {
  it('cancels a warning the current policy would not have sent', () => {
    const jira = decisionFor(
      decide(day(91), { warnings: [warnedOnDay83] }, { jira: { inactiveAfterDays: 180 } }),
      JIRA,
    );
    expect(jira).toMatchObject({ outcome: 'cancel-warning', reason: { code: 'no-longer-due' } });
    expect(jira.reason.message).toBe(
      'Last active in Jira on 2025-01-01 (91 days ago): fewer than the 173 days of inactivity at which warnings start ' +
        '(policy: remove Jira access after 180 days without activity, warning 7 days before). Warning of 2025-03-25 cancelled.',
    );
  });

  it('moves the due date out when the threshold grows but the user is still in the warning window', () => {
    const jira = decisionFor(
      decide(day(90), { warnings: [warnedOnDay83] }, { jira: { inactiveAfterDays: 95 } }),
      JIRA,
    );
    expect(jira).toMatchObject({ outcome: 'still-in-grace', actAfter: day(95) });
  });

  it('cancels warnings for a product that was turned off, and decides nothing else for it', () => {
    const off = { jira: { enabled: false } };
    expect(decisionFor(decide(day(90), { warnings: [warnedOnDay83] }, off), JIRA)).toMatchObject({
      outcome: 'cancel-warning',
      reason: { code: 'product-disabled' },
    });
    expect(decide(day(90), {}, off).decisions.map((d) => d.product)).toEqual([CONFLUENCE]);
  });
});

describe('state that ends the matter', () => {
  it('does not repeat an action already recorded in this run, and clears the warning', () => {
    const user = decide(day(90), {
      warnings: [warnedOnDay83],
      actionsThisRun: [
        { accountId: 'user-1', product: JIRA, action: 'remove-licence', removedGroupIds: ['g-jira'] },
      ],
    });
    expect(decisionFor(user, JIRA)).toMatchObject({ outcome: 'already-acted', warning: 'clear' });
    expect(user.actions).toEqual([]);
  });

  it('treats a suspension recorded in this run as done for every product', () => {
    const user = decide(day(90), { actionsThisRun: [{ accountId: 'user-1', action: 'suspend' }] });
    expect(user.decisions.map((d) => d.outcome)).toEqual(['already-acted', 'already-acted']);
  });

  it('clears the warning of a user who no longer holds the product', () => {
    const jira = decisionFor(
      decide(day(90), { warnings: [warnedOnDay83], products: { [JIRA]: heldProduct({ hasAccess: false }) } }),
      JIRA,
    );
    expect(jira).toMatchObject({ outcome: 'no-access', warning: 'clear' });
  });

  it('treats activity in the future (clock skew) as activity now', () => {
    const jira = decisionFor(
      decide(day(90), { products: { [JIRA]: heldProduct({ lastActiveAt: day(91) }) } }),
      JIRA,
    );
    expect(jira).toMatchObject({ outcome: 'active', reason: { facts: { inactiveDays: 0 } } });
  });

  it('refuses a time that is not epoch milliseconds', () => {
    expect(() => decideForUser(userAt(day(1)), testPolicy(), Number.NaN)).toThrow(
      'now must be epoch milliseconds',
    );
  });
});
