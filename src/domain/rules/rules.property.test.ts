// Property tests: format/parse round trip, -not inverts, De Morgan, and all evaluators (incl. the index) agree.

import fc from 'fast-check';
import { formatNode } from './format';
import {
  createRuleMatcher,
  evaluateRule,
  matchesRule,
  parseRule,
  type CompareOperator,
  type Literal,
  type ParsedRule,
  type RuleNode,
  type ScalarLiteral,
  type UserAttributes,
} from './index';

const RUNS = { numRuns: 200 };

const WORDS = [
  'Sales',
  'sales',
  'SALES',
  'Engineering',
  'Zürich',
  'Cafe\u0301',
  'Café',
  'eng',
  'jira-users',
  'JIRA-admins',
  'x',
];
const PATTERNS = ['^s', 'eng', 'S$', '^jira-', 'ü', '^(a|e)', '\\d', '^[a-z]+$', '.'];

/** Text the parser can carry: anything but line breaks (strings may not span lines). */
const text = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom('"', '`', "'", '`"', '""', '-eq', '(', ']') },
  )
  .filter((s) => s !== '' && !/[\r\n]/.test(s));

const stringLiteral = text.map((value): ScalarLiteral => ({ type: 'string', value }));
const nullLiteral = fc.constant<ScalarLiteral>({ type: 'null' });
const numberLiteral = fc
  .oneof(fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((n): ScalarLiteral => ({ type: 'number', value: n === 0 ? 0 : n }));
const listOf = (item: fc.Arbitrary<ScalarLiteral>): fc.Arbitrary<Literal> =>
  fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => ({ type: 'list', items }));

type Subject = { kind: 'attribute'; name: string } | { kind: 'item' };
const compare = (subject: Subject, operator: CompareOperator, value: Literal): RuleNode => ({
  kind: 'compare',
  subject,
  operator,
  value,
});

/** Comparisons valid for a text value (a text attribute, or `_` over groups). */
function textComparison(subject: Subject): fc.Arbitrary<RuleNode> {
  return fc
    .oneof(
      fc.tuple(fc.constantFrom<CompareOperator>('eq', 'ne'), fc.oneof(stringLiteral, nullLiteral)),
      fc.tuple(fc.constantFrom<CompareOperator>('in', 'notIn'), listOf(fc.oneof(stringLiteral, nullLiteral))),
      fc.tuple(
        fc.constantFrom<CompareOperator>(
          'startsWith',
          'notStartsWith',
          'endsWith',
          'notEndsWith',
          'contains',
          'notContains',
        ),
        stringLiteral,
      ),
      fc.tuple(
        fc.constantFrom<CompareOperator>('match', 'notMatch'),
        fc.constantFrom(...PATTERNS).map((value): Literal => ({ type: 'string', value })),
      ),
    )
    .map(([operator, value]) => compare(subject, operator, value));
}

function combine(leaf: fc.Arbitrary<RuleNode>, depth: number): fc.Arbitrary<RuleNode> {
  if (depth === 0) return leaf;
  const inner = combine(leaf, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: inner.map((operand): RuleNode => ({ kind: 'not', operand })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), fc.array(inner, { minLength: 2, maxLength: 3 }))
        .map(([kind, operands]): RuleNode => ({ kind, operands })),
    },
  );
}

const attribute = (name: string): Subject => ({ kind: 'attribute', name });

const leaf: fc.Arbitrary<RuleNode> = fc.oneof(
  fc
    .constantFrom('department', 'jobTitle', 'location', 'email')
    .chain((name) => textComparison(attribute(name))),
  fc
    .tuple(
      fc.constantFrom<CompareOperator>('eq', 'ne'),
      fc.oneof(
        fc.constantFrom(true, false).map((value): ScalarLiteral => ({ type: 'boolean', value })),
        nullLiteral,
      ),
    )
    .map(([operator, value]) => compare(attribute('active'), operator, value)),
  fc
    .tuple(fc.constantFrom<CompareOperator>('eq', 'ne', 'lt', 'le', 'gt', 'ge'), numberLiteral)
    .map(([operator, value]) => compare(attribute('custom.level'), operator, value)),
  fc
    .tuple(
      fc.constantFrom<CompareOperator>('eq', 'ne', 'in', 'notIn'),
      fc.oneof(stringLiteral, numberLiteral),
    )
    .map(([operator, value]) =>
      compare(
        attribute('custom.level'),
        operator,
        operator === 'in' || operator === 'notIn' ? { type: 'list', items: [value] } : value,
      ),
    ),
  fc
    .tuple(
      fc.constantFrom<CompareOperator>('lt', 'le', 'gt', 'ge'),
      fc.constantFrom('2020-01-01', '2024-02-29T12:00:00Z', '2023-06-30T23:00:00-02:00'),
    )
    .map(([operator, value]) => compare(attribute('custom.hired'), operator, { type: 'string', value })),
  fc
    .tuple(
      fc.constantFrom<'any' | 'all'>('any', 'all'),
      fc.constantFrom('groups', 'idpGroups', 'custom.tags'),
      combine(textComparison({ kind: 'item' }), 1),
    )
    .map(([quantifier, name, predicate]): RuleNode => ({
      kind: 'quantifier',
      quantifier,
      attribute: name,
      predicate,
    })),
);

/** The parser's canonical shape: `and`/`or` never directly contain their own kind, and "" never appears in equality. */
function canonical(node: RuleNode): RuleNode {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const operands = node.operands.map(canonical).flatMap((o) => (o.kind === node.kind ? o.operands : [o]));
      return { kind: node.kind, operands };
    }
    case 'not':
      return { kind: 'not', operand: canonical(node.operand) };
    case 'quantifier':
      return { ...node, predicate: canonical(node.predicate) };
    case 'compare':
      return node;
  }
}

const tree = combine(leaf, 3).map(canonical);

const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
const userValue = fc.oneof(fc.constantFrom(...WORDS, '', 'Engineer', 'Senior Engineer'), text);
const user: fc.Arbitrary<UserAttributes> = fc.record(
  {
    accountId: fc.constant('a-1'),
    department: maybe(fc.oneof(userValue, fc.constant(null))),
    jobTitle: maybe(userValue),
    location: maybe(userValue),
    email: maybe(userValue),
    active: maybe(fc.boolean()),
    groups: maybe(fc.array(userValue, { maxLength: 5 })),
    idpGroups: maybe(fc.array(userValue, { maxLength: 3 })),
    custom: maybe(
      fc.record(
        {
          level: fc.oneof(
            fc.integer({ min: -20, max: 20 }),
            fc.constantFrom('3', '3.0', ' 7 ', 'x', '', '1e1'),
            fc.constant(null),
          ),
          hired: fc.oneof(
            fc.constantFrom('2019-12-31', '2024-02-29T12:00:00Z', '2024-02-29T11:00:00-01:00', 'soon'),
            fc.integer(),
          ),
          tags: fc.oneof(fc.array(userValue, { maxLength: 3 }), userValue, fc.constant(null)),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ['accountId'] },
);

function parse(text: string): ParsedRule {
  const result = parseRule(text);
  if (!result.ok) throw new Error(`${text}\n${JSON.stringify(result.errors)}`);
  return result.rule;
}

function evaluateAll(rule: ParsedRule, subject: UserAttributes): boolean {
  const traced = evaluateRule(rule, subject).matched;
  expect(matchesRule(rule, subject)).toBe(traced);
  return traced;
}

describe('rules properties', () => {
  it('format then parse gives the same tree', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(parse(formatNode(t)).tree).toEqual(t);
      }),
      RUNS,
    );
  });

  it('formatting is canonical: parse(format(parse(format(t)))) formats identically', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const once = formatNode(parse(formatNode(t)).tree);
        expect(formatNode(parse(once).tree)).toBe(once);
      }),
      RUNS,
    );
  });

  it('-not inverts', () => {
    fc.assert(
      fc.property(tree, user, (t, u) => {
        const text = formatNode(t);
        expect(evaluateAll(parse(`-not (${text})`), u)).toBe(!evaluateAll(parse(text), u));
      }),
      RUNS,
    );
  });

  it('De Morgan: -not (a -and b) is -not a -or -not b, and -not (a -or b) is -not a -and -not b', () => {
    fc.assert(
      fc.property(tree, tree, user, (a, b, u) => {
        const [x, y] = [formatNode(a), formatNode(b)];
        expect(evaluateAll(parse(`-not ((${x}) -and (${y}))`), u)).toBe(
          evaluateAll(parse(`-not (${x}) -or -not (${y})`), u),
        );
        expect(evaluateAll(parse(`-not ((${x}) -or (${y}))`), u)).toBe(
          evaluateAll(parse(`-not (${x}) -and -not (${y})`), u),
        );
      }),
      RUNS,
    );
  });

  it('-ne and -notIn are exactly -not -eq and -not -in, null included', () => {
    fc.assert(
      fc.property(leaf, user, (node, u) => {
        if (node.kind !== 'compare' || !['eq', 'in'].includes(node.operator)) return;
        const negated = { ...node, operator: node.operator === 'eq' ? 'ne' : 'notIn' } as RuleNode;
        expect(evaluateAll(parse(formatNode(negated)), u)).toBe(!evaluateAll(parse(formatNode(node)), u));
      }),
      RUNS,
    );
  });

  it('the traced, compiled and indexed rule-set evaluations always agree', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 12 }),
        fc.array(user, { minLength: 1, maxLength: 4 }),
        (trees, users) => {
          const rules = trees.map((t) => parse(formatNode(t)));
          const match = createRuleMatcher(rules);
          for (const u of users) {
            const expected = rules.flatMap((rule, i) => (evaluateAll(rule, u) ? [i] : []));
            expect(match(u)).toEqual(expected);
          }
        },
      ),
      RUNS,
    );
  });
});
