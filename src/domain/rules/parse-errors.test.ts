// Every parse error message with its exact position, for both dialects; and the plain-text rendering of errors.

import { inEnglish } from '../../../test/support/english';
import { ruleProblemText } from '../../shared/rule-problem-text';
import { describeRuleErrors, parseRule, type Dialect, type RuleError } from './index';

/** An error as these cases write it: the English sentence and its position (the key is checked by wording it). */
type Positioned = Omit<RuleError, 'problem'>;

/** Parses and checks that each problem's key, worded in English, reads exactly as the engine's sentence. */
function errorsOf(text: string, dialect: Dialect): { ok: boolean; errors?: Positioned[] } {
  const result = parseRule(text, dialect);
  if (result.ok) return { ok: true };
  return {
    ok: false,
    errors: result.errors.map(({ problem, ...error }) => {
      expect(ruleProblemText(inEnglish, problem)).toBe(error.message);
      return error;
    }),
  };
}

describe('parseRule errors (Entra)', () => {
  const entraCases: [string, Positioned[]][] = [
    [
      '',
      [
        {
          message: 'The rule is empty; write a condition such as user.department -eq "Sales"',
          line: 1,
          column: 1,
        },
      ],
    ],
    [
      '   \n ',
      [
        {
          message: 'The rule is empty; write a condition such as user.department -eq "Sales"',
          line: 1,
          column: 1,
        },
      ],
    ],
    [
      'user.departmnet -eq "Sales"',
      [
        {
          message: 'Unknown attribute "user.departmnet" — did you mean "user.department"?',
          line: 1,
          column: 1,
          length: 15,
        },
      ],
    ],
    [
      'user.foo -eq "x"',
      [
        {
          message: 'Unknown attribute "user.foo"; pushed attributes are written user.custom.<name>',
          line: 1,
          column: 1,
          length: 8,
        },
      ],
    ],
    [
      'department -eq "Sales"',
      [{ message: 'Attributes start with "user.": write user.department', line: 1, column: 1, length: 10 }],
    ],
    [
      'user.department -any (_ -eq "x")',
      [
        {
          message: '-any needs a multi-valued attribute; user.department has one value',
          line: 1,
          column: 17,
          length: 4,
        },
      ],
    ],
    [
      'user.department -eq "Sales',
      [{ message: 'Unclosed string: add a closing "', line: 1, column: 21, length: 6 }],
    ],
    [
      'user.department -eq "Sa\nles"',
      [{ message: 'Unclosed string: add a closing "', line: 1, column: 21, length: 3 }],
    ],
    [
      'user.department "Sales"',
      [
        {
          message:
            'Expected an operator such as -eq, -startsWith or -in after user.department, found the value "Sales"',
          line: 1,
          column: 17,
          length: 7,
        },
      ],
    ],
    ['user.department eq "Sales"', [{ message: 'Missing "-": write -eq', line: 1, column: 17, length: 2 }]],
    [
      'user.department -equals "Sales"',
      [{ message: 'Unknown operator "-equals" — did you mean "-eq"?', line: 1, column: 17, length: 7 }],
    ],
    [
      'user.department -eqq "Sales"',
      [{ message: 'Unknown operator "-eqq" — did you mean "-eq"?', line: 1, column: 17, length: 4 }],
    ],
    [
      'user.department -eq',
      [
        {
          message:
            'Expected a value after -eq: a "string", a number, true, false, null or a [list]; found the end of the rule',
          line: 1,
          column: 20,
        },
      ],
    ],
    [
      'user.department -eq -and',
      [
        {
          message:
            'Expected a value after -eq: a "string", a number, true, false, null or a [list]; found "-and"',
          line: 1,
          column: 21,
          length: 4,
        },
      ],
    ],
    [
      'user.department -eq "a" user.jobTitle -eq "b"',
      [
        {
          message: 'Expected -and, -or or the end of the rule, found "user.jobTitle"',
          line: 1,
          column: 25,
          length: 13,
        },
      ],
    ],
    [
      'user.department -eq "a" and user.jobTitle -eq "b"',
      [{ message: '"and" is Okta syntax; in Entra rules write -and', line: 1, column: 25, length: 3 }],
    ],
    [
      '(user.department -eq "a"',
      [{ message: 'Unclosed "(": add a matching ")"', line: 1, column: 1, length: 1 }],
    ],
    [
      'user.department -eq "a")',
      [{ message: 'Unexpected ")": there is no "(" to close', line: 1, column: 24, length: 1 }],
    ],
    [
      'user.department -eq "a" -and',
      [
        {
          message: 'Expected a condition after -and, such as user.department -eq "Sales"',
          line: 1,
          column: 29,
        },
      ],
    ],
    [
      '-not',
      [
        {
          message: 'Expected a condition after -not, such as user.department -eq "Sales"',
          line: 1,
          column: 5,
        },
      ],
    ],
    [
      'user.department == "a"',
      [{ message: '"==" is Okta syntax; in Entra rules write -eq', line: 1, column: 17, length: 2 }],
    ],
    [
      'user.active -eq true && user.department -eq "a"',
      [{ message: '"&&" is Okta syntax; in Entra rules write -and', line: 1, column: 22, length: 2 }],
    ],
    [
      'user.department -eq “Sales”',
      [
        {
          message: 'Typographic quote “ cannot delimit a string; use a straight quote "',
          line: 1,
          column: 21,
          length: 1,
        },
        {
          message: 'Typographic quote ” cannot delimit a string; use a straight quote "',
          line: 1,
          column: 27,
          length: 1,
        },
      ],
    ],
    [
      'user.department -eq "a" # comment',
      [{ message: 'Unexpected character "#"', line: 1, column: 25, length: 1 }],
    ],
    [
      'user.department -eq "a`n"',
      [
        {
          message:
            'Unknown escape "`n" in a string; a backtick only escapes a quote or another backtick (write `` for a backtick)',
          line: 1,
          column: 23,
          length: 2,
        },
      ],
    ],
    // Regular expressions: what RE2 cannot run is refused at the construct itself (the string starts at column 24).
    [
      'user.department -match "(?=a)b"',
      [
        {
          message:
            'Look-ahead "(?=" is not supported: -match runs on the linear-time engine (RE2), which has no look-around; test that part with its own condition (-and, -not)',
          line: 1,
          column: 25,
          length: 3,
        },
      ],
    ],
    [
      'user.department -match "x(?<!a)b"',
      [
        {
          message:
            'Look-behind "(?<!" is not supported: -match runs on the linear-time engine (RE2), which has no look-around; test that part with its own condition (-and, -not)',
          line: 1,
          column: 26,
          length: 4,
        },
      ],
    ],
    [
      'user.department -match "(a)\\1"',
      [
        {
          message:
            'Back-reference "\\1" is not supported: -match runs on the linear-time engine (RE2), which cannot match repeated text',
          line: 1,
          column: 28,
          length: 2,
        },
      ],
    ],
    [
      'user.department -match "(?<x>a)\\k<x>"',
      [
        {
          message:
            'Back-reference "\\k<x>" is not supported: -match runs on the linear-time engine (RE2), which cannot match repeated text',
          line: 1,
          column: 32,
          length: 5,
        },
      ],
    ],
    [
      'user.department -match "(?>a+)b"',
      [
        {
          message:
            'Atomic group "(?>" is not supported by the linear-time engine (RE2); use a plain group (?:…), which never backtracks there',
          line: 1,
          column: 25,
          length: 3,
        },
      ],
    ],
    [
      'user.department -match "a++b"',
      [
        {
          message:
            'Possessive quantifier "++" is not supported by the linear-time engine (RE2); drop the last "+", since RE2 never backtracks',
          line: 1,
          column: 26,
          length: 2,
        },
      ],
    ],
    [
      'user.department -match "[a-"',
      [
        {
          message: 'Invalid regular expression "[a-": missing closing ]',
          line: 1,
          column: 25,
          length: 3,
        },
      ],
    ],
    [
      'user.department -match "x(abc"',
      [
        {
          message: 'Invalid regular expression "x(abc": "(" is never closed; add a matching ")"',
          line: 1,
          column: 26,
          length: 1,
        },
      ],
    ],
    [
      'user.department -match "ab)c"',
      [
        {
          message: 'Invalid regular expression "ab)c": ")" closes no group',
          line: 1,
          column: 27,
          length: 1,
        },
      ],
    ],
    [
      'user.department -match "a{1001}"',
      [
        {
          message:
            'Invalid regular expression "a{1001}": invalid repeat count "{1001}" (a repeat goes up to 1,000, nested repeats to 1,000 in all)',
          line: 1,
          column: 26,
          length: 6,
        },
      ],
    ],
    [
      'user.department -match "[z-a]"',
      [
        {
          message: 'Invalid regular expression "[z-a]": invalid character class range "z-a"',
          line: 1,
          column: 26,
          length: 3,
        },
      ],
    ],
    [
      'user.department -match "a**"',
      [
        {
          message:
            'Invalid regular expression "a**": invalid nested repetition operator "**" (a repeat cannot directly repeat another one; group it first, as in (?:a+)?)',
          line: 1,
          column: 26,
          length: 2,
        },
      ],
    ],
    [
      'user.department -match "\\e"',
      [
        {
          message:
            'Invalid regular expression "\\e": invalid escape sequence (RE2 knows \\d \\w \\s \\b \\x{…} \\p{…}, control escapes such as \\n and \\t, and escaped punctuation)',
          line: 1,
          column: 25,
          length: 2,
        },
      ],
    ],
    // The bypass of the old guard: ten bounded repeats compile to more steps than the engine allows.
    [
      `user.email -match "^${'.{0,16}'.repeat(10)}!$"`,
      [
        {
          message:
            'The regular expression "^.{0,16}.{0,16}.{0,16}.{0,16}.{0,16}.{0…" is too large: it compiles to 325 steps and the limit is 250; use smaller {n,m} repeats, fewer alternatives, or -in / -startsWith for lists of values',
          line: 1,
          column: 20,
          length: 73,
        },
      ],
    ],
    [
      `user.department -match "${'x'.repeat(600)}"`,
      [
        {
          message: 'The regular expression is 600 characters long; the limit is 512',
          line: 1,
          column: 537,
          length: 88,
        },
      ],
    ],
    // A string with escapes: the pattern is not the text as typed, so the whole string is marked.
    [
      'user.department -match "a`"(?=b)"',
      [
        {
          message:
            'Look-ahead "(?=" is not supported: -match runs on the linear-time engine (RE2), which has no look-around; test that part with its own condition (-and, -not)',
          line: 1,
          column: 24,
          length: 10,
        },
      ],
    ],
    [
      'user.department -match "(?i)Ab" -and\n  user.email -match "(?!x)"',
      [
        {
          message:
            'Look-ahead "(?!" is not supported: -match runs on the linear-time engine (RE2), which has no look-around; test that part with its own condition (-and, -not)',
          line: 2,
          column: 22,
          length: 3,
        },
      ],
    ],
    [
      'user.groups -eq "admins"',
      [
        {
          message: 'user.groups has many values; use user.groups -any (_ -eq "admins")',
          line: 1,
          column: 13,
          length: 3,
        },
      ],
    ],
    [
      'user.groups -startsWith "jira"',
      [
        {
          message: 'user.groups has many values; use user.groups -any (_ -startsWith "jira")',
          line: 1,
          column: 13,
          length: 11,
        },
      ],
    ],
    [
      'user.groups -any _ -eq "x"',
      [
        {
          message: '-any needs a condition in parentheses, e.g. user.groups -any (_ -eq "admins")',
          line: 1,
          column: 18,
          length: 1,
        },
      ],
    ],
    [
      '_ -eq "x"',
      [
        {
          message:
            '_ stands for each value of a multi-valued attribute and only works inside -any (...) or -all (...)',
          line: 1,
          column: 1,
          length: 1,
        },
      ],
    ],
    [
      'user.groups -any (user.department -eq "x")',
      [
        {
          message: 'Inside user.groups -any (...) compare _ (each value of user.groups), not user.department',
          line: 1,
          column: 19,
          length: 15,
        },
      ],
    ],
    [
      'user.groups -any (_ -any (_ -eq "x"))',
      [
        {
          message: '-any cannot be nested: _ is already a single value of user.groups',
          line: 1,
          column: 21,
          length: 4,
        },
      ],
    ],
    [
      'user.department -in "Sales"',
      [{ message: '-in needs a list such as ["a", "b"]', line: 1, column: 21, length: 7 }],
    ],
    [
      'user.department -in []',
      [{ message: 'The list is empty; add at least one value', line: 1, column: 21, length: 2 }],
    ],
    [
      'user.department -eq ["a"]',
      [{ message: 'A list only works with -in or -notIn, not -eq', line: 1, column: 21, length: 5 }],
    ],
    [
      'user.department -in ["a",]',
      [{ message: 'Expected a value after ","', line: 1, column: 26, length: 1 }],
    ],
    [
      'user.department -in ["a" "b"]',
      [{ message: 'Expected "," or "]" in the list, found the value "b"', line: 1, column: 26, length: 3 }],
    ],
    [
      'user.department -in ["a"',
      [{ message: 'Unclosed "[": add a matching "]"', line: 1, column: 21, length: 1 }],
    ],
    [
      'user.department -in [["a"]]',
      [{ message: 'Lists cannot contain lists', line: 1, column: 22, length: 1 }],
    ],
    [
      'user.department -startsWith ""',
      [
        {
          message: '-startsWith needs a non-empty "string" value, not an empty string',
          line: 1,
          column: 29,
          length: 2,
        },
      ],
    ],
    [
      'user.department -startsWith null',
      [
        {
          message: '-startsWith needs a non-empty "string" value, not null; use -eq null or -ne null',
          line: 1,
          column: 29,
          length: 4,
        },
      ],
    ],
    [
      'user.department -contains 5',
      [{ message: '-contains needs a non-empty "string" value, not 5', line: 1, column: 27, length: 1 }],
    ],
    [
      'user.department -gt "M"',
      [
        {
          message:
            '-gt compares numbers or ISO dates, which only custom attributes (user.custom.<name>) hold; user.department holds text',
          line: 1,
          column: 17,
          length: 3,
        },
      ],
    ],
    [
      'user.custom.level -gt "high"',
      [
        {
          message: '-gt compares numbers or ISO dates such as "2025-01-31"; "high" is neither',
          line: 1,
          column: 23,
          length: 6,
        },
      ],
    ],
    [
      'user.custom.start -ge "2025-02-30"',
      [
        {
          message: '-ge compares numbers or ISO dates such as "2025-01-31"; "2025-02-30" is neither',
          line: 1,
          column: 23,
          length: 12,
        },
      ],
    ],
    [
      'user.custom.level -gt null',
      [
        {
          message: '-gt compares numbers or ISO dates such as "2025-01-31"; null is neither',
          line: 1,
          column: 23,
          length: 4,
        },
      ],
    ],
    [
      'user.active -eq "true"',
      [
        {
          message: 'user.active is true or false; write true or false without quotes',
          line: 1,
          column: 17,
          length: 6,
        },
      ],
    ],
    [
      'user.active -startsWith "t"',
      [{ message: 'user.active supports -eq and -ne only', line: 1, column: 13, length: 11 }],
    ],
    [
      'user.active -in [true]',
      [{ message: 'user.active supports -eq and -ne only', line: 1, column: 13, length: 3 }],
    ],
    [
      'user.accountType -eq "ap"',
      [
        {
          message:
            'user.accountType is "atlassian", "app" or "customer"; "ap" is none of them — did you mean "app"?',
          line: 1,
          column: 22,
          length: 4,
        },
      ],
    ],
    [
      'user.accountType -contains "a"',
      [
        {
          message: 'user.accountType supports -eq, -ne, -in and -notIn only',
          line: 1,
          column: 18,
          length: 9,
        },
      ],
    ],
    [
      'user.department -eq 5',
      [
        {
          message: 'user.department holds text; put the value in quotes: "5"',
          line: 1,
          column: 21,
          length: 1,
        },
      ],
    ],
    [
      'user.groups -any (_ -eq 5)',
      [
        {
          message: 'Values of user.groups are text; put the value in quotes: "5"',
          line: 1,
          column: 25,
          length: 1,
        },
      ],
    ],
    [
      'user.idpGroups -any (_ -gt 5)',
      [
        {
          message:
            '-gt compares numbers or ISO dates, which only custom attributes (user.custom.<name>) hold; values of user.idpGroups are text',
          line: 1,
          column: 24,
          length: 3,
        },
      ],
    ],
    [
      'user.custom.cost-center -eq "x"',
      [
        {
          message:
            'Names cannot contain "-": "user.custom.cost-center"; custom attribute names use letters, digits and _',
          line: 1,
          column: 1,
          length: 23,
        },
      ],
    ],
    [
      'user.custom.a.b -eq "x"',
      [
        {
          message:
            'Custom attribute names use letters, digits and _ only (no dots), as in user.custom.costCenter; found "user.custom.a.b"',
          line: 1,
          column: 1,
          length: 15,
        },
      ],
    ],
    [
      'user.custom.hired -ge system.now',
      [
        {
          message: 'system.now is not supported; compare with an ISO date such as "2025-01-31"',
          line: 1,
          column: 23,
          length: 10,
        },
      ],
    ],
    [
      'user.department -eq user.jobTitle',
      [
        {
          message: 'Compare against a value, not another attribute (user.jobTitle)',
          line: 1,
          column: 21,
          length: 13,
        },
      ],
    ],
    [
      '"Sales" -eq user.department',
      [
        {
          message:
            'Expected an attribute such as user.department, found the value "Sales"; put the attribute first',
          line: 1,
          column: 1,
          length: 7,
        },
      ],
    ],
    [
      'user.department -eq "a"\n  -and user.jobTitle -eqq "b"',
      [{ message: 'Unknown operator "-eqq" — did you mean "-eq"?', line: 2, column: 22, length: 4 }],
    ],
    [
      'user.department​ -eq "a"',
      [{ message: 'Unexpected character "\\u200b"', line: 1, column: 16, length: 1 }],
    ],
    [
      'user.location -eq "🏔" -and user.x -eq "a"',
      [
        {
          message: 'Unknown attribute "user.x"; pushed attributes are written user.custom.<name>',
          line: 1,
          column: 29,
          length: 6,
        },
      ],
    ],
  ];

  it.each(entraCases)('%j', (text, expected) => {
    expect(errorsOf(text, 'entra')).toEqual({ ok: false, errors: expected });
  });
});

describe('parseRule errors (Okta)', () => {
  const oktaCases: [string, Positioned[]][] = [
    [
      '',
      [
        {
          message: 'The expression is empty; write one such as user.department == "Sales"',
          line: 1,
          column: 1,
        },
      ],
    ],
    [
      'user.department -eq "a"',
      [
        {
          message: '"-eq" is Entra syntax; Okta expressions use ==, !=, AND, OR and !',
          line: 1,
          column: 17,
          length: 3,
        },
      ],
    ],
    [
      'user.department = "a"',
      [{ message: 'A single "=" does not compare; write ==', line: 1, column: 17, length: 1 }],
    ],
    [
      'String.startWith(user.title, "Eng")',
      [
        {
          message: 'Unknown function "String.startWith" — did you mean "String.startsWith"?',
          line: 1,
          column: 1,
          length: 16,
        },
      ],
    ],
    [
      'String.startsWith(user.title)',
      [
        {
          message:
            'String.startsWith takes an attribute and a "string", e.g. String.startsWith(user.jobTitle, "Eng")',
          line: 1,
          column: 1,
          length: 29,
        },
      ],
    ],
    [
      'isMemberOfGroup("00g123")',
      [
        {
          message:
            'isMemberOfGroup matches Okta group ids, which mean nothing here; use isMemberOfGroupName("name")',
          line: 1,
          column: 1,
          length: 15,
        },
      ],
    ],
    [
      'isMemberOfAnyGroup("00g1", "00g2")',
      [
        {
          message:
            'isMemberOfAnyGroup matches Okta group ids, which mean nothing here; use isMemberOfGroupName("name")',
          line: 1,
          column: 1,
          length: 18,
        },
      ],
    ],
    [
      "user.isMemberOf({'group.id': '00g'})",
      [
        {
          message:
            "user.isMemberOf with 'group.id' matches Okta group ids, which mean nothing here; use 'group.profile.name'",
          line: 1,
          column: 1,
          length: 36,
        },
      ],
    ],
    [
      "user.isMemberOf({'group.profile.name': 'W', 'operator': 'REGEX'})",
      [
        {
          message: "user.isMemberOf supports 'operator': 'EXACT' or 'STARTS_WITH'",
          line: 1,
          column: 57,
          length: 7,
        },
      ],
    ],
    [
      'Arrays.contains(user.department, "x")',
      [
        {
          message:
            'Arrays.contains needs a multi-valued attribute or a {list}; user.department has one value',
          line: 1,
          column: 17,
          length: 15,
        },
      ],
    ],
    [
      'Arrays.contains("x", "y")',
      [
        {
          message:
            'Arrays.contains takes a multi-valued attribute and a value, e.g. Arrays.contains(user.idpGroups, "admins"), or a {list} and an attribute',
          line: 1,
          column: 1,
          length: 25,
        },
      ],
    ],
    [
      'user.department == "a" AND',
      [{ message: 'Expected a condition such as user.department == "Sales"', line: 1, column: 27 }],
    ],
    [
      'user.department == "a" user.title == "b"',
      [
        {
          message: 'Expected AND, OR or the end of the expression, found "user.title"',
          line: 1,
          column: 24,
          length: 10,
        },
      ],
    ],
    [
      'user.department',
      [
        {
          message:
            'Expected a comparison such as ==, != or >= after user.department, found the end of the rule',
          line: 1,
          column: 16,
        },
      ],
    ],
    [
      'user.department == user.title',
      [
        {
          message: 'Compare against a value, not another attribute (user.title)',
          line: 1,
          column: 20,
          length: 10,
        },
      ],
    ],
    [
      '"a" == "b"',
      [
        {
          message: 'Expected an attribute such as user.department on one side of ==',
          line: 1,
          column: 1,
          length: 3,
        },
      ],
    ],
    [
      '(user.department == "a"',
      [{ message: 'Unclosed "(": add a matching ")"', line: 1, column: 1, length: 1 }],
    ],
    [
      'user.costCenter == "a"',
      [
        {
          message: 'Unknown attribute "user.costCenter"; pushed attributes are written user.custom.<name>',
          line: 1,
          column: 1,
          length: 15,
        },
      ],
    ],
    [
      'user.department == "a\\"b',
      [{ message: 'Unclosed string: add a closing "', line: 1, column: 20, length: 5 }],
    ],
    [
      'Arrays.contains({"a", "b"}, user.department',
      [{ message: 'Unclosed "(" after Arrays.contains: add a matching ")"', line: 1, column: 16, length: 1 }],
    ],
    [
      'isMemberOfGroupNameRegex("/(?=a)/")',
      [
        {
          message:
            'Look-ahead "(?=" is not supported: -match runs on the linear-time engine (RE2), which has no look-around; test that part with its own condition (-and, -not)',
          line: 1,
          column: 28,
          length: 3,
        },
      ],
    ],
    [
      'isMemberOfGroupNameRegex("(a)\\1")',
      [
        {
          message:
            'Back-reference "\\1" is not supported: -match runs on the linear-time engine (RE2), which cannot match repeated text',
          line: 1,
          column: 30,
          length: 2,
        },
      ],
    ],
    // Okta's \\ escape: the pattern is not the text as typed, so the whole string is marked.
    [
      'isMemberOfGroupNameRegex("/\\\\d(?=a)/")',
      [
        {
          message:
            'Look-ahead "(?=" is not supported: -match runs on the linear-time engine (RE2), which has no look-around; test that part with its own condition (-and, -not)',
          line: 1,
          column: 26,
          length: 12,
        },
      ],
    ],
    [
      'String.startsWith(user.title, 5)',
      [{ message: '-startsWith needs a non-empty "string" value, not 5', line: 1, column: 31, length: 1 }],
    ],
  ];

  it.each(oktaCases)('%j', (text, expected) => {
    expect(errorsOf(text, 'okta')).toEqual({ ok: false, errors: expected });
  });
});

describe('error positions', () => {
  it('underline exactly the offending text', () => {
    const text = 'user.department -eq "a" -and\n  user.jobTitel -startsWith "Eng"';
    const result = parseRule(text);
    if (result.ok) throw new Error('expected errors');
    const [error] = result.errors;
    const line = text.split('\n')[error!.line - 1]!;
    expect(line.slice(error!.column - 1, error!.column - 1 + error!.length!)).toBe('user.jobTitel');
  });

  it('count columns in UTF-16 code units, as editors do', () => {
    const result = parseRule('user.location -eq "🏔🏔" -and user.nope -eq "a"');
    expect(result.ok ? [] : result.errors.map((e) => e.column)).toEqual([31]);
  });

  it('handle \\r\\n and lone \\r line breaks', () => {
    const result = parseRule('user.department -eq "a"\r\n-and\ruser.nope -eq "b"');
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.column])).toEqual([[3, 1]]);
  });
});

describe('describeRuleErrors', () => {
  it('renders position, message and a caret excerpt', () => {
    const text = 'user.department -eq "Sales"\n-and user.departmnet -eq "x"';
    const result = parseRule(text);
    if (result.ok) throw new Error('expected errors');
    expect(describeRuleErrors(result.errors, text)).toBe(
      [
        'Line 2, column 6: Unknown attribute "user.departmnet" — did you mean "user.department"?',
        '  -and user.departmnet -eq "x"',
        '       ^^^^^^^^^^^^^^^',
      ].join('\n'),
    );
  });

  it('renders without the text, one error per line', () => {
    const problem = { key: 'rules.problems.emptyList' } as const;
    const errors: RuleError[] = [
      { message: 'first', problem, line: 1, column: 2 },
      { message: 'second', problem, line: 3, column: 4, length: 2 },
    ];
    expect(describeRuleErrors(errors)).toBe('Line 1, column 2: first\nLine 3, column 4: second');
  });
});
