// Entra parsing: the tree each construct produces, precedence, flattening, literals, case and the length limit.

import { formatRule, MAX_RULE_LENGTH, parseRule, type RuleNode } from './index';

function tree(text: string): RuleNode {
  const result = parseRule(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${JSON.stringify(result.errors)}`);
  return result.rule.tree;
}

const eq = (name: string, value: string): RuleNode => ({
  kind: 'compare',
  subject: { kind: 'attribute', name },
  operator: 'eq',
  value: { type: 'string', value },
});

describe('parseRule (Entra): comparisons', () => {
  it.each([
    ['-eq', 'eq'],
    ['-ne', 'ne'],
    ['-startsWith', 'startsWith'],
    ['-notStartsWith', 'notStartsWith'],
    ['-endsWith', 'endsWith'],
    ['-notEndsWith', 'notEndsWith'],
    ['-contains', 'contains'],
    ['-notContains', 'notContains'],
    ['-match', 'match'],
    ['-notMatch', 'notMatch'],
  ])('%s on a text attribute', (token, operator) => {
    expect(tree(`user.jobTitle ${token} "Eng"`)).toEqual({
      kind: 'compare',
      subject: { kind: 'attribute', name: 'jobTitle' },
      operator,
      value: { type: 'string', value: 'Eng' },
    });
  });

  it.each([
    ['-in', 'in'],
    ['-notIn', 'notIn'],
  ])('%s with a list', (token, operator) => {
    expect(tree(`user.department ${token} ["Sales", 'Legal']`)).toEqual({
      kind: 'compare',
      subject: { kind: 'attribute', name: 'department' },
      operator,
      value: {
        type: 'list',
        items: [
          { type: 'string', value: 'Sales' },
          { type: 'string', value: 'Legal' },
        ],
      },
    });
  });

  it.each([
    ['-lt', 'lt'],
    ['-le', 'le'],
    ['-gt', 'gt'],
    ['-ge', 'ge'],
  ])('%s with numbers and ISO dates on custom attributes', (token, operator) => {
    expect(tree(`user.custom.level ${token} -2.5`)).toEqual({
      kind: 'compare',
      subject: { kind: 'attribute', name: 'custom.level' },
      operator,
      value: { type: 'number', value: -2.5 },
    });
    expect(tree(`user.custom.hired ${token} "2024-02-29T10:00:00Z"`)).toMatchObject({
      operator,
      value: { type: 'string', value: '2024-02-29T10:00:00Z' },
    });
  });

  it('-any and -all with _ over multi-valued attributes', () => {
    expect(tree('user.groups -any (_ -eq "admins")')).toEqual({
      kind: 'quantifier',
      quantifier: 'any',
      attribute: 'groups',
      predicate: {
        kind: 'compare',
        subject: { kind: 'item' },
        operator: 'eq',
        value: { type: 'string', value: 'admins' },
      },
    });
    expect(tree('user.idpGroups -all (_ -startsWith "sg-" -and -not (_ -eq "sg-old"))')).toMatchObject({
      kind: 'quantifier',
      quantifier: 'all',
      attribute: 'idpGroups',
      predicate: { kind: 'and' },
    });
    expect(tree('user.custom.tags -any (_ -in ["a", "b"])')).toMatchObject({ attribute: 'custom.tags' });
  });

  it('reads null, $null, true, false, $true and numbers in any case', () => {
    expect(tree('user.department -eq null')).toMatchObject({ value: { type: 'null' } });
    expect(tree('user.department -eq $NULL')).toMatchObject({ value: { type: 'null' } });
    expect(tree('user.active -eq TRUE')).toMatchObject({ value: { type: 'boolean', value: true } });
    expect(tree('user.active -ne $false')).toMatchObject({ value: { type: 'boolean', value: false } });
    expect(tree('user.custom.n -eq 1e3')).toMatchObject({ value: { type: 'number', value: 1000 } });
    expect(tree('user.custom.n -eq -0')).toMatchObject({ value: { type: 'number', value: 0 } });
  });

  it('treats an empty string as null in equality and lists', () => {
    expect(tree('user.department -eq ""')).toEqual(tree('user.department -eq null'));
    expect(tree('user.department -in ["", "x"]')).toMatchObject({
      value: { type: 'list', items: [{ type: 'null' }, { type: 'string', value: 'x' }] },
    });
  });

  it('is case-insensitive for operators, keywords and attribute names, canonicalising them', () => {
    expect(tree('USER.DEPARTMENT -EQ "Sales" -AND user.JobTitle -STARTSWITH "Eng"')).toEqual(
      tree('user.department -eq "Sales" -and user.jobTitle -startsWith "Eng"'),
    );
    expect(tree('user.Custom.costCenter -eq "1"')).toMatchObject({ subject: { name: 'custom.costCenter' } });
  });

  it('keeps custom attribute names as written (they are data keys)', () => {
    expect(tree('user.custom.CostCenter -eq "1"')).not.toEqual(tree('user.custom.costCenter -eq "1"'));
  });

  it('reads backtick escapes and leaves backslashes alone', () => {
    expect(tree('user.jobTitle -eq "say `"hi`" `` done"')).toEqual(eq('jobTitle', 'say "hi" ` done'));
    expect(tree("user.jobTitle -eq 'it`'s'")).toEqual(eq('jobTitle', "it's"));
    expect(tree('user.email -match "^[a-z]+\\.example\\.com$"')).toMatchObject({
      value: { value: '^[a-z]+\\.example\\.com$' },
    });
  });

  it('keeps unicode, including astral characters, exactly', () => {
    expect(tree('user.location -eq "Zürich 🏔 東京"')).toEqual(eq('location', 'Zürich 🏔 東京'));
  });

  it('allows line breaks, tabs and non-breaking spaces between tokens', () => {
    expect(tree('user.department\t-eq\u00a0"Sales"\r\n-or\nuser.department -eq "Legal"')).toEqual({
      kind: 'or',
      operands: [eq('department', 'Sales'), eq('department', 'Legal')],
    });
  });
});

describe('parseRule (Entra): precedence and grouping', () => {
  const a = eq('department', 'a');
  const b = eq('department', 'b');
  const c = eq('department', 'c');
  const A = 'user.department -eq "a"';
  const B = 'user.department -eq "b"';
  const C = 'user.department -eq "c"';

  it('binds -and tighter than -or', () => {
    expect(tree(`${A} -or ${B} -and ${C}`)).toEqual({
      kind: 'or',
      operands: [a, { kind: 'and', operands: [b, c] }],
    });
    expect(tree(`${A} -and ${B} -or ${C}`)).toEqual({
      kind: 'or',
      operands: [{ kind: 'and', operands: [a, b] }, c],
    });
  });

  it('binds -not tighter than -and, and comparisons tighter than -not', () => {
    expect(tree(`-not ${A} -and ${B}`)).toEqual({ kind: 'and', operands: [{ kind: 'not', operand: a }, b] });
    expect(tree(`-not -not ${A}`)).toEqual({ kind: 'not', operand: { kind: 'not', operand: a } });
  });

  it('lets parentheses override precedence', () => {
    expect(tree(`(${A} -or ${B}) -and ${C}`)).toEqual({
      kind: 'and',
      operands: [{ kind: 'or', operands: [a, b] }, c],
    });
    expect(tree(`-not (${A} -or ${B})`)).toEqual({ kind: 'not', operand: { kind: 'or', operands: [a, b] } });
  });

  it('flattens chains and redundant parentheses, so equivalent groupings give one tree', () => {
    const flat = { kind: 'and', operands: [a, b, c] };
    expect(tree(`${A} -and ${B} -and ${C}`)).toEqual(flat);
    expect(tree(`${A} -and (${B} -and ${C})`)).toEqual(flat);
    expect(tree(`((${A}) -and ${B}) -and ((${C}))`)).toEqual(flat);
  });

  it('formats canonically, parenthesising only where precedence needs it', () => {
    const parsed = parseRule(`(${A}  -or ${B}) -AND -not ${C}`);
    expect(parsed.ok && formatRule(parsed.rule)).toBe(
      '(user.department -eq "a" -or user.department -eq "b") -and -not (user.department -eq "c")',
    );
  });

  it('accepts nesting up to the limit', () => {
    expect(tree(`${'('.repeat(60)}${A}${')'.repeat(60)}`)).toEqual(a);
  });
});

describe('parseRule: the 3,072-character limit', () => {
  const base = 'user.department -eq "';
  it('accepts exactly 3,072 characters', () => {
    const text = `${base}${'x'.repeat(MAX_RULE_LENGTH - base.length - 1)}"`;
    expect(text).toHaveLength(3072);
    expect(parseRule(text).ok).toBe(true);
  });

  it('rejects 3,073 characters, pointing at the first character past the limit', () => {
    const text = `${base}${'x'.repeat(MAX_RULE_LENGTH - base.length)}"`;
    expect(parseRule(text)).toEqual({
      ok: false,
      errors: [
        {
          message: 'The rule is 3,073 characters long; the limit is 3,072',
          problem: { key: 'rules.problems.ruleTooLong', values: { length: 3073, limit: 3072 } },
          line: 1,
          column: 3073,
          length: 1,
        },
      ],
    });
  });

  it('rejects a huge hostile input by its length alone, before reading any of it', () => {
    // One error, about the length: the lexer and parser never ran over the million characters (bench/run.ts
    // --only rules prints how long this takes).
    expect(parseRule('('.repeat(1_000_000))).toEqual({
      ok: false,
      errors: [
        {
          message: 'The rule is 1,000,000 characters long; the limit is 3,072',
          problem: { key: 'rules.problems.ruleTooLong', values: { length: 1_000_000, limit: 3072 } },
          line: 1,
          column: 3073,
          length: 1_000_000 - 3072,
        },
      ],
    });
  });
});

describe('ParsedRule', () => {
  it('records dialect, source and the attributes read', () => {
    const text = 'user.groups -any (_ -eq "x") -and user.custom.b -eq 1 -and user.department -eq "y"';
    const result = parseRule(text);
    expect(result.ok && result.rule).toMatchObject({
      dialect: 'entra',
      source: text,
      attributes: ['custom.b', 'department', 'groups'],
    });
  });
});
