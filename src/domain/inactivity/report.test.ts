// Reports: counts per product and outcome, seats freed, the inactivity histogram, and flat rows for the table.
import { decideForUser } from './decide';
import type { UserDecision } from './decision';
import type { UserFacts } from './facts';
import { inactivityBucket, reportRows, summarizeDecisions } from './report';
import {
  CONFLUENCE,
  JIRA,
  day,
  heldProduct,
  testPolicy,
  userAt,
  type PolicyOverrides,
} from './test-builders';

const now = day(90);

function users(list: [string, Partial<UserFacts>][], policy: PolicyOverrides = {}): UserDecision[] {
  return list.map(([accountId, facts]) =>
    decideForUser(userAt(now, { accountId, ...facts }), testPolicy(policy), now),
  );
}

const due = { warnings: [{ product: JIRA, warnedAt: day(83), actAfter: day(90) }] };
const lastActive = (dayNumber: number | null) => ({
  products: { [JIRA]: heldProduct({ lastActiveAt: dayNumber === null ? null : day(dayNumber) }) },
});

describe('inactivityBucket', () => {
  it.each<[number | null, string, string]>([
    [0, 'known', '0-30'],
    [30, 'known', '0-30'],
    [31, 'known', '31-60'],
    [60, 'known', '31-60'],
    [61, 'known', '61-90'],
    [90, 'known', '61-90'],
    [91, 'known', '91-180'],
    [180, 'known', '91-180'],
    [181, 'known', '181+'],
    [null, 'never', 'never'],
    [null, 'unknown', 'unknown'],
  ])('%p days (%s) is %s', (inactiveDays, status, bucket) => {
    expect(
      inactivityBucket({ holdsProduct: true, status: status as 'known', lastActiveAt: 0, inactiveDays }),
    ).toBe(bucket);
  });
});

describe('summarizeDecisions', () => {
  it('counts outcomes, exclusions, seats freed and inactivity per product', () => {
    const decisions = users([
      ['due', due],
      ['warn', lastActive(5)],
      ['recent', lastActive(80)],
      ['admin', { isSiteAdmin: true, ...due }],
      ['never', lastActive(null)],
      [
        'both',
        {
          products: {
            [JIRA]: heldProduct({ lastActiveAt: day(89) }),
            [CONFLUENCE]: heldProduct({ licenceGroupIds: ['g-conf'], lastActiveAt: day(-200) }),
          },
        },
      ],
    ]);
    const report = summarizeDecisions(decisions, { policy: testPolicy(), licensedUserCount: 100 });
    const jira = report.products.find((p) => p.product === JIRA);
    const confluence = report.products.find((p) => p.product === CONFLUENCE);
    expect(report.users).toBe(6);
    expect(jira?.outcomes).toMatchObject({ act: 1, warn: 2, active: 2, excluded: 1 });
    expect(jira?.exclusions['site-admin']).toBe(1);
    expect(jira?.seatsFreed).toBe(1);
    expect(jira?.histogram).toEqual({
      '0-30': 2,
      '31-60': 0,
      '61-90': 3,
      '91-180': 0,
      '181+': 0,
      never: 1,
      unknown: 0,
    });
    expect(confluence?.outcomes).toMatchObject({ warn: 1, 'no-access': 4, excluded: 1 });
    expect(confluence?.histogram['181+']).toBe(1);
    expect(confluence?.displayName).toBe('Confluence');
    expect(report.plannedActions).toEqual({ removeLicence: 1, suspend: 0, affectedUsers: 1 });
    expect(report.totals.act).toBe(1);
    expect(report.brake?.status).toBe('allowed');
  });

  it('counts every seat a suspension frees, and report-only candidates separately', () => {
    const suspended = users(
      [
        [
          'dormant',
          {
            products: { [JIRA]: heldProduct(), [CONFLUENCE]: heldProduct({ licenceGroupIds: ['g-conf'] }) },
            orgLastActiveAt: day(0),
            warnings: [{ product: JIRA, warnedAt: day(83), actAfter: day(90) }],
          },
        ],
      ],
      { jira: { action: 'suspend' }, confluence: { action: 'report' } },
    );
    const report = summarizeDecisions(suspended, { policy: testPolicy() });
    expect(report.products.map((p) => [p.product, p.seatsFreed, p.reportOnlyInactive])).toEqual([
      [CONFLUENCE, 1, 1],
      [JIRA, 1, 0],
    ]);
    expect(report.plannedActions.suspend).toBe(1);
    expect(report.brake).toBeNull();
  });

  it('shows that a dry run would be held by the brake', () => {
    const many = users(Array.from({ length: 3 }, (_, i) => [`u${i}`, due] as [string, Partial<UserFacts>]));
    const report = summarizeDecisions(many, {
      policy: testPolicy({ brake: { maxActionsPerRun: 2 } }),
      licensedUserCount: 10,
    });
    expect(report.brake?.status).toBe('held-for-review');
  });
});

describe('reportRows', () => {
  it('gives one row per user and product with the reason and the dates', () => {
    const rows = reportRows(users([['due', due]]), testPolicy());
    expect(rows).toEqual([
      expect.objectContaining({
        accountId: 'due',
        product: CONFLUENCE,
        productName: 'Confluence',
        outcome: 'no-access',
      }),
      expect.objectContaining({
        accountId: 'due',
        product: JIRA,
        productName: 'Jira',
        outcome: 'act',
        code: 'inactive-past-threshold',
        lastActiveAt: day(0),
        inactiveDays: 90,
        actAfter: day(90),
      }),
    ]);
  });
});

it('leaves the due date out of rows whose warning was cancelled', () => {
  const rows = reportRows(
    users([['back', { ...due, products: { [JIRA]: heldProduct({ lastActiveAt: day(88) }) } }]]),
    testPolicy(),
  );
  expect(rows.find((row) => row.product === JIRA)).toMatchObject({
    outcome: 'cancel-warning',
    actAfter: null,
  });
});
