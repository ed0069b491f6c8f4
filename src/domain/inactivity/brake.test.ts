// The safety brake holds a whole run beyond either limit; review approves all, some or none; fresh facts reconfirm.
import { applyBrake } from './brake';
import { decideForUser } from './decide';
import type { PlannedAction, UserDecision } from './decision';
import { approveReview, reconfirmActions } from './review';
import { JIRA, day, heldProduct, testPolicy, userAt } from './test-builders';

function removal(accountId: string): PlannedAction {
  return { kind: 'remove-licence', accountId, product: JIRA, groupIds: ['g-jira'] };
}

/** `n` users, each with the given number of planned actions. */
function run(n: number, actionsEach = 1): UserDecision[] {
  return Array.from({ length: n }, (_, i) => {
    const accountId = `user-${i}`;
    const actions: PlannedAction[] = [removal(accountId)];
    if (actionsEach > 1) actions.push({ kind: 'suspend', accountId, products: [JIRA] });
    return { accountId, decisions: [], actions };
  });
}

const policy = (maxActionsPerRun: number, maxPercentOfLicensed: number) =>
  testPolicy({ brake: { maxActionsPerRun, maxPercentOfLicensed } });

describe('applyBrake', () => {
  it('allows every action within both limits, at exactly the limits', () => {
    const result = applyBrake(run(5), { licensedUserCount: 100, policy: policy(5, 5) });
    expect(result.status).toBe('allowed');
    expect(result.allowed).toHaveLength(5);
    expect(result.held).toEqual([]);
    expect(result.counts).toMatchObject({ actions: 5, affectedUsers: 5, maxAffectedUsers: 5 });
  });

  it('holds the whole run when actions exceed K, saying so with the numbers', () => {
    const result = applyBrake(run(6), { licensedUserCount: 1000, policy: policy(5, 5) });
    expect(result.status).toBe('held-for-review');
    expect(result.allowed).toEqual([]);
    expect(result.held).toHaveLength(6);
    expect(result.reason?.limits).toEqual(['max-actions-per-run']);
    expect(result.reason?.message).toBe(
      'Held for review: 6 actions planned, more than the limit of 5 per run. Nothing is done until an admin approves all, some or none.',
    );
  });

  it('holds the whole run when affected users exceed P% of licensed users', () => {
    const result = applyBrake(run(6), { licensedUserCount: 100, policy: policy(50, 5) });
    expect(result.reason?.limits).toEqual(['max-percent-of-licensed']);
    expect(result.reason?.message).toContain(
      '6 users affected, 6% of 100 licensed users, more than the limit of 5% (5 users)',
    );
  });

  it('counts users, not actions, against the percentage, and both limits can trip together', () => {
    const result = applyBrake(run(3, 2), { licensedUserCount: 100, policy: policy(5, 2) });
    expect(result.counts).toMatchObject({ actions: 6, affectedUsers: 3, maxAffectedUsers: 2 });
    expect(result.reason?.limits).toEqual(['max-actions-per-run', 'max-percent-of-licensed']);
  });

  it('rounds the user limit down, without binary-rounding surprises', () => {
    expect(applyBrake(run(7), { licensedUserCount: 100, policy: policy(50, 7) }).status).toBe('allowed');
    expect(applyBrake(run(1), { licensedUserCount: 19, policy: policy(50, 5) }).status).toBe(
      'held-for-review',
    );
    expect(applyBrake(run(3), { licensedUserCount: 1000, policy: policy(50, 0.3) }).status).toBe('allowed');
  });

  it('allows an empty run even with zero limits, and holds any action when limits are zero', () => {
    expect(applyBrake([], { licensedUserCount: 0, policy: policy(0, 0) }).status).toBe('allowed');
    expect(applyBrake(run(1), { licensedUserCount: 10, policy: policy(0, 100) }).status).toBe(
      'held-for-review',
    );
    expect(applyBrake(run(1), { licensedUserCount: 0, policy: policy(10, 100) }).status).toBe(
      'held-for-review',
    );
  });

  it('refuses a licensed user count that is not a whole number', () => {
    expect(() => applyBrake(run(1), { licensedUserCount: -1, policy: policy(1, 1) })).toThrow(
      'licensedUserCount',
    );
    expect(() => applyBrake(run(1), { licensedUserCount: 2.5, policy: policy(1, 1) })).toThrow(
      'licensedUserCount',
    );
  });
});

describe('approveReview', () => {
  const held = [
    removal('a'),
    removal('b'),
    { kind: 'suspend' as const, accountId: 'b', products: [JIRA] },
    removal('c'),
  ];

  it('approves all', () => {
    expect(approveReview(held, { approve: 'all' })).toEqual({
      allowed: held,
      dropped: [],
      unknownAccountIds: [],
    });
  });

  it('approves none', () => {
    expect(approveReview(held, { approve: 'none' })).toEqual({
      allowed: [],
      dropped: held,
      unknownAccountIds: [],
    });
  });

  it('approves some accounts, with all of their actions, and reports ids it did not hold', () => {
    const result = approveReview(held, { approve: 'accounts', accountIds: ['b', 'zed'] });
    expect(result.allowed).toEqual([held[1], held[2]]);
    expect(result.dropped).toEqual([held[0], held[3]]);
    expect(result.unknownAccountIds).toEqual(['zed']);
  });
});

describe('reconfirmActions', () => {
  const warning = { product: JIRA, warnedAt: day(83), actAfter: day(90) };
  const policyNow = testPolicy();

  it('proceeds with still-due actions and drops those of users active since the review', () => {
    const approved = [removal('user-a'), removal('user-b'), removal('user-gone')];
    const fresh = [
      decideForUser(userAt(day(95), { accountId: 'user-a', warnings: [warning] }), policyNow, day(95)),
      decideForUser(
        userAt(day(95), {
          accountId: 'user-b',
          warnings: [warning],
          products: { [JIRA]: heldProduct({ lastActiveAt: day(93) }) },
        }),
        policyNow,
        day(95),
      ),
    ];
    const result = reconfirmActions(approved, fresh);
    expect(result.proceed).toEqual([removal('user-a')]);
    expect(result.dropped.map((d) => d.action.accountId)).toEqual(['user-b', 'user-gone']);
    expect(result.dropped[0]?.reason).toContain(
      'No longer due. jira-software: Last active in Jira on 2025-04-04',
    );
    expect(result.dropped[1]?.reason).toBe('No fresh decision for user-gone; not acted on.');
  });

  it('uses the fresh group list when the licence groups changed since the review', () => {
    const fresh = decideForUser(
      userAt(day(95), {
        accountId: 'user-a',
        warnings: [warning],
        products: { [JIRA]: heldProduct({ licenceGroupIds: ['g-jira-new'] }) },
      }),
      policyNow,
      day(95),
    );
    expect(reconfirmActions([removal('user-a')], [fresh]).proceed).toEqual([
      { kind: 'remove-licence', accountId: 'user-a', product: JIRA, groupIds: ['g-jira-new'] },
    ]);
  });
});
