import { decideForUser, type UserFacts } from '../../domain/inactivity';
import { day, testPolicy, userAt } from '../../domain/inactivity/test-builders';
import type { StoredActivity } from '../../storage/inactivity-user-repository';
import { needsActivityRefresh } from './refresh-rule';

const HOUR = 3_600_000;
const tuning = { refreshAfterMs: 30 * HOUR, decisiveRefreshAfterMs: HOUR };
const policy = testPolicy();

function snapshot(refreshedAt: number): StoredActivity {
  return {
    accountId: 'user-1',
    refreshedAt,
    cloudId: 's',
    addedToOrgAt: day(-400),
    lastActiveOnSite: {},
    orgLastActiveAt: null,
  };
}

function probe(now: number, facts: Partial<UserFacts>) {
  return decideForUser(userAt(now, facts), policy, now);
}

describe('needsActivityRefresh', () => {
  it('never fetches for users whose decision does not depend on activity', () => {
    const now = day(100);
    expect(
      needsActivityRefresh(
        probe(now, { isSiteAdmin: true, activityRefreshedAt: null }),
        undefined,
        now,
        tuning,
      ),
    ).toBe(false);
    expect(
      needsActivityRefresh(probe(now, { products: {}, activityRefreshedAt: null }), undefined, now, tuning),
    ).toBe(false);
  });

  it('fetches when nothing is cached', () => {
    const now = day(10);
    expect(needsActivityRefresh(probe(now, { activityRefreshedAt: null }), undefined, now, tuning)).toBe(
      true,
    );
  });

  it('reuses a recent snapshot for someone it shows as active, until it is older than refreshAfter', () => {
    const now = day(10);
    const fetched = now - 5 * HOUR;
    const decision = probe(now, { activityRefreshedAt: fetched });
    expect(decision.decisions.find((d) => d.product === 'jira-software')?.outcome).toBe('active');
    expect(needsActivityRefresh(decision, snapshot(fetched), now, tuning)).toBe(false);
    const old = now - 31 * HOUR;
    expect(needsActivityRefresh(probe(now, { activityRefreshedAt: old }), snapshot(old), now, tuning)).toBe(
      true,
    );
  });

  it('anyone who could be warned or acted on is decided on data at most an hour old', () => {
    const now = day(85);
    const fetched = now - 2 * HOUR;
    const decision = probe(now, { activityRefreshedAt: fetched });
    expect(decision.decisions.find((d) => d.product === 'jira-software')?.outcome).toBe('warn');
    expect(needsActivityRefresh(decision, snapshot(fetched), now, tuning)).toBe(true);
    const fresh = now - 10 * 60_000;
    expect(
      needsActivityRefresh(probe(now, { activityRefreshedAt: fresh }), snapshot(fresh), now, tuning),
    ).toBe(false);
  });

  it('a warning that fell due gets a fetch whatever the age of the data (the domain waits for it)', () => {
    const now = day(91);
    const fetched = now - 30 * 60_000;
    const warned = { product: 'jira-software', warnedAt: day(83), actAfter: now - 10 * 60_000 };
    const decision = probe(now, { activityRefreshedAt: fetched, warnings: [warned] });
    expect(decision.decisions.find((d) => d.product === 'jira-software')?.reason.code).toBe(
      'awaiting-activity-refresh',
    );
    expect(needsActivityRefresh(decision, snapshot(fetched), now, tuning)).toBe(true);
  });
});
