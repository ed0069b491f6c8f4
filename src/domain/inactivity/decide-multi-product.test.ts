// Users holding several products: only the inactive product's seat is freed, shared groups and suspension are safe.
import { decideForUser } from './decide';
import type { ProductDecision, UserDecision } from './decision';
import type { ProductFacts, UserFacts, WarningRecord } from './facts';
import {
  CONFLUENCE,
  JIRA,
  day,
  heldProduct,
  testPolicy,
  userAt,
  type PolicyOverrides,
} from './test-builders';

const SERVICE_DESK = 'jira-servicedesk';

function decide(now: number, facts: Partial<UserFacts>, policy: PolicyOverrides = {}): UserDecision {
  return decideForUser(userAt(now, facts), testPolicy(policy), now);
}

function outcomes(user: UserDecision): Record<string, string> {
  return Object.fromEntries(user.decisions.map((d) => [d.product, d.outcome]));
}

function decisionFor(user: UserDecision, product: string): ProductDecision {
  const found = user.decisions.find((decision) => decision.product === product);
  if (!found) throw new Error(`no decision for ${product}`);
  return found;
}

const warned = (product: string): WarningRecord => ({ product, warnedAt: day(83), actAfter: day(90) });
const jiraInactive = heldProduct({ licenceGroupIds: ['g-jira'], lastActiveAt: day(0) });
const confluenceActive = heldProduct({ licenceGroupIds: ['g-conf'], lastActiveAt: day(80) });

describe('a user holding Jira and Confluence', () => {
  it('frees only the Jira seat when only Jira is unused', () => {
    const user = decide(day(90), {
      groupIds: ['g-jira', 'g-conf'],
      products: { [JIRA]: jiraInactive, [CONFLUENCE]: confluenceActive },
      warnings: [warned(JIRA)],
    });
    expect(outcomes(user)).toEqual({ [JIRA]: 'act', [CONFLUENCE]: 'active' });
    expect(user.actions).toEqual([
      { kind: 'remove-licence', accountId: 'user-1', product: JIRA, groupIds: ['g-jira'] },
    ]);
  });

  it('removes each product through its own groups when both are unused', () => {
    const user = decide(day(90), {
      products: {
        [JIRA]: jiraInactive,
        [CONFLUENCE]: heldProduct({ licenceGroupIds: ['g-conf', 'g-conf-2'] }),
      },
      warnings: [warned(JIRA), warned(CONFLUENCE)],
    });
    expect(user.actions).toEqual([
      { kind: 'remove-licence', accountId: 'user-1', product: CONFLUENCE, groupIds: ['g-conf', 'g-conf-2'] },
      { kind: 'remove-licence', accountId: 'user-1', product: JIRA, groupIds: ['g-jira'] },
    ]);
  });
});

describe('a licence group that grants more than one product', () => {
  const shared = (lastActive: Partial<Record<string, number>>): Record<string, ProductFacts> => ({
    [JIRA]: heldProduct({ licenceGroupIds: ['g-jira', 'g-both'], lastActiveAt: lastActive[JIRA] ?? day(0) }),
    [CONFLUENCE]: heldProduct({
      licenceGroupIds: ['g-both'],
      lastActiveAt: lastActive[CONFLUENCE] ?? day(0),
    }),
  });

  it('blocks the removal when the other product is still in use, naming the group and product', () => {
    const user = decide(day(90), { products: shared({ [CONFLUENCE]: day(80) }), warnings: [warned(JIRA)] });
    const jira = decisionFor(user, JIRA);
    expect(jira).toMatchObject({
      outcome: 'blocked',
      warning: 'keep',
      reason: { code: 'shared-licence-group', facts: { groupIds: ['g-both'], otherProducts: [CONFLUENCE] } },
    });
    expect(jira.reason.message).toContain(
      'licence group g-both also grants confluence, which the user keeps',
    );
    expect(user.actions).toEqual([]);
  });

  it('blocks it while the other product is only in its grace period', () => {
    const user = decide(day(90), {
      products: shared({}),
      warnings: [warned(JIRA), { product: CONFLUENCE, warnedAt: day(85), actAfter: day(92) }],
    });
    expect(outcomes(user)).toEqual({ [JIRA]: 'blocked', [CONFLUENCE]: 'still-in-grace' });
    expect(user.actions).toEqual([]);
  });

  it('removes the shared group when every product it grants is being removed now', () => {
    const user = decide(day(90), { products: shared({}), warnings: [warned(JIRA), warned(CONFLUENCE)] });
    expect(outcomes(user)).toEqual({ [JIRA]: 'act', [CONFLUENCE]: 'act' });
    expect(user.actions.map((a) => a.kind === 'remove-licence' && a.groupIds)).toEqual([
      ['g-both'],
      ['g-jira', 'g-both'],
    ]);
  });

  it('blocks it when the group also grants a product the policy does not cover', () => {
    const user = decide(day(90), {
      products: {
        [JIRA]: heldProduct({ licenceGroupIds: ['g-all'] }),
        [SERVICE_DESK]: heldProduct({ licenceGroupIds: ['g-all'] }),
      },
      warnings: [warned(JIRA)],
    });
    expect(decisionFor(user, JIRA)).toMatchObject({
      outcome: 'blocked',
      reason: { facts: { otherProducts: [SERVICE_DESK] } },
    });
  });

  it('cascades: a blocked removal keeps its groups, which can block a removal that shared them', () => {
    // Confluence is due but shares g-x with Service Desk (in use); Jira is due but shares g-y with Confluence.
    const user = decide(day(90), {
      products: {
        [JIRA]: heldProduct({ licenceGroupIds: ['g-y'] }),
        [CONFLUENCE]: heldProduct({ licenceGroupIds: ['g-x', 'g-y'] }),
        [SERVICE_DESK]: heldProduct({ licenceGroupIds: ['g-x'], lastActiveAt: day(89) }),
      },
      warnings: [warned(JIRA), warned(CONFLUENCE)],
    });
    expect(outcomes(user)).toEqual({ [JIRA]: 'blocked', [CONFLUENCE]: 'blocked' });
    expect(user.actions).toEqual([]);
  });

  it('blocks a removal when the user holds the product through no group at all', () => {
    const user = decide(day(90), {
      products: { [JIRA]: heldProduct({ licenceGroupIds: [] }) },
      warnings: [warned(JIRA)],
    });
    expect(decisionFor(user, JIRA)).toMatchObject({
      outcome: 'blocked',
      reason: { code: 'no-licence-group' },
    });
  });
});

describe('suspension, which is org-wide', () => {
  const suspendJira: PolicyOverrides = { jira: { action: 'suspend' } };

  it('counts activity in another product as activity', () => {
    const user = decide(
      day(90),
      { products: { [JIRA]: jiraInactive, [CONFLUENCE]: confluenceActive }, orgLastActiveAt: day(80) },
      suspendJira,
    );
    expect(decisionFor(user, JIRA)).toMatchObject({
      outcome: 'active',
      reason: { facts: { baselineSource: 'last-active-in-org', baselineAt: day(80) } },
    });
  });

  it('counts activity on another site of the org as activity, and cancels the warning', () => {
    const user = decide(day(90), { orgLastActiveAt: day(86), warnings: [warned(JIRA)] }, suspendJira);
    expect(decisionFor(user, JIRA)).toMatchObject({
      outcome: 'cancel-warning',
      reason: { code: 'active-since-warning' },
    });
  });

  it('suspends nobody when organization-wide activity was not gathered', () => {
    const user = decide(day(90), { warnings: [warned(JIRA)] }, suspendJira);
    expect(decisionFor(user, JIRA)).toMatchObject({
      outcome: 'unknown-activity',
      reason: { code: 'org-activity-unknown' },
    });
    expect(user.actions).toEqual([]);
  });

  it('plans one suspension for a user due on two products', () => {
    const user = decide(
      day(90),
      {
        products: { [JIRA]: jiraInactive, [CONFLUENCE]: heldProduct({ licenceGroupIds: ['g-conf'] }) },
        orgLastActiveAt: day(0),
        warnings: [warned(JIRA), warned(CONFLUENCE)],
      },
      { jira: { action: 'suspend' }, confluence: { action: 'suspend' } },
    );
    expect(outcomes(user)).toEqual({ [JIRA]: 'act', [CONFLUENCE]: 'act' });
    expect(user.actions).toEqual([{ kind: 'suspend', accountId: 'user-1', products: [CONFLUENCE, JIRA] }]);
  });
});

describe('activity on another site', () => {
  it('does not count for licence removal: only this site’s product activity is given and used', () => {
    const user = decide(day(90), { orgLastActiveAt: day(89), warnings: [warned(JIRA)] });
    expect(decisionFor(user, JIRA).outcome).toBe('act');
  });
});
