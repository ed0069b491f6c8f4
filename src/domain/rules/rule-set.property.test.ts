// Property tests: the rule-set matcher (shared atoms, per-value memory, guard index) equals rule-by-rule evaluation.

import fc from 'fast-check';
import {
  createRuleMatcher,
  evaluateRule,
  matchesRule,
  parseRule,
  prepareUser,
  type ParsedRule,
  type UserAttributes,
} from './index';

/** Few values, in several cases and spellings, so rules and users collide often (and the memory is reused). */
const WORDS = [
  'Sales',
  'sales',
  'SALES',
  'Eng',
  'Engineering',
  'Zürich',
  'ZÜRICH',
  'Café',
  'Cafe\u0301',
  'x',
];
const NUMERIC = ['3', '3.0', '03', '-1', '1e1', ' 7 '];
const GROUPS = ['jira-users', 'JIRA-Users', 'jira-admins', 'team-eng', 'Team-Eng', 'sg-all', 'contractors'];

const quote = (s: string): string => `"${s.replace(/[`"]/g, (c) => '`' + c)}"`;
const word = fc.constantFrom(...WORDS, ...GROUPS);
const anyText = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 1, arbitrary: fc.constantFrom(...NUMERIC) },
);
const affix = fc.constantFrom('s', 'SA', 'eng', 'jira-', 'JIRA-', 'ch', 'é', 'users');
const pattern = fc.constantFrom('^s', 'ENG', 's$', '^jira-', 'ü', '\\d', '^[a-z]+$');
const list = fc
  .array(anyText, { minLength: 1, maxLength: 3 })
  .map((items) => `[${items.map(quote).join(', ')}]`);

/** A comparison on one value; `subject` is an attribute path or `_`. */
function comparison(subject: string, numeric: boolean): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [
    anyText.map((v) => `${subject} -eq ${quote(v)}`),
    anyText.map((v) => `${subject} -ne ${quote(v)}`),
    list.map((l) => `${subject} -in ${l}`),
    list.map((l) => `${subject} -notIn ${l}`),
    affix.map((v) => `${subject} -startsWith ${quote(v)}`),
    affix.map((v) => `${subject} -endsWith ${quote(v)}`),
    affix.map((v) => `${subject} -contains ${quote(v)}`),
    affix.map((v) => `${subject} -notStartsWith ${quote(v)}`),
    pattern.map((p) => `${subject} -match ${quote(p)}`),
    pattern.map((p) => `${subject} -notMatch ${quote(p)}`),
  ];
  if (numeric) {
    options.push(
      fc.integer({ min: -2, max: 12 }).map((n) => `${subject} -eq ${n}`),
      fc.integer({ min: -2, max: 12 }).map((n) => `${subject} -ge ${n}`),
      fc.constantFrom('-lt', '-gt').map((op) => `${subject} ${op} "2020-06-01"`),
      fc.constant(`${subject} -eq null`),
      fc.constant(`${subject} -ne null`),
      fc.constantFrom('true', 'false').map((b) => `${subject} -eq ${b}`),
    );
  }
  return fc.oneof(...options);
}

const TEXT_ATTRIBUTES = ['user.department', 'user.jobTitle', 'user.email'];
const CUSTOM_ATTRIBUTES = ['user.custom.level', 'user.custom.tags', 'user.custom.flag'];
const LIST_ATTRIBUTES = ['user.groups', 'user.idpGroups', 'user.custom.tags'];

const itemCondition: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: comparison('_', false) },
  { weight: 1, arbitrary: comparison('_', false).map((c) => `-not (${c})`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(comparison('_', false), comparison('_', false), fc.constantFrom('-and', '-or'))
      .map(([a, b, op]) => `${a} ${op} ${b}`),
  },
);

const atom: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TEXT_ATTRIBUTES).chain((a) => comparison(a, false)) },
  { weight: 2, arbitrary: fc.constantFrom(...CUSTOM_ATTRIBUTES).chain((a) => comparison(a, true)) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...LIST_ATTRIBUTES), fc.constantFrom('-any', '-all'), itemCondition)
      .map(([a, q, c]) => `${a} ${q} (${c})`),
  },
);

const condition: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: atom },
    { weight: 1, arbitrary: tie('node').map((n) => `-not (${n})`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(tie('node'), { minLength: 2, maxLength: 3 }), fc.constantFrom('-and', '-or'))
        .map(([parts, op]) => parts.map((p) => `(${p})`).join(` ${op} `)),
    },
  ),
})).node;

const rule: fc.Arbitrary<ParsedRule> = condition
  .map((text) => parseRule(text))
  .filter((r) => r.ok)
  .map((r) => {
    if (!r.ok) throw new Error('filtered out above');
    return r.rule;
  });

const nullish = fc.constantFrom(null, undefined, '');
const user: fc.Arbitrary<UserAttributes> = fc.record(
  {
    accountId: fc.constant('a'),
    department: fc.oneof(anyText, nullish),
    jobTitle: fc.oneof(anyText, nullish),
    email: fc.oneof(
      fc.tuple(word, fc.constantFrom('example.com', 'EXAMPLE.com')).map(([w, d]) => `${w}@${d}`),
      nullish,
    ),
    groups: fc.array(fc.constantFrom(...GROUPS, ...WORDS), { maxLength: 5 }),
    idpGroups: fc.array(fc.constantFrom(...GROUPS), { maxLength: 3 }),
    custom: fc.record(
      {
        level: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom(...NUMERIC), nullish),
        // Multi-valued in some users, single in others, as identity providers push them.
        tags: fc.oneof(fc.array(anyText, { maxLength: 3 }), anyText, fc.constant(null)),
        flag: fc.oneof(fc.boolean(), fc.constantFrom('true', 'FALSE', '2020-05-01', '2021-01-01T00:00:00Z')),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['accountId'] },
);

/** The reference: each rule on its own, checked against the traced evaluator too. */
function naive(rules: readonly ParsedRule[], subject: UserAttributes): number[] {
  return rules.flatMap((r, i) => {
    const matched = matchesRule(r, subject);
    expect(evaluateRule(r, subject).matched).toBe(matched);
    return matched ? [i] : [];
  });
}

describe('rule-set matcher', () => {
  it('gives exactly the rules that match one by one, for every user in turn', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 25 }),
        fc.array(user, { minLength: 1, maxLength: 30 }),
        (rules, users) => {
          const match = createRuleMatcher(rules);
          // Twice over, so the second pass answers from remembered values.
          for (const u of [...users, ...users]) {
            const expected = naive(rules, u);
            expect(match(u)).toEqual(expected);
            expect(match(prepareUser(u))).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays exact when values rarely repeat and the matcher stops remembering them', () => {
    const rules = [
      'user.email -endsWith "@example.com"',
      'user.email -eq "u7@example.com" -or user.department -eq "sales"',
      'user.email -match "^u1\\d*@"',
      '-not (user.email -contains "9") -and user.groups -any (_ -startsWith "G1")',
      'user.groups -all (_ -ne "g5")',
      'user.custom.tags -any (_ -in ["t1", "T2"])',
    ].map((text) => {
      const parsed = parseRule(text);
      if (!parsed.ok) throw new Error(text);
      return parsed.rule;
    });
    const match = createRuleMatcher(rules);
    // Unique emails and groups for the first 3,000 users, then a few values over and over.
    for (let i = 0; i < 4000; i++) {
      const unique = i < 3000;
      const subject: UserAttributes = {
        accountId: `a${i}`,
        email: unique ? `U${i}@Example.com` : `u${i % 3}@example.org`,
        department: i % 4 === 0 ? 'Sales' : null,
        groups: unique ? [`g${i}`, `G${i + 1}`] : ['g5', 'g1'],
        custom: { tags: i % 2 === 0 ? [`t${i % 5}`] : `T${i % 3}` },
      };
      expect(match(subject)).toEqual(naive(rules, subject));
    }
  });
});
