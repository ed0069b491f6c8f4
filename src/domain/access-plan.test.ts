// planAccess: union of matching grants, ledger-only removals, exclusive sets, settling, determinism, idempotence.

import fc from 'fast-check';
import {
  freezeRules,
  planAccess,
  type AccessPlan,
  type LedgerEntry,
  type PlanAccessInput,
  type Denial,
} from './access-plan';
import { grantKey, type ExclusiveSet, type Grant, type Rule, type UserAttributes } from './rules';

const group = (id: string, name = id): Grant => ({ kind: 'group', groupId: id, groupName: name });
const role = (projectId: string, roleId: string): Grant => ({
  kind: 'projectRole',
  projectId,
  projectKey: `P${projectId}`,
  roleId,
  roleName: `Role ${roleId}`,
});

function rule(id: string, condition: string, grants: Grant[], patch: Partial<Rule> = {}): Rule {
  return {
    id,
    name: `Rule ${id}`,
    description: '',
    enabled: true,
    priority: 10,
    condition: { text: condition, dialect: 'entra' },
    grants,
    onUnmatch: 'revoke',
    ...patch,
  };
}

const sales: UserAttributes = {
  accountId: 'u-1',
  department: 'Sales',
  jobTitle: 'Engineer',
  groups: ['staff'],
};
const entry = (grant: Grant, ruleId: string): LedgerEntry => ({
  grantKey: grantKey(grant),
  ruleId,
  grantedAt: '2025-01-01T00:00:00Z',
  grant,
});
const keys = (planned: AccessPlan['add']) => planned.map((p) => p.grantKey);

function plan(input: Partial<PlanAccessInput> & Pick<PlanAccessInput, 'rules'>): AccessPlan {
  return planAccess({ user: sales, current: [], ledger: [], ...input });
}

describe('planAccess: who is planned', () => {
  it('gives app accounts an empty plan with the reason', () => {
    const result = plan({
      user: { ...sales, accountType: 'app' },
      rules: [rule('a', 'user.accountId -ne null', [group('g')])],
    });
    expect(result).toEqual({
      add: [],
      remove: [],
      unchanged: [],
      withheld: [],
      denialBases: [],
      reasons: ['u-1 is an app account; app accounts are never given or denied access by rules'],
      matchedRuleIds: [],
      settled: true,
      skipped: 'app-account',
    });
  });

  it('gives inactive users an empty plan with the reason, even with ledger grants', () => {
    const g = group('g');
    const result = plan({
      user: { ...sales, active: false },
      rules: [rule('a', 'user.department -eq "x"', [g])],
      current: [grantKey(g)],
      ledger: [entry(g, 'a')],
    });
    expect(result.skipped).toBe('inactive');
    expect([result.add, result.remove, result.unchanged]).toEqual([[], [], []]);
    expect(result.reasons).toEqual([
      'u-1 is inactive; access of inactive users is left to the inactivity policy',
    ]);
  });

  it('plans users whose active flag is unknown', () => {
    expect(
      plan({
        user: { accountId: 'u-2', department: 'Sales' },
        rules: [rule('a', 'user.department -eq "sales"', [group('g')])],
      }).add,
    ).toHaveLength(1);
  });
});

describe('planAccess: adding', () => {
  it('grants the union of every matching enabled rule, justified in priority order', () => {
    const jira = group('jira', 'jira-users');
    const conf = group('conf', 'confluence-users');
    const dev = role('10000', '10002');
    const result = plan({
      rules: [
        rule('low', 'user.jobTitle -startsWith "eng"', [jira, dev], { priority: 50 }),
        rule('high', 'user.department -eq "Sales"', [jira, conf], { priority: 1 }),
        rule('off', 'user.department -eq "Sales"', [group('never')], { enabled: false }),
        rule('miss', 'user.department -eq "Legal"', [group('legal')]),
      ],
      current: [grantKey(conf)],
    });
    expect(result.matchedRuleIds).toEqual(['high', 'low']);
    expect(result.add).toEqual([
      {
        grantKey: 'group:jira',
        grant: jira,
        ruleIds: ['high', 'low'],
        reason: 'Granted by rule "Rule high" and 1 more',
        basis: { department: 'Sales', jobTitle: 'Engineer' },
      },
      {
        grantKey: 'role:10000:10002',
        grant: dev,
        ruleIds: ['low'],
        reason: 'Granted by rule "Rule low"',
        basis: { jobTitle: 'Engineer' },
      },
    ]);
    expect(result.unchanged).toEqual([
      {
        grantKey: 'group:conf',
        grant: conf,
        ruleIds: ['high'],
        reason: 'Already held; justified by rule "Rule high"',
      },
    ]);
    expect(result.remove).toEqual([]);
    expect(result.reasons).toEqual([
      'Matches rule "Rule high", priority 1',
      'Matches rule "Rule low", priority 50',
    ]);
    expect(result.settled).toBe(true);
  });

  it('breaks priority ties by rule id', () => {
    const result = plan({
      rules: [
        rule('b', 'user.department -eq "Sales"', [group('g')]),
        rule('a', 'user.department -eq "Sales"', [group('g')]),
      ],
    });
    expect(result.matchedRuleIds).toEqual(['a', 'b']);
    expect(result.add[0]!.ruleIds).toEqual(['a', 'b']);
  });

  it('says so when nothing matches', () => {
    const result = plan({ rules: [rule('a', 'user.department -eq "HR"', [group('g')])] });
    expect(result.reasons).toEqual(['No enabled rule matches this user']);
  });

  it('skips a rule whose condition no longer parses, saying why', () => {
    const result = plan({ rules: [rule('bad', 'user.departmnet -eq "Sales"', [group('g')])] });
    expect(result.add).toEqual([]);
    expect(result.reasons).toEqual([
      'Skipped rule "Rule bad": its condition does not parse (Line 1, column 1: Unknown attribute "user.departmnet" — did you mean "user.department"?)',
      'No enabled rule matches this user',
    ]);
  });

  it('re-adds a ledger grant the user lost, while its rule still matches', () => {
    const g = group('g');
    const result = plan({ rules: [rule('a', 'user.department -eq "Sales"', [g])], ledger: [entry(g, 'a')] });
    expect(keys(result.add)).toEqual(['group:g']);
  });

  it('reads Okta conditions too', () => {
    const okta = rule('o', 'String.startsWith(user.title, "Eng")', [group('g')], {
      condition: { text: 'String.startsWith(user.title, "Eng")', dialect: 'okta' },
    });
    expect(keys(plan({ rules: [okta] }).add)).toEqual(['group:g']);
  });
});

describe('planAccess: removing', () => {
  const g = group('g', 'granted');
  const held = { current: [grantKey(g)], ledger: [entry(g, 'a')] };

  it('removes a ledger grant whose revoke rule stopped matching', () => {
    const result = plan({ rules: [rule('a', 'user.department -eq "Legal"', [g])], ...held });
    expect(result.remove).toEqual([
      {
        grantKey: 'group:g',
        grant: g,
        ruleIds: ['a'],
        reason: 'Rule "Rule a" no longer matches and is set to revoke',
      },
    ]);
  });

  it('removes a ledger grant its rule no longer lists, when set to revoke', () => {
    const result = plan({ rules: [rule('a', 'user.department -eq "Sales"', [group('other')])], ...held });
    expect(result.remove.map((p) => p.reason)).toEqual([
      'Rule "Rule a" still matches but no longer grants this and is set to revoke',
    ]);
  });

  it.each([
    [
      'keep',
      [rule('a', 'user.department -eq "Legal"', [g], { onUnmatch: 'keep' })],
      'Kept: rule "Rule a" no longer matches and is set to keep',
    ],
    [
      'disabled',
      [rule('a', 'user.department -eq "Legal"', [g], { enabled: false })],
      'Kept: rule "Rule a" is disabled; disabling pauses a rule, it does not revoke',
    ],
    ['deleted', [], 'Kept: rule a was deleted; grants of deleted rules are kept'],
    [
      'unparsable',
      [rule('a', 'user.department -eq', [g])],
      'Kept: rule "Rule a" has a condition that does not parse',
    ],
  ])('keeps a ledger grant when its rule is %s', (_, rules, reason) => {
    const result = plan({ rules, ...held });
    expect(result.remove).toEqual([]);
    expect(result.unchanged).toEqual([{ grantKey: 'group:g', grant: g, ruleIds: ['a'], reason }]);
  });

  it('never removes a grant someone made by hand (not in the ledger)', () => {
    const result = plan({ rules: [rule('a', 'user.department -eq "Legal"', [g])], current: [grantKey(g)] });
    expect(result.remove).toEqual([]);
    expect(result.unchanged).toEqual([]);
  });

  it('does not remove what the user no longer holds', () => {
    const result = plan({ rules: [rule('a', 'user.department -eq "Legal"', [g])], ledger: [entry(g, 'a')] });
    expect(result.remove).toEqual([]);
  });

  it('keeps a grant if any of several ledger entries says keep', () => {
    const result = plan({
      rules: [
        rule('a', 'user.department -eq "Legal"', [g]),
        rule('b', 'user.department -eq "Legal"', [g], { onUnmatch: 'keep' }),
      ],
      current: [grantKey(g)],
      ledger: [entry(g, 'b'), entry(g, 'a')],
    });
    expect(result.remove).toEqual([]);
    expect(result.unchanged[0]!.ruleIds).toEqual(['a', 'b']);
  });

  it('describes grants no rule mentions any more by their ids', () => {
    const result = plan({
      rules: [rule('a', 'user.department -eq "Legal"', [group('x')])],
      current: ['role:7:8'],
      ledger: [{ grantKey: 'role:7:8', ruleId: 'a', grantedAt: 1 }],
    });
    expect(result.remove[0]!.grant).toEqual({
      kind: 'projectRole',
      projectId: '7',
      projectKey: '7',
      roleId: '8',
      roleName: '8',
    });
  });
});

describe('planAccess: exclusive sets', () => {
  const gold = group('gold', 'Gold');
  const silver = group('silver', 'Silver');
  const tiers: ExclusiveSet = { id: 'tiers', name: 'Licence tiers', groupIds: ['gold', 'silver'] };
  const rules = [
    rule('everyone', 'user.accountId -ne null', [silver], { priority: 20 }),
    rule('engineers', 'user.jobTitle -eq "Engineer"', [gold], { priority: 5 }),
  ];

  it('grants only the group of the highest-priority matching rule', () => {
    const result = plan({ rules, exclusiveSets: [tiers] });
    expect(keys(result.add)).toEqual(['group:gold']);
    expect(result.reasons).toContain(
      'Exclusive set "Licence tiers": group "Gold" from rule "Rule engineers" wins over group "Silver" from rule "Rule everyone"',
    );
  });

  it('without the set, grants both', () => {
    expect(keys(plan({ rules }).add)).toEqual(['group:gold', 'group:silver']);
  });

  it('removes the losing group the app granted earlier, whatever its rule says', () => {
    const result = plan({
      rules: rules.map((r) => ({ ...r, onUnmatch: 'keep' as const })),
      exclusiveSets: [tiers],
      current: [grantKey(silver)],
      ledger: [entry(silver, 'everyone')],
    });
    expect(result.remove).toEqual([
      {
        grantKey: 'group:silver',
        grant: silver,
        ruleIds: ['everyone'],
        reason:
          'Exclusive set "Licence tiers": the user gets group "Gold" from rule "Rule engineers" instead',
      },
    ]);
  });

  it('leaves a group of the set held by hand, and says so', () => {
    const result = plan({ rules, exclusiveSets: [tiers], current: [grantKey(silver)] });
    expect(result.remove).toEqual([]);
    expect(result.reasons).toContain(
      'Exclusive set "Licence tiers": the user also holds group "Silver", which this app did not grant; it is left as is',
    );
  });
});

describe('planAccess: rules that read user.groups', () => {
  it('follows chains to the end in one plan', () => {
    const result = plan({
      rules: [
        rule('a', 'user.department -eq "Sales"', [group('g1', 'sales-all')]),
        rule('b', 'user.groups -any (_ -eq "SALES-ALL")', [group('g2', 'sales-tools')]),
        rule('c', 'user.groups -any (_ -eq "sales-tools")', [role('1', '2')]),
      ],
    });
    expect(keys(result.add)).toEqual(['group:g1', 'group:g2', 'role:1:2']);
    expect(result.settled).toBe(true);
  });

  it('follows removals through chains too', () => {
    const g1 = group('g1', 'sales-all');
    const g2 = group('g2', 'sales-tools');
    const result = plan({
      user: { ...sales, department: 'HR', groups: ['sales-all', 'sales-tools'] },
      rules: [
        rule('a', 'user.department -eq "Sales"', [g1]),
        rule('b', 'user.groups -any (_ -eq "sales-all")', [g2]),
      ],
      current: [grantKey(g1), grantKey(g2)],
      ledger: [entry(g1, 'a'), entry(g2, 'b')],
    });
    expect(keys(result.remove)).toEqual(['group:g1', 'group:g2']);
  });

  it('reports rules that never settle and plans from the present groups', () => {
    const result = plan({
      rules: [rule('flip', '-not (user.groups -any (_ -eq "flip"))', [group('f', 'flip')])],
    });
    expect(result.settled).toBe(false);
    expect(keys(result.add)).toEqual(['group:f']);
    expect(result.reasons[result.reasons.length - 1]).toMatch(/^Rules that read user.groups do not settle/);
  });
});

describe('planAccess: determinism and caching', () => {
  it('gives the same plan whatever the order of rules, current grants and ledger', () => {
    const g = [group('a'), group('b'), group('c'), group('d')];
    const rules = [
      rule('r1', 'user.department -eq "Sales"', [g[0]!, g[1]!], { priority: 3 }),
      rule('r2', 'user.jobTitle -eq "Engineer"', [g[1]!]),
      rule('r3', 'user.department -eq "HR"', [g[2]!], { priority: 3 }),
    ];
    const input: PlanAccessInput = {
      user: sales,
      rules,
      current: ['group:c', 'group:d', 'group:b'],
      ledger: [entry(g[2]!, 'r3'), entry(g[3]!, 'gone')],
    };
    const reversed = {
      ...input,
      rules: [...rules].reverse(),
      current: [...input.current].reverse(),
      ledger: [...input.ledger].reverse(),
    };
    expect(planAccess(reversed)).toEqual(planAccess(input));
  });

  it('notices a rule edited in place between calls on the same array', () => {
    const rules = [rule('a', 'user.department -eq "Sales"', [group('g')])];
    expect(keys(plan({ rules }).add)).toEqual(['group:g']);
    rules[0]!.condition.text = 'user.department -eq "HR"';
    expect(keys(plan({ rules }).add)).toEqual([]);
    rules[0]!.enabled = false;
    rules[0]!.condition.text = 'user.department -eq "Sales"';
    expect(keys(plan({ rules }).add)).toEqual([]);
  });
});

// ---- properties ----

const GROUPS = Array.from({ length: 8 }, (_, i) => group(`g${i}`, `group-${i}`));
const ROLES = [role('100', '1'), role('100', '2'), role('200', '1')];
const POOL = [...GROUPS, ...ROLES];
const DEPARTMENTS = ['Sales', 'HR', 'Legal'];

const conditionArb = fc.oneof(
  fc.constantFrom(...DEPARTMENTS).map((d) => `user.department -eq "${d}"`),
  fc
    .constantFrom(...GROUPS)
    .map((g) => `user.groups -any (_ -eq "${g.kind === 'group' ? g.groupName : ''}")`),
  fc
    .constantFrom(...GROUPS)
    .map((g) => `-not (user.groups -any (_ -eq "${g.kind === 'group' ? g.groupName : ''}"))`),
  fc.constant('user.groups -any (_ -startsWith "group-1")'),
  fc.constant('user.jobTitle -eq "Engineer" -or user.department -in ["HR", "Legal"]'),
  fc.constant('user.department -eq'), // does not parse
);

const rulesArb = fc
  .array(
    fc.record({
      condition: conditionArb,
      grants: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3, selector: grantKey }),
      enabled: fc.boolean(),
      onUnmatch: fc.constantFrom<'keep' | 'revoke'>('keep', 'revoke'),
      priority: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 6 },
  )
  .map((specs) =>
    specs.map((s, i) =>
      rule(`r${i}`, s.condition, s.grants, {
        enabled: s.enabled,
        onUnmatch: s.onUnmatch,
        priority: s.priority,
      }),
    ),
  );

const worldArb = fc
  .record({
    rules: rulesArb,
    department: fc.constantFrom(...DEPARTMENTS),
    jobTitle: fc.constantFrom('Engineer', 'Clerk'),
    held: fc.subarray(POOL),
    ledgered: fc.subarray(POOL),
    ledgerRules: fc.array(fc.constantFrom('r0', 'r1', 'r2', 'r3', 'gone'), {
      minLength: POOL.length,
      maxLength: POOL.length,
    }),
    manualGroups: fc.subarray(['contractors', 'staff']),
    withSets: fc.boolean(),
  })
  .map((w): PlanAccessInput => {
    const heldGroups = w.held.flatMap((g) => (g.kind === 'group' ? [g.groupName] : []));
    return {
      user: {
        accountId: 'u',
        department: w.department,
        jobTitle: w.jobTitle,
        groups: [...heldGroups, ...w.manualGroups],
      },
      rules: w.rules,
      current: w.held.map(grantKey),
      ledger: w.ledgered.map((g, i) => entry(g, w.ledgerRules[i]!)),
      exclusiveSets: w.withSets ? [{ id: 's', name: 'Tiers', groupIds: ['g0', 'g1', 'g2'] }] : [],
    };
  });

/** What the services will do with a plan: change grants and group names, and record added grants in the ledger. */
function apply(input: PlanAccessInput, result: AccessPlan): PlanAccessInput {
  const removed = new Set(keys(result.remove));
  const added = new Set(keys(result.add));
  const nameOf = (p: AccessPlan['add'][number]) =>
    p.grant.kind === 'group' ? [p.grant.groupName.toLowerCase()] : [];
  const removedNames = new Set(result.remove.flatMap(nameOf));
  return {
    ...input,
    user: {
      ...input.user,
      groups: [
        ...(input.user.groups ?? []).filter((n) => !removedNames.has(n.toLowerCase())),
        ...result.add.flatMap((p) => (p.grant.kind === 'group' ? [p.grant.groupName] : [])),
      ],
    },
    current: [...input.current.filter((k) => !removed.has(k)), ...added],
    ledger: [
      ...input.ledger.filter((e) => !removed.has(e.grantKey) && !added.has(e.grantKey)),
      ...result.add.map((p) => ({
        grantKey: p.grantKey,
        ruleId: p.ruleIds[0]!,
        grantedAt: 'later',
        grant: p.grant,
      })),
    ],
  };
}

describe('planAccess properties', () => {
  it('never removes a grant absent from the ledger, nor one the user does not hold, nor adds one held', () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const result = planAccess(input);
        const ledgerKeys = new Set(input.ledger.map((e) => e.grantKey));
        const current = new Set(input.current);
        for (const p of result.remove) {
          expect(ledgerKeys.has(p.grantKey)).toBe(true);
          expect(current.has(p.grantKey)).toBe(true);
        }
        for (const p of result.add) expect(current.has(p.grantKey)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: applying a settled plan and planning again leaves nothing to do', () => {
    fc.assert(
      fc.property(worldArb, (input) => {
        const first = planAccess(input);
        fc.pre(first.settled);
        const again = planAccess(apply(input, first));
        expect({ add: keys(again.add), remove: keys(again.remove) }).toEqual({ add: [], remove: [] });
        expect(again.matchedRuleIds).toEqual(first.matchedRuleIds);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic whatever the input order', () => {
    fc.assert(
      fc.property(worldArb, fc.integer(), (input, seed) => {
        const shuffle = <T>(xs: readonly T[]): T[] =>
          xs
            .map((x, i) => ({ x, k: Math.imul(i + 1, seed | 1) ^ seed }))
            .sort((a, b) => a.k - b.k)
            .map((o) => o.x);
        const shuffled = {
          ...input,
          rules: shuffle(input.rules),
          current: shuffle(input.current),
          ledger: shuffle(input.ledger),
        };
        expect(planAccess(shuffled)).toEqual(planAccess(input));
      }),
      { numRuns: 200 },
    );
  });
});

describe('planAccess: frozen rule sets', () => {
  it('plans a frozen rule set exactly as the same rules unfrozen, and refuses edits to it', () => {
    const make = () => [
      rule('a', 'user.department -eq "Sales"', [group('g1'), role('100', '1')], { priority: 1 }),
      rule('b', 'user.groups -any (_ -eq "g1")', [group('g2')], { priority: 2 }),
      rule('c', 'user.department -eq "HR"', [group('g3')], { onUnmatch: 'keep' }),
    ];
    const input = {
      current: [grantKey(group('g3')), grantKey(group('g4'))],
      ledger: [entry(group('g3'), 'c'), entry(group('g4'), 'gone')],
    };
    const frozen = freezeRules(make());
    expect(plan({ rules: frozen, ...input })).toEqual(plan({ rules: make(), ...input }));
    expect(() => {
      (frozen[0] as { enabled: boolean }).enabled = false;
    }).toThrow(TypeError);
  });
});

describe('planAccess: what a grant rests on, and grants an access review removed', () => {
  const g = group('g-sales', 'sales-team');
  const salesRule = rule('sales', 'user.department -eq "Sales" -and user.groups -any (_ -eq "staff")', [g]);
  const denial = (basis: Denial['basis']): Denial => ({
    grantKey: grantKey(g),
    grant: g,
    basis,
    note: 'removed in access review "Q3" on 2026-05-01',
  });

  it('records on each added grant the values of the attributes its rules read, leaving out groups the app manages', () => {
    const other = group('g-other', 'wiki-editors');
    const result = plan({
      user: { ...sales, groups: ['staff', 'wiki-editors'] },
      rules: [salesRule],
      ledger: [entry(other, 'x')],
      current: [grantKey(other)],
    });
    expect(result.add).toEqual([
      expect.objectContaining({
        grantKey: 'group:g-sales',
        basis: { department: 'Sales', groups: ['staff'] },
      }),
    ]);
  });

  it('withholds a denied grant whose basis is not recorded yet, and returns the basis to record', () => {
    const result = plan({ rules: [salesRule], denials: [denial(null)] });
    expect(result.add).toEqual([]);
    expect(keys(result.withheld)).toEqual(['group:g-sales']);
    expect(result.withheld[0]!.reason).toMatch(
      /^Not granted again: removed in access review "Q3" on 2026-05-01; kept off until/,
    );
    expect(result.denialBases).toEqual([
      { grantKey: 'group:g-sales', basis: { department: 'Sales', groups: ['staff'] } },
    ]);
  });

  it('keeps withholding while the recorded values are the same, whatever their case or order', () => {
    const result = plan({
      user: { ...sales, department: 'SALES', groups: ['Staff', 'sales-team'] },
      rules: [salesRule],
      denials: [denial({ department: 'Sales', groups: ['staff'] })],
    });
    expect(result.add).toEqual([]);
    expect(keys(result.withheld)).toEqual(['group:g-sales']);
    expect(result.denialBases).toEqual([]);
  });

  it('grants again once a recorded value changed, naming what changed', () => {
    const result = plan({
      user: { ...sales, groups: ['staff', 'emea'] },
      rules: [salesRule],
      denials: [denial({ department: 'Sales', groups: ['staff'] })],
    });
    expect(keys(result.add)).toEqual(['group:g-sales']);
    expect(result.add[0]!.reason).toMatch(/: groups changed since it was removed in access review "Q3"/);
    expect(result.withheld).toEqual([]);
  });

  it('leaves a denial alone when the user holds the grant anyway (given back by hand) or no rule wants it', () => {
    const held = plan({ rules: [salesRule], current: [grantKey(g)], denials: [denial(null)] });
    expect(keys(held.unchanged)).toEqual(['group:g-sales']);
    expect([held.withheld, held.denialBases]).toEqual([[], []]);
    const unwanted = plan({
      user: { ...sales, department: 'Finance' },
      rules: [salesRule],
      denials: [denial(null)],
    });
    expect([unwanted.add, unwanted.withheld, unwanted.denialBases]).toEqual([[], [], []]);
  });
});
