import { decideForUser } from '../../domain/inactivity';
import { day, testPolicy, userAt } from '../../domain/inactivity/test-builders';
import { decisionRowFor } from './decision-rows';

const policy = testPolicy();

describe('decisionRowFor', () => {
  it('keeps nothing for users with only routine outcomes', () => {
    const now = day(10);
    expect(decisionRowFor('r1', decideForUser(userAt(now), policy, now), now)).toBeUndefined();
    expect(
      decisionRowFor('r1', decideForUser(userAt(now, { isOrgAdmin: true }), policy, now), now),
    ).toBeUndefined();
  });

  it('keeps warned users with the due date, headed by the most telling outcome', () => {
    const now = day(85);
    const row = decisionRowFor('r1', decideForUser(userAt(now), policy, now), now);
    expect(row).toMatchObject({ runId: 'r1', accountId: 'user-1', status: 'warn', at: now });
    expect(row?.entries).toEqual([
      expect.objectContaining({
        product: 'jira-software',
        outcome: 'warn',
        code: 'inactive-warned',
        actAfter: day(92),
        inactiveDays: 85,
      }),
    ]);
  });

  it('keeps unknown activity only for users who hold the product', () => {
    const now = day(10);
    const holder = decideForUser(userAt(now, { activityRefreshedAt: null }), policy, now);
    expect(decisionRowFor('r1', holder, now)?.status).toBe('unknown-activity');
  });
});
