// Evaluation semantics of every operator, checked through all three evaluators (traced, compiled, rule set).

import {
  createRuleMatcher,
  evaluateRule,
  matchesRule,
  parseRule,
  prepareUser,
  type ParsedRule,
  type UserAttributes,
} from './index';

function parsed(text: string): ParsedRule {
  const result = parseRule(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${JSON.stringify(result.errors)}`);
  return result.rule;
}

/** Whether the rule matches; fails the test if the three evaluators disagree. */
function matches(text: string, user: Partial<UserAttributes>): boolean {
  const rule = parsed(text);
  const full: UserAttributes = { accountId: 'a-1', ...user };
  const traced = evaluateRule(rule, full).matched;
  const compiled = matchesRule(rule, full);
  const inSet = createRuleMatcher([rule])(full).length === 1;
  expect({ text, compiled, inSet }).toEqual({ text, compiled: traced, inSet: traced });
  return traced;
}

describe('-eq and -ne', () => {
  it('compare text ignoring case', () => {
    expect(matches('user.department -eq "SALES"', { department: 'sales' })).toBe(true);
    expect(matches('user.department -eq "Sales"', { department: 'Sales ' })).toBe(false);
    expect(matches('user.department -ne "sales"', { department: 'SALES' })).toBe(false);
    expect(matches('user.department -ne "sales"', { department: 'Legal' })).toBe(true);
  });

  it('ignore case beyond ASCII and compare composed and decomposed accents as equal', () => {
    expect(matches('user.location -eq "ZÜRICH"', { location: 'zürich' })).toBe(true);
    expect(matches('user.location -eq "Café"', { location: 'Cafe\u0301' })).toBe(true);
    expect(matches('user.location -eq "ΑΘΗΝΑ"', { location: 'αθηνα' })).toBe(true);
    expect(matches('user.location -eq "東京"', { location: '東京' })).toBe(true);
  });

  it('treat missing, null and "" alike as null', () => {
    for (const department of [undefined, null, '']) {
      expect(matches('user.department -eq null', { department })).toBe(true);
      expect(matches('user.department -ne null', { department })).toBe(false);
      expect(matches('user.department -eq "Sales"', { department })).toBe(false);
      expect(matches('user.department -ne "Sales"', { department })).toBe(true);
    }
    expect(matches('user.department -ne null', { department: 'x' })).toBe(true);
  });

  it('compare booleans, and pushed "true"/"false" strings as booleans', () => {
    expect(matches('user.active -eq true', { active: true })).toBe(true);
    expect(matches('user.active -eq false', { active: true })).toBe(false);
    expect(matches('user.active -eq true', {})).toBe(false);
    expect(matches('user.active -eq null', {})).toBe(true);
    expect(matches('user.custom.vip -eq true', { custom: { vip: 'TRUE' } })).toBe(true);
    expect(matches('user.custom.vip -eq "true"', { custom: { vip: true } })).toBe(true);
  });

  it('compare numbers by value, whether pushed as numbers or numeric strings', () => {
    expect(matches('user.custom.level -eq 3', { custom: { level: 3 } })).toBe(true);
    expect(matches('user.custom.level -eq 3', { custom: { level: '3.0' } })).toBe(true);
    expect(matches('user.custom.level -eq "3.0"', { custom: { level: 3 } })).toBe(true);
    expect(matches('user.custom.level -eq "3"', { custom: { level: 3 } })).toBe(true);
    expect(matches('user.custom.level -eq 3', { custom: { level: 'three' } })).toBe(false);
    expect(matches('user.custom.level -eq 0', { custom: { level: '' } })).toBe(false);
  });

  it('never equate a list with a single value', () => {
    expect(matches('user.custom.tags -eq "a"', { custom: { tags: ['a'] } })).toBe(false);
    expect(matches('user.custom.tags -ne "a"', { custom: { tags: ['a'] } })).toBe(true);
    expect(matches('user.custom.tags -eq null', { custom: { tags: [] } })).toBe(true);
    expect(matches('user.groups -eq null', { groups: [] })).toBe(true);
    expect(matches('user.groups -ne null', { groups: ['x'] })).toBe(true);
  });

  it('compare the account type', () => {
    expect(matches('user.accountType -eq "ATLASSIAN"', { accountType: 'atlassian' })).toBe(true);
    expect(matches('user.accountType -in ["app", "customer"]', { accountType: 'atlassian' })).toBe(false);
  });
});

describe('-in and -notIn', () => {
  it('match any listed value, ignoring case', () => {
    expect(matches('user.department -in ["Sales", "LEGAL"]', { department: 'legal' })).toBe(true);
    expect(matches('user.department -in ["Sales", "Legal"]', { department: 'HR' })).toBe(false);
    expect(matches('user.department -notIn ["Sales", "Legal"]', { department: 'HR' })).toBe(true);
  });

  it('treat null as a value: -in is false and -notIn true, unless null is listed', () => {
    expect(matches('user.department -in ["Sales"]', {})).toBe(false);
    expect(matches('user.department -notIn ["Sales"]', {})).toBe(true);
    expect(matches('user.department -in ["Sales", null]', {})).toBe(true);
    expect(matches('user.department -notIn ["Sales", ""]', { department: '' })).toBe(false);
  });

  it('compare numbers and booleans in lists by value', () => {
    expect(matches('user.custom.level -in [1, 2, 3]', { custom: { level: '2' } })).toBe(true);
    expect(matches('user.custom.level -in ["2.0", "x"]', { custom: { level: 2 } })).toBe(true);
    expect(matches('user.custom.flag -in [true]', { custom: { flag: true } })).toBe(true);
  });
});

describe('text operators', () => {
  it.each([
    ['-startsWith "eng"', 'Engineer', true],
    ['-startsWith "eng"', 'Senior Engineer', false],
    ['-notStartsWith "eng"', 'Senior Engineer', true],
    ['-notStartsWith "eng"', 'ENGINEER', false],
    ['-endsWith "NEER"', 'engineer', true],
    ['-notEndsWith "neer"', 'Engineer', false],
    ['-notEndsWith "neer"', 'Engineers', true],
    ['-contains "GIN"', 'Engineer', true],
    ['-contains "x"', 'Engineer', false],
    ['-notContains "x"', 'Engineer', true],
    ['-notContains "gin"', 'Engineer', false],
  ])('user.jobTitle %s on %j is %s', (operation, jobTitle, expected) => {
    expect(matches(`user.jobTitle ${operation}`, { jobTitle })).toBe(expected);
  });

  it.each(['-startsWith', '-notStartsWith', '-endsWith', '-notEndsWith', '-contains', '-notContains'])(
    '%s is false on null, for the negated form too',
    (operator) => {
      for (const jobTitle of [undefined, null, '']) {
        expect(matches(`user.jobTitle ${operator} "x"`, { jobTitle })).toBe(false);
      }
    },
  );

  it('see numbers and booleans as their spelling', () => {
    expect(matches('user.custom.level -startsWith "1"', { custom: { level: 12 } })).toBe(true);
    expect(matches('user.custom.flag -contains "ru"', { custom: { flag: true } })).toBe(true);
  });

  it('are false on lists, both ways', () => {
    expect(matches('user.custom.tags -contains "a"', { custom: { tags: ['abc'] } })).toBe(false);
    expect(matches('user.custom.tags -notContains "a"', { custom: { tags: ['abc'] } })).toBe(false);
  });

  it('handle long values', () => {
    const jobTitle = `${'x'.repeat(100_000)}Engineer`;
    expect(matches('user.jobTitle -endsWith "engineer"', { jobTitle })).toBe(true);
    expect(matches('user.jobTitle -contains "xEng"', { jobTitle })).toBe(true);
  });
});

describe('-match and -notMatch', () => {
  it('match regular expressions ignoring case', () => {
    expect(matches('user.email -match "@EXAMPLE\\.com$"', { email: 'ann@example.com' })).toBe(true);
    expect(matches('user.email -match "^bob@"', { email: 'ann@example.com' })).toBe(false);
    expect(matches('user.email -notMatch "^bob@"', { email: 'ann@example.com' })).toBe(true);
    expect(matches('user.email -notMatch "example"', { email: 'ann@example.com' })).toBe(false);
  });

  it('are false on null, both ways', () => {
    expect(matches('user.email -match ".*"', {})).toBe(false);
    expect(matches('user.email -notMatch "x"', { email: null })).toBe(false);
  });

  it('support Unicode classes, and legacy patterns pasted from .NET', () => {
    expect(matches('user.displayName -match "^\\p{Lu}\\p{Ll}+$"', { displayName: 'Émile' })).toBe(true);
    expect(matches('user.jobTitle -match "^a\\-b$"', { jobTitle: 'A-B' })).toBe(true);
    expect(matches('user.jobTitle -match "(?i)^lead"', { jobTitle: 'LEAD dev' })).toBe(true);
    expect(matches('user.displayName -match "^\\w+\\s\\w+$"', { displayName: 'Ann\u00a0Lee' })).toBe(true);
  });

  it('let a pattern turn case-insensitivity off with (?-i)', () => {
    expect(matches('user.jobTitle -match "(?-i)^Lead"', { jobTitle: 'LEAD dev' })).toBe(false);
    expect(matches('user.jobTitle -match "(?-i)^Lead"', { jobTitle: 'Lead dev' })).toBe(true);
  });

  it('do not look at values longer than 1,024 characters', () => {
    expect(matches('user.jobTitle -match "x"', { jobTitle: 'x'.repeat(1024) })).toBe(true);
    expect(matches('user.jobTitle -match "x"', { jobTitle: 'x'.repeat(1025) })).toBe(false);
    expect(matches('user.jobTitle -notMatch "y"', { jobTitle: 'x'.repeat(1025) })).toBe(false);
  });

  it('answer hostile patterns on the longest values they look at, through every evaluator', () => {
    // Exponential for a backtracking engine on these values; the linear-time engine just answers.
    const a1023 = 'a'.repeat(1023);
    expect(matches('user.jobTitle -match "(a+)+$"', { jobTitle: `${a1023}!` })).toBe(false);
    expect(matches('user.jobTitle -notMatch "(a+)+$"', { jobTitle: `${a1023}!` })).toBe(true);
    expect(matches('user.jobTitle -match "(a|aa)+$"', { jobTitle: `${a1023}a` })).toBe(true);
    expect(matches('user.jobTitle -match "(.*a){12}"', { jobTitle: 'a'.repeat(11) + 'b'.repeat(1013) })).toBe(
      false,
    );
    expect(matches('user.custom.note -match "^(\\w+\\s?)*$"', { custom: { note: `${a1023}!` } })).toBe(false);
    expect(
      matches('user.groups -any (_ -match "^(?:(?:a{0,4}){0,4}){0,4}!$")', {
        groups: [`${a1023}!`, `${'a'.repeat(64)}!`],
      }),
    ).toBe(true);
  });
});

describe('-lt, -le, -gt and -ge', () => {
  it.each([
    ['-lt 5', 4, true],
    ['-lt 5', 5, false],
    ['-le 5', 5, true],
    ['-gt 5', 5, false],
    ['-gt 5', 5.5, true],
    ['-ge 5', 5, true],
    ['-ge -1', -2, false],
  ])('level %s with %s is %s', (operation, level, expected) => {
    expect(matches(`user.custom.level ${operation}`, { custom: { level } })).toBe(expected);
  });

  it('read numeric strings and reject anything else', () => {
    expect(matches('user.custom.level -gt 5', { custom: { level: ' 10 ' } })).toBe(true);
    expect(matches('user.custom.level -gt 5', { custom: { level: '10 apples' } })).toBe(false);
    expect(matches('user.custom.level -lt 5', { custom: { level: '' } })).toBe(false);
    expect(matches('user.custom.level -lt 5', {})).toBe(false);
    expect(matches('user.custom.level -lt 5', { custom: { level: true } })).toBe(false);
  });

  it('compare ISO dates and date-times, including offsets', () => {
    const hired = (value: string) => ({ custom: { hired: value } });
    expect(matches('user.custom.hired -lt "2024-01-01"', hired('2023-12-31'))).toBe(true);
    expect(matches('user.custom.hired -lt "2024-01-01"', hired('2024-01-01'))).toBe(false);
    expect(matches('user.custom.hired -le "2024-01-01"', hired('2024-01-01T00:00:00Z'))).toBe(true);
    expect(matches('user.custom.hired -gt "2024-01-01T10:00:00Z"', hired('2024-01-01T11:30:00+01:00'))).toBe(
      true,
    );
    expect(matches('user.custom.hired -ge "2024-02-29"', hired('2024-03-01T00:00:00.000Z'))).toBe(true);
  });

  it('treat values that are not dates as not comparable', () => {
    expect(matches('user.custom.hired -lt "2024-01-01"', { custom: { hired: 'yesterday' } })).toBe(false);
    expect(matches('user.custom.hired -ge "2024-01-01"', { custom: { hired: 'yesterday' } })).toBe(false);
    expect(matches('user.custom.hired -lt "2024-01-01"', { custom: { hired: 20230101 } })).toBe(false);
    expect(matches('user.custom.hired -lt "2024-01-01"', { custom: { hired: '2023-02-30' } })).toBe(false);
  });
});

describe('-any and -all', () => {
  const groups = ['jira-users', 'Confluence-Users', 'Contractors'];

  it('-any holds when one value matches, ignoring case', () => {
    expect(matches('user.groups -any (_ -eq "contractors")', { groups })).toBe(true);
    expect(matches('user.groups -any (_ -eq "admins")', { groups })).toBe(false);
    expect(matches('user.groups -any (_ -startsWith "confluence-")', { groups })).toBe(true);
    expect(matches('user.groups -any (_ -in ["x", "JIRA-USERS"])', { groups })).toBe(true);
    expect(matches('user.groups -any (_ -match "^c.*s$" -and -not (_ -contains "users"))', { groups })).toBe(
      true,
    );
  });

  it('-all holds when every value matches', () => {
    expect(matches('user.groups -all (_ -contains "-")', { groups })).toBe(false);
    expect(matches('user.groups -all (_ -endsWith "s")', { groups })).toBe(true);
    expect(matches('user.idpGroups -all (_ -startsWith "sg-")', { idpGroups: ['sg-a', 'SG-b'] })).toBe(true);
  });

  it('are both false with no values, so an empty list never satisfies a rule by default', () => {
    for (const value of [undefined, []]) {
      expect(matches('user.groups -any (_ -ne "x")', { groups: value })).toBe(false);
      expect(matches('user.groups -all (_ -ne "x")', { groups: value })).toBe(false);
    }
  });

  it('take a single pushed value as a one-value list', () => {
    expect(matches('user.custom.team -any (_ -eq "red")', { custom: { team: 'Red' } })).toBe(true);
    expect(matches('user.custom.team -all (_ -eq "red")', { custom: { team: ['red', 'RED'] } })).toBe(true);
    expect(matches('user.custom.team -any (_ -eq "red")', { custom: { team: null } })).toBe(false);
  });

  it('scan long lists correctly', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `group-${i}`);
    expect(matches('user.groups -any (_ -eq "GROUP-4999")', { groups: many })).toBe(true);
    expect(matches('user.groups -any (_ -eq "group-5000")', { groups: many })).toBe(false);
  });
});

describe('-and, -or and -not', () => {
  const user = { department: 'Sales', jobTitle: 'Engineer' };
  it('combine as expected, with -and before -or', () => {
    expect(matches('user.department -eq "Sales" -and user.jobTitle -eq "Engineer"', user)).toBe(true);
    expect(matches('user.department -eq "x" -or user.jobTitle -eq "Engineer"', user)).toBe(true);
    expect(
      matches('user.department -eq "x" -and user.jobTitle -eq "x" -or user.jobTitle -eq "Engineer"', user),
    ).toBe(true);
    expect(
      matches('user.department -eq "x" -and (user.jobTitle -eq "x" -or user.jobTitle -eq "Engineer")', user),
    ).toBe(false);
    expect(matches('-not user.department -eq "x" -and user.jobTitle -eq "Engineer"', user)).toBe(true);
    expect(matches('-not (user.department -eq "Sales" -and user.jobTitle -eq "Engineer")', user)).toBe(false);
  });
});

describe('evaluateRule trace', () => {
  it('shows every comparison with the value it saw and its result, in pre-order with depth', () => {
    const rule = parsed(
      'user.department -eq "Sales" -and (user.jobTitle -startsWith "Eng" -or user.groups -any (_ -eq "contractors"))',
    );
    const result = evaluateRule(rule, {
      accountId: 'a-1',
      department: 'Marketing',
      jobTitle: 'Engineer',
      groups: ['Contractors', 'staff'],
    });
    expect(result).toEqual({
      matched: false,
      trace: [
        {
          depth: 0,
          kind: 'and',
          text: 'user.department -eq "Sales" -and (user.jobTitle -startsWith "Eng" -or user.groups -any (_ -eq "contractors"))',
          result: false,
        },
        {
          depth: 1,
          kind: 'compare',
          text: 'user.department -eq "Sales"',
          result: false,
          attribute: 'user.department',
          actual: 'Marketing',
        },
        {
          depth: 1,
          kind: 'or',
          text: 'user.jobTitle -startsWith "Eng" -or user.groups -any (_ -eq "contractors")',
          result: true,
        },
        {
          depth: 2,
          kind: 'compare',
          text: 'user.jobTitle -startsWith "Eng"',
          result: true,
          attribute: 'user.jobTitle',
          actual: 'Engineer',
        },
        {
          depth: 2,
          kind: 'any',
          text: 'user.groups -any (_ -eq "contractors")',
          result: true,
          attribute: 'user.groups',
          actual: ['Contractors', 'staff'],
          matchingValues: ['Contractors'],
        },
      ],
    });
  });

  it('explains results that may surprise', () => {
    const notes = (text: string, user: Partial<UserAttributes>) =>
      evaluateRule(parsed(text), { accountId: 'a', ...user }).trace.flatMap((t) => (t.note ? [t.note] : []));
    expect(notes('user.jobTitle -notStartsWith "x"', {})).toEqual([
      'user.jobTitle is null, so -notStartsWith is false',
    ]);
    expect(notes('user.custom.tags -contains "a"', { custom: { tags: ['a'] } })).toEqual([
      'user.custom.tags holds a list; -contains compares one value, so it is false (use -any)',
    ]);
    expect(notes('user.jobTitle -match "x"', { jobTitle: 'x'.repeat(2000) })).toEqual([
      'user.jobTitle is longer than 1024 characters, so -match is false',
    ]);
    expect(notes('user.groups -all (_ -eq "x")', { groups: [] })).toEqual([
      'user.groups has no values, so -all is false',
    ]);
  });

  it('shows -not with its operand', () => {
    const result = evaluateRule(parsed('-not (user.active -eq false)'), { accountId: 'a' });
    expect(result.matched).toBe(true);
    expect(result.trace.map((t) => [t.depth, t.kind, t.result, t.actual])).toEqual([
      [0, 'not', true, undefined],
      [1, 'compare', false, null],
    ]);
  });
});

describe('prepared users and rule sets', () => {
  it('evaluate many rules against one prepared user', () => {
    const user = prepareUser({ accountId: 'a', department: 'Sales', groups: ['x', 'y'] });
    expect(matchesRule(parsed('user.department -eq "sales"'), user)).toBe(true);
    expect(matchesRule(parsed('user.groups -any (_ -eq "Y")'), user)).toBe(true);
    expect(matchesRule(parsed('user.groups -all (_ -eq "y")'), user)).toBe(false);
  });

  it('return the indexes of matching rules in order', () => {
    const rules = [
      'user.department -eq "Sales"',
      'user.department -eq "Legal"',
      'user.groups -any (_ -startsWith "ji")',
      'user.email -endsWith "@example.com"',
      '-not (user.department -eq "Sales")',
    ].map(parsed);
    const match = createRuleMatcher(rules);
    expect(match({ accountId: 'a', department: 'sales', groups: ['JIRA'], email: 'a@EXAMPLE.com' })).toEqual([
      0, 2, 3,
    ]);
    expect(match({ accountId: 'b', department: 'Legal' })).toEqual([1, 4]);
  });
});
