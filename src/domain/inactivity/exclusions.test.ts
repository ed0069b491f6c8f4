// Exclusions always win: each one stops a user who is otherwise due to be acted on, and clears their warning.
import { decideForUser } from './decide';
import type { ExclusionKind } from './decision';
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

const now = day(90);
const dueWarning: WarningRecord = { product: JIRA, warnedAt: day(83), actAfter: day(90) };

function jiraDecision(facts: Partial<UserFacts>, policy: PolicyOverrides = {}) {
  const user = decideForUser(userAt(now, { warnings: [dueWarning], ...facts }), testPolicy(policy), now);
  const jira = user.decisions.find((decision) => decision.product === JIRA);
  if (!jira) throw new Error('no Jira decision');
  return { user, jira };
}

describe('the baseline', () => {
  it('is a user who would be acted on', () => {
    expect(jiraDecision({}).jira.outcome).toBe('act');
  });
});

describe.each<[string, Partial<UserFacts>, PolicyOverrides, ExclusionKind, string]>([
  ['an org admin', { isOrgAdmin: true }, {}, 'org-admin', 'organization admin'],
  ['a site admin', { isSiteAdmin: true }, {}, 'site-admin', 'site admin'],
  ['an app account', { accountType: 'app' }, {}, 'non-atlassian-account', "account type 'app'"],
  ['a portal customer', { accountType: 'customer' }, {}, 'non-atlassian-account', "account type 'customer'"],
  ['an unknown account type', { accountType: 'robot' }, {}, 'non-atlassian-account', "account type 'robot'"],
  ['a deactivated account', { active: false }, {}, 'inactive-account', 'already deactivated or suspended'],
  [
    'a listed account',
    {},
    { exclusions: { accountIds: ['user-1'] } },
    'excluded-account',
    'on the exclusion list',
  ],
  [
    'a member of an excluded group',
    { groupIds: ['g-jira', 'g-contractors'] },
    { exclusions: { groupIds: ['g-contractors'] } },
    'excluded-group',
    'member of excluded group g-contractors',
  ],
  [
    'a member of an excluded licence group',
    {},
    { exclusions: { groupIds: ['g-jira'] } },
    'excluded-group',
    'member of excluded group g-jira',
  ],
  [
    'a user who joined the org 29 days ago',
    { addedToOrgAt: now - 29 * 86_400_000 },
    {},
    'recently-added-to-org',
    'added to the organization on 2025-03-03 (29 days ago, fewer than 30)',
  ],
  [
    'a user given the product 10 days ago',
    { products: { [JIRA]: heldProduct({ granted: { kind: 'known', at: day(80) } }) } },
    {},
    'recently-added-to-product',
    'given Jira on 2025-03-22 (10 days ago, fewer than 30)',
  ],
])('%s', (_label, facts, policy, kind, description) => {
  it('is excluded, the warning is cleared, and nothing is planned', () => {
    const { user, jira } = jiraDecision(facts, policy);
    expect(jira).toMatchObject({ outcome: 'excluded', warning: 'clear', reason: { code: 'excluded' } });
    expect(jira.outcome === 'excluded' && jira.exclusions.map((e) => e.kind)).toContain(kind);
    expect(jira.reason.message).toContain(description);
    expect(user.actions).toEqual([]);
  });
});

describe('recently added', () => {
  it('ends exactly N days after joining', () => {
    expect(jiraDecision({ addedToOrgAt: now - 30 * 86_400_000 }).jira.outcome).toBe('act');
    expect(jiraDecision({ addedToOrgAt: now - 30 * 86_400_000 + 1 }).jira.outcome).toBe('excluded');
  });

  it('is off when set to 0 days', () => {
    expect(
      jiraDecision({ addedToOrgAt: now - 1 }, { exclusions: { recentlyAddedDays: 0 } }).jira.outcome,
    ).toBe('act');
  });

  it('does not treat an unknown join date as recent', () => {
    expect(jiraDecision({ addedToOrgAt: null }).jira.outcome).toBe('act');
  });

  it('applies per product: a product given recently is left alone, the other is not', () => {
    const user = decideForUser(
      userAt(now, {
        products: {
          [JIRA]: heldProduct(),
          [CONFLUENCE]: heldProduct({
            licenceGroupIds: ['g-conf'],
            granted: { kind: 'known', at: day(85) },
            lastActiveAt: null,
          }),
        },
        warnings: [dueWarning],
      }),
      testPolicy(),
      now,
    );
    expect(user.decisions.map((d) => [d.product, d.outcome])).toEqual([
      [CONFLUENCE, 'excluded'],
      [JIRA, 'act'],
    ]);
  });
});

it('lists every exclusion that applies, not just the first', () => {
  const { jira } = jiraDecision({ isOrgAdmin: true, isSiteAdmin: true, accountType: 'app' });
  expect(jira.reason.facts.exclusions).toEqual(['org-admin', 'site-admin', 'non-atlassian-account']);
});

it('wins over a missing activity fetch, a disabled product and an action already taken', () => {
  const { jira } = jiraDecision(
    {
      isSiteAdmin: true,
      activityRefreshedAt: null,
      actionsThisRun: [{ accountId: 'user-1', action: 'suspend' }],
    },
    { jira: { enabled: false } },
  );
  expect(jira.outcome).toBe('excluded');
});
