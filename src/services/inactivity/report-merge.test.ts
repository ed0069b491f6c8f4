import { decideForUser, summarizeDecisions } from '../../domain/inactivity';
import { CONFLUENCE, day, heldProduct, testPolicy, userAt } from '../../domain/inactivity/test-builders';
import { mergeReports } from './report-merge';

describe('mergeReports', () => {
  it('adding up page reports gives the report of all users at once', () => {
    const policy = testPolicy();
    const now = day(95);
    const users = [
      userAt(now, { accountId: 'a' }),
      userAt(now, { accountId: 'b', isSiteAdmin: true }),
      userAt(now, {
        accountId: 'c',
        groupIds: ['g-jira', 'g-conf'],
        products: {
          'jira-software': heldProduct({ lastActiveAt: day(90) }),
          [CONFLUENCE]: heldProduct({ licenceGroupIds: ['g-conf'], lastActiveAt: null }),
        },
      }),
      userAt(now, { accountId: 'd', products: {} }),
      userAt(now, {
        accountId: 'e',
        warnings: [{ product: 'jira-software', warnedAt: day(84), actAfter: day(91) }],
      }),
    ];
    const decisions = users.map((u) => decideForUser(u, policy, now));
    const strip = ({ brake: _brake, ...rest }: ReturnType<typeof summarizeDecisions>) => rest;
    const whole = strip(summarizeDecisions(decisions, { policy }));
    const merged = mergeReports(
      strip(summarizeDecisions(decisions.slice(0, 2), { policy })),
      mergeReports(
        strip(summarizeDecisions(decisions.slice(2, 3), { policy })),
        strip(summarizeDecisions(decisions.slice(3), { policy })),
      ),
    );
    expect(merged).toEqual(whole);
    expect(whole.plannedActions.removeLicence).toBeGreaterThan(0);
  });
});
