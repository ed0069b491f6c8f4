// An attacker's names: Object.prototype's members as attribute, operator, value and function names in rules.

import {
  createRuleMatcher,
  evaluateRule,
  matchesRule,
  parseRule,
  type CustomAttributeValue,
  type Dialect,
  type ParsedRule,
  type UserAttributes,
} from './index';

/** Names every plain object answers through its prototype. */
const INHERITED_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupGetter__',
];

function parsed(text: string): ParsedRule {
  const result = parseRule(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${JSON.stringify(result.errors)}`);
  return result.rule;
}

/** Whether the rule matches, through all three evaluators, which must agree. */
function matches(text: string, custom: UserAttributes['custom']): boolean {
  const rule = parsed(text);
  const user: UserAttributes = custom === undefined ? { accountId: 'a-1' } : { accountId: 'a-1', custom };
  const traced = evaluateRule(rule, user).matched;
  expect({
    text,
    compiled: matchesRule(rule, user),
    inSet: createRuleMatcher([rule])(user).length === 1,
  }).toEqual({
    text,
    compiled: traced,
    inSet: traced,
  });
  return traced;
}

/** Pushed attributes as they arrive: parsed from JSON, so `__proto__` becomes an own property like any other. */
function pushed(json: string): Record<string, CustomAttributeValue> {
  return JSON.parse(json) as Record<string, CustomAttributeValue>;
}

describe('custom attributes named like Object.prototype members', () => {
  it.each(INHERITED_NAMES)('read user.custom.%s as null when it was not pushed', (name) => {
    for (const custom of [
      pushed('{"department": "Sales"}'),
      Object.create(null) as Record<string, never>,
      {},
    ]) {
      expect(matches(`user.custom.${name} -eq null`, custom)).toBe(true);
      expect(matches(`user.custom.${name} -ne null`, custom)).toBe(false);
      expect(matches(`user.custom.${name} -match "."`, custom)).toBe(false);
      expect(matches(`user.custom.${name} -notMatch "x"`, custom)).toBe(false);
      expect(matches(`user.custom.${name} -contains "function"`, custom)).toBe(false);
      expect(matches(`user.custom.${name} -any (_ -ne null)`, custom)).toBe(false);
      expect(matches(`user.custom.${name} -all (_ -notContains "zzz")`, custom)).toBe(false);
    }
  });

  it.each(INHERITED_NAMES)('trace user.custom.%s as null when it was not pushed', (name) => {
    const trace = evaluateRule(parsed(`user.custom.${name} -ne null`), {
      accountId: 'a-1',
      custom: pushed('{"department": "Sales"}'),
    }).trace;
    expect(trace[0]).toMatchObject({ attribute: `user.custom.${name}`, actual: null, result: false });
  });

  it.each(INHERITED_NAMES)('read user.custom.%s when the identity provider really pushed it', (name) => {
    const custom = pushed(`{${JSON.stringify(name)}: "pushed", "other": ["a", "b"]}`);
    expect(Object.hasOwn(custom, name)).toBe(true);
    expect(matches(`user.custom.${name} -eq "PUSHED"`, custom)).toBe(true);
    expect(matches(`user.custom.${name} -ne null`, custom)).toBe(true);
    expect(matches(`user.custom.${name} -match "^push"`, custom)).toBe(true);
    expect(matches(`user.custom.${name} -any (_ -eq "pushed")`, custom)).toBe(true);
  });

  it('give one user pushed "constructor" and another none, and match only the first in one rule set', () => {
    const rule = parsed('user.custom.constructor -ne null');
    const match = createRuleMatcher([rule]);
    expect(match({ accountId: 'a', custom: pushed('{"constructor": "x"}') })).toEqual([0]);
    expect(match({ accountId: 'b', custom: pushed('{"department": "x"}') })).toEqual([]);
    expect(match({ accountId: 'c' })).toEqual([]);
  });
});

describe('rule text naming Object.prototype members', () => {
  function firstError(text: string, dialect: Dialect): string | undefined {
    const result = parseRule(text, dialect);
    return result.ok ? undefined : result.errors[0]?.message;
  }

  it.each(INHERITED_NAMES)('refuses the bare word %s as an Entra value', (name) => {
    expect(firstError(`user.department -eq ${name}`, 'entra')).toBe(
      `Expected a value after -eq: a "string", a number, true, false, null or a [list]; found "${name}"`,
    );
  });

  it.each(INHERITED_NAMES)(
    'reports user.%s as an unknown attribute in Okta rules instead of failing',
    (name) => {
      expect(firstError(`user.${name} == "x"`, 'okta')).toBe(
        `Unknown attribute "user.${name}"; pushed attributes are written user.custom.<name>`,
      );
      expect(firstError(`${name} == "x"`, 'okta')).toBe(
        `Expected an attribute such as user.department, found "${name}"`,
      );
    },
  );

  it.each(INHERITED_NAMES)('reports %s(...) as an unknown Okta function', (name) => {
    expect(firstError(`${name}(user.department, "x")`, 'okta')).toMatch(
      new RegExp(`^Unknown function "${name}"; supported: String\\.startsWith`),
    );
  });

  it.each(INHERITED_NAMES)("refuses 'operator': '%s' in user.isMemberOf", (name) => {
    expect(firstError(`user.isMemberOf({'group.profile.name': 'x', 'operator': '${name}'})`, 'okta')).toBe(
      "user.isMemberOf supports 'operator': 'EXACT' or 'STARTS_WITH'",
    );
  });

  it.each(INHERITED_NAMES)('does not take the bare word %s as an Okta value', (name) => {
    expect(parseRule(`user.department == ${name}`, 'okta').ok).toBe(false);
  });
});
