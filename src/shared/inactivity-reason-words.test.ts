// The inactivity reasons, brake messages, restore results and policy problem sent as words read, in English, exactly
// as the sentences the backend still sends (audit, CSV, logs): English admins see the same text whichever is shown.
import { inEnglish } from '../../test/support/english';
import deDE from '../locales/de-DE.json';
import { storedPolicyProblem } from '../domain/inactivity/policy-problem';
import { nothingToRestore, restoredSome } from '../services/inactivity/restore-text';
import { lookupIn } from './i18n/catalog-text';
import { createText } from './i18n/text';
import { applyBrake } from '../domain/inactivity/brake';
import { decideForUser } from '../domain/inactivity/decide';
import type { BaselineSource, ProductDecision, ReasonCode } from '../domain/inactivity/decision';
import { EXCLUSION_KINDS } from '../domain/inactivity/decision';
import type { UserFacts, WarningRecord } from '../domain/inactivity/facts';
import type { InactivityAction } from '../domain/inactivity/policy';
import {
  actionPhrase,
  actionWords,
  baselinePhrase,
  baselineWords,
  capitalize,
  policyPhrase,
  policyWords,
} from '../domain/inactivity/reason-text';
import {
  CONFLUENCE,
  JIRA,
  day,
  heldProduct,
  productPolicy,
  testPolicy,
  userAt,
  type PolicyOverrides,
} from '../domain/inactivity/test-builders';
import { HOUR_MS, isoDay } from '../domain/inactivity/time';
import type { Text } from './i18n/text';
import { wordsText } from './words-text';

/**
 * English as the page words it, with days as the backend writes them: the page shows days in the reader's format
 * ("Jan 1, 2025"), which is the one intended difference; every word around them must be the same.
 */
const english: Text = { ...inEnglish, day: isoDay };

/** Every reason code: a scenario below must produce each one (a new code without one fails the last test). */
const CODES: Record<ReasonCode, true> = {
  excluded: true,
  'already-acted-this-run': true,
  'no-access': true,
  'activity-never-fetched': true,
  'activity-stale': true,
  'org-activity-unknown': true,
  'no-activity-baseline': true,
  'activity-older-than-due-date': true,
  'active-within-threshold': true,
  'never-active-within-threshold': true,
  'inactive-warned': true,
  'grace-period': true,
  'awaiting-activity-refresh': true,
  'active-since-warning': true,
  'no-longer-due': true,
  'product-disabled': true,
  'policy-no-longer-acts': true,
  'inactive-past-threshold': true,
  'shared-licence-group': true,
  'no-licence-group': true,
};

const warned: WarningRecord = { product: JIRA, warnedAt: day(83), actAfter: day(90) };
const notGiven = { kind: 'not-since', since: day(-400) } as const;

/** Each scenario: when, the user's facts, the policy; every decision it makes is checked. */
const SCENARIOS: Record<string, [number, Partial<UserFacts>, PolicyOverrides?]> = {
  'active, within the threshold': [day(82), {}],
  'warned now': [day(83), {}],
  'in the grace period': [day(85), { warnings: [warned] }],
  'due after the warning': [day(90), { warnings: [warned] }],
  'waiting for data covering the grace period': [
    day(91),
    { warnings: [warned], activityRefreshedAt: day(89) },
  ],
  'active since the warning': [
    day(86),
    { warnings: [warned], products: { [JIRA]: heldProduct({ lastActiveAt: day(85) }) } },
  ],
  'no longer due after the threshold grew': [
    day(90),
    { warnings: [warned] },
    { jira: { inactiveAfterDays: 200 } },
  ],
  'never fetched': [day(90), { activityRefreshedAt: null }],
  'stale data': [day(90), { activityRefreshedAt: day(90) - 50 * HOUR_MS }],
  'stale by one hour more than allowed': [
    day(90),
    { activityRefreshedAt: day(90) - HOUR_MS - 1 },
    { activityMaxAgeHours: 0 },
  ],
  'suspend without org-wide activity': [day(90), {}, { jira: { action: 'suspend' } }],
  'suspend with org-wide activity': [day(90), { orgLastActiveAt: day(1) }, { jira: { action: 'suspend' } }],
  'report only, past the threshold': [day(90), {}, { jira: { action: 'report', warnDaysBefore: 0 } }],
  'never used, nothing known': [
    day(90),
    { addedToOrgAt: null, products: { [JIRA]: heldProduct({ lastActiveAt: null, granted: notGiven }) } },
  ],
  'never used, counted from the grant': [
    day(0),
    { products: { [JIRA]: heldProduct({ lastActiveAt: null, granted: { kind: 'known', at: day(-40) } }) } },
  ],
  'never used, counted from joining': [
    day(0),
    { addedToOrgAt: day(-40), products: { [JIRA]: heldProduct({ lastActiveAt: null, granted: notGiven }) } },
  ],
  'given the product again': [
    day(95),
    { products: { [JIRA]: heldProduct({ granted: { kind: 'known', at: day(10) } }) } },
  ],
  'due without warning, data too old': [
    day(90),
    { activityRefreshedAt: day(89) },
    { jira: { warnDaysBefore: 0 } },
  ],
  'due without warning': [day(90), {}, { jira: { warnDaysBefore: 0 } }],
  'already removed in this run': [
    day(90),
    {
      actionsThisRun: [{ accountId: 'user-1', product: JIRA, action: 'remove-licence', removedGroupIds: [] }],
    },
  ],
  'already suspended in this run': [
    day(90),
    { actionsThisRun: [{ accountId: 'user-1', action: 'suspend' }] },
  ],
  'product turned off after the warning': [day(85), { warnings: [warned] }, { jira: { enabled: false } }],
  'report-only after the warning': [day(85), { warnings: [warned] }, { jira: { action: 'report' } }],
  'every exclusion of the user': [
    day(90),
    {
      isOrgAdmin: true,
      isSiteAdmin: true,
      accountType: 'app',
      active: false,
      groupIds: ['g-jira', 'vip'],
      addedToOrgAt: day(80),
    },
    { exclusions: { accountIds: ['user-1'], groupIds: ['vip'] } },
  ],
  'recently given the product': [
    day(90),
    { products: { [JIRA]: heldProduct({ granted: { kind: 'known', at: day(89) } }) } },
  ],
  'grant date unknown': [
    day(90),
    {
      products: { [JIRA]: heldProduct({ granted: { kind: 'unknown', why: 'the audit log was not read' } }) },
    },
  ],
  'history shorter than the recent window': [
    day(90),
    { products: { [JIRA]: heldProduct({ granted: { kind: 'not-since', since: day(89) } }) } },
  ],
  'history shorter than the threshold': [
    day(90),
    { products: { [JIRA]: heldProduct({ granted: { kind: 'not-since', since: day(40) } }) } },
  ],
  'never used, ignored by the policy': [
    day(90),
    { products: { [JIRA]: heldProduct({ lastActiveAt: null }) } },
    { jira: { neverActive: 'ignore' } },
  ],
  'no group to remove': [
    day(90),
    { products: { [JIRA]: heldProduct({ licenceGroupIds: [] }) } },
    { jira: { warnDaysBefore: 0 } },
  ],
  'a licence group Confluence shares': [
    day(90),
    {
      products: {
        [JIRA]: heldProduct({ licenceGroupIds: ['g-both'] }),
        [CONFLUENCE]: heldProduct({ licenceGroupIds: ['g-both'], lastActiveAt: day(89) }),
      },
    },
    { jira: { warnDaysBefore: 0 } },
  ],
};

const decided: Array<[string, ProductDecision]> = Object.entries(SCENARIOS).flatMap(
  ([name, [now, facts, policy]]) =>
    decideForUser(userAt(now, facts), testPolicy(policy), now).decisions.map(
      (decision): [string, ProductDecision] => [`${name}: ${decision.product}`, decision],
    ),
);

describe('decision reasons worded from their keys', () => {
  it.each(decided)('%s reads as the backend sentence', (_name, decision) => {
    expect(wordsText(english, decision.reason.words)).toBe(decision.reason.message);
  });

  it('covers every reason code and every exclusion', () => {
    const codes = new Set(decided.map(([, d]) => d.reason.code));
    expect(Object.keys(CODES).filter((code) => !codes.has(code as ReasonCode))).toEqual([]);
    const kinds = new Set(
      decided.flatMap(([, d]) => (d.outcome === 'excluded' ? d.exclusions : [])).map((e) => e.kind),
    );
    expect(EXCLUSION_KINDS.filter((kind) => !kinds.has(kind))).toEqual([]);
  });
});

describe('the phrases inside the reasons', () => {
  const SOURCES: BaselineSource[] = [
    'last-active',
    'last-active-in-org',
    'given-again',
    'added-to-product',
    'added-to-org',
  ];
  it.each(SOURCES.flatMap((source) => [[source, null] as const, [source, day(3)] as const]))(
    'where the clock started (%s, last active %s)',
    (source, lastActiveAt) => {
      const said = baselineWords(source, day(5), 'Jira', day(100), lastActiveAt);
      expect(wordsText(english, said)).toBe(
        capitalize(baselinePhrase(source, day(5), 'Jira', day(100), lastActiveAt)),
      );
    },
  );

  it.each<InactivityAction>(['remove-licence', 'suspend', 'report'])(
    'the action %s, and its policy',
    (action) => {
      expect(wordsText(english, actionWords(action, 'Confluence'))).toBe(actionPhrase(action, 'Confluence'));
      for (const policy of [
        productPolicy({ action }),
        productPolicy({ action, warnDaysBefore: 0 }),
        productPolicy({ action, inactiveAfterDays: 1, warnDaysBefore: 0 }),
        productPolicy({ action, inactiveAfterDays: 2, warnDaysBefore: 1 }),
      ])
        expect(wordsText(english, policyWords(policy))).toBe(policyPhrase(policy));
    },
  );
});

describe('safety-brake messages worded from their keys', () => {
  const user = (n: number) =>
    decideForUser(
      userAt(day(90), { accountId: `user-${n}` }),
      testPolicy({ jira: { warnDaysBefore: 0 } }),
      day(90),
    );
  const five = [1, 2, 3, 4, 5].map(user);
  it.each([
    ['too many actions', { maxActionsPerRun: 2, maxPercentOfLicensed: 100 }, 100],
    ['too many users', { maxActionsPerRun: 50, maxPercentOfLicensed: 3 }, 150],
    ['both limits', { maxActionsPerRun: 1, maxPercentOfLicensed: 1 }, 7],
    ['no licensed users counted', { maxActionsPerRun: 50, maxPercentOfLicensed: 5 }, 0],
  ] as const)('%s', (_name, brake, licensedUserCount) => {
    const result = applyBrake(five, { licensedUserCount, policy: testPolicy({ brake }) });
    if (result.status !== 'held-for-review') throw new Error('the brake should hold this run');
    expect(wordsText(english, result.reason.words)).toBe(result.reason.message);
  });
});

describe('restore results and the stored policy problem worded from their keys', () => {
  // Run names are written by src/shared/run-names.ts in this form; the page shows the reader's format instead.
  const runWhen = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  const withRunTimes: Text = { ...english, when: (ms) => `${runWhen.format(new Date(ms ?? 0))} UTC` };
  const german = createText(lookupIn(deDE), 'de-DE', 'UTC');

  it.each([
    ['nothing, in a run', nothingToRestore('acc-1', '20261216T150749816Z-live')],
    ['nothing, in a dry run', nothingToRestore('acc-1', '20261216T150749816Z-dry')],
    ['nothing, in a run without a time', nothingToRestore('acc-1', 'legacy-run')],
    ['nothing, in any run', nothingToRestore('acc-1')],
    ['some restored', restoredSome('acc-1', 1, 2)],
    [
      'the stored policy',
      (({ problem, problemWords }) => ({ message: problem, words: problemWords }))(
        storedPolicyProblem([
          { path: 'policy.brake', message: 'brake is required' },
          { path: 'policy.products', message: 'products must be an object' },
        ]),
      ),
    ],
  ])('%s', (_name, said) => {
    expect(wordsText(withRunTimes, said.words)).toBe(said.message);
  });

  it('reads in German, with the run time in German', () => {
    expect(wordsText(german, nothingToRestore('acc-1', '20261216T150749816Z-live').words)).toBe(
      'Für acc-1 gibt es im Lauf vom 16. Dez. 2026, 15:07 UTC nichts wiederherzustellen: Die App hat keine Entfernung oder Sperrung dieses Benutzers erfasst, die nicht bereits rückgängig gemacht wurde.',
    );
    expect(wordsText(german, restoredSome('acc-1', 1, 2).words)).toBe(
      '1 von 2 erfassten Änderungen für acc-1 wiederhergestellt.',
    );
  });
});
