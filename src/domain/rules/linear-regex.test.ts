// The -match engine: what RE2 refuses (at which offset in the pattern), what JavaScript spellings it translates,
// the limits, and hostile patterns evaluated to the right answer on 1 KB adversarial values.

import {
  compilePattern,
  MAX_PATTERN_LENGTH,
  MAX_PROGRAM_SIZE,
  type LinearRegex,
  type PatternProblem,
} from './linear-regex';

function compiled(pattern: string): LinearRegex {
  const result = compilePattern(pattern);
  if (!result.ok) throw new Error(`expected ${pattern} to compile: ${result.problem.message}`);
  return result.regex;
}

function problem(pattern: string): PatternProblem {
  const result = compilePattern(pattern);
  if (result.ok) throw new Error(`expected ${pattern} to be refused`);
  return result.problem;
}

/** The refused text, as the editor underlines it. */
function marked(pattern: string): string {
  const { start, end } = problem(pattern);
  return pattern.slice(start, end);
}

describe('constructs RE2 cannot run', () => {
  it.each([
    ['(?=a)b', '(?=', /^Look-ahead "\(\?=" is not supported: -match runs on the linear-time engine \(RE2\)/],
    ['x(?!a)', '(?!', /^Look-ahead "\(\?!" is not supported/],
    ['x(?<=a)b', '(?<=', /^Look-behind "\(\?<=" is not supported/],
    ['x(?<!a)b', '(?<!', /^Look-behind "\(\?<!" is not supported/],
    ['(a)\\1', '\\1', /^Back-reference "\\1" is not supported: .* cannot match repeated text$/],
    ['(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\\11', '\\11', /^Back-reference "\\11"/],
    // Inside a class JavaScript reads it as an octal escape; refused there too rather than guessed.
    ['[\\1]', '\\1', /^Back-reference "\\1"/],
    ['(?<x>a)\\k<x>', '\\k<x>', /^Back-reference "\\k<x>"/],
    ['(?P<x>a)(?P=x)', '(?P=', /^Back-reference "\(\?P="/],
    ['a(?>bc|b)c', '(?>', /^Atomic group "\(\?>" is not supported/],
    ['a*+b', '*+', /^Possessive quantifier "\*\+" is not supported/],
    ['a++b', '++', /^Possessive quantifier "\+\+"/],
    ['a?+b', '?+', /^Possessive quantifier "\?\+"/],
    ['a{2,3}+b', '{2,3}+', /^Possessive quantifier "\{2,3\}\+"/],
    ['(?(1)a|b)', '(?(', /^Conditional group "\(\?\(" is not supported/],
    ['a(?R)?b', '(?R', /^Recursion "\(\?R" is not supported/],
    ['(a(?1)?b)', '(?1', /^Recursion "\(\?1"/],
    ['(?<x>a)(?&x)', '(?&', /^Subroutine call "\(\?&"/],
  ])('refuses %s, marking %s', (pattern, text, message) => {
    expect(marked(pattern)).toBe(text);
    expect(problem(pattern).message).toMatch(message);
  });

  it.each([
    ['[(?=]', '?', true],
    ['[(?=]', 'x', false],
    ['\\(?=', '=', true],
    ['\\Q(?=a)\\1\\E', '(?=A)\\1', true],
    ['\\Q(?=a)', 'x(?=a)', true],
    ['a\\+\\+', 'A++', true],
  ] as const)('reads %s as literal text where it is not a construct (%j → %s)', (pattern, text, expected) => {
    expect(compiled(pattern).test(text)).toBe(expected);
  });
});

describe('patterns the engine cannot parse', () => {
  it.each([
    ['x(abc', '(', 'Invalid regular expression "x(abc": "(" is never closed; add a matching ")"'],
    ['ab)c', ')', 'Invalid regular expression "ab)c": ")" closes no group'],
    ['[a-', '[a-', 'Invalid regular expression "[a-": missing closing ]'],
    ['x[z-a]', 'z-a', 'Invalid regular expression "x[z-a]": invalid character class range "z-a"'],
    [
      'a{1001}',
      '{1001}',
      'Invalid regular expression "a{1001}": invalid repeat count "{1001}" (a repeat goes up to 1,000, nested repeats to 1,000 in all)',
    ],
    [
      '(?#note)a',
      '(?#',
      'Invalid regular expression "(?#note)a": invalid or unsupported Perl syntax "(?#" (the linear-time engine (RE2) supports (?:…), (?<name>…), (?P<name>…) and flags such as (?i) or (?s:…))',
    ],
  ])('refuses %s, marking %s', (pattern, text, message) => {
    expect(problem(pattern).message).toBe(message);
    expect(marked(pattern)).toBe(text);
  });
});

describe('limits', () => {
  it(`accepts patterns up to ${MAX_PATTERN_LENGTH} characters and marks what is beyond`, () => {
    const longest = '[a-z]'.repeat((MAX_PATTERN_LENGTH - 2) / 5) + 'ab';
    expect(longest).toHaveLength(MAX_PATTERN_LENGTH);
    expect(compiled(longest).test('x'.repeat(102) + 'AB')).toBe(true);
    const tooLong = `${longest}c`;
    expect(problem(tooLong)).toEqual({
      message: `The regular expression is 513 characters long; the limit is ${MAX_PATTERN_LENGTH}`,
      problem: { key: 'rules.problems.regexTooLong', values: { length: 513, limit: MAX_PATTERN_LENGTH } },
      start: MAX_PATTERN_LENGTH,
      end: MAX_PATTERN_LENGTH + 1,
    });
  });

  it(`accepts programs up to ${MAX_PROGRAM_SIZE} steps`, () => {
    // a{n} compiles to n steps plus a start and a match.
    expect(compiled(`a{${MAX_PROGRAM_SIZE - 2}}`).programSize).toBe(MAX_PROGRAM_SIZE);
    expect(problem(`a{${MAX_PROGRAM_SIZE - 1}}`)).toEqual({
      message: `The regular expression "a{${MAX_PROGRAM_SIZE - 1}}" is too large: it compiles to ${MAX_PROGRAM_SIZE + 1} steps and the limit is ${MAX_PROGRAM_SIZE}; use smaller {n,m} repeats, fewer alternatives, or -in / -startsWith for lists of values`,
      problem: {
        key: 'rules.problems.regexTooLarge',
        values: {
          pattern: `"a{${MAX_PROGRAM_SIZE - 1}}"`,
          steps: MAX_PROGRAM_SIZE + 1,
          limit: MAX_PROGRAM_SIZE,
        },
      },
      start: 0,
      end: 6,
    });
  });

  it("refuses the issue's bypass of the old guard (ten bounded repeats) as too large", () => {
    expect(problem(`^${'.{0,16}'.repeat(10)}!$`).message).toMatch(/is too large: it compiles to 325 steps/);
  });
});

describe('JavaScript spellings keep their meaning', () => {
  it('matches case-insensitively anywhere in the value, unless the pattern says (?-i)', () => {
    expect(compiled('example\\.COM$').test('ann@EXAMPLE.com')).toBe(true);
    expect(compiled('^ann').test('x ann')).toBe(false);
    expect(compiled('(?i)^lead').test('LEAD dev')).toBe(true);
    expect(compiled('(?-i)^Lead').test('LEAD dev')).toBe(false);
    expect(compiled('^straße$').test('STRASSE')).toBe(false);
    expect(compiled('^ǅ$').test('ǆ')).toBe(true);
  });

  it('reads \\s and \\S as JavaScript does, no-break and other Unicode spaces included', () => {
    for (const space of [' ', '\t', '\v', '\u00a0', '\u2007', '\u202f', '\u3000', '\ufeff']) {
      expect([space, compiled('^a\\sb$').test(`a${space}b`)]).toEqual([space, true]);
      expect([space, compiled('^a[\\s-]b$').test(`a${space}b`)]).toEqual([space, true]);
      expect([space, compiled('^a\\Sb$').test(`a${space}b`)]).toEqual([space, false]);
    }
    expect(compiled('^a\\Sb$').test('a-b')).toBe(true);
  });

  it('translates \\uXXXX, \\u{…}, surrogate pairs, \\cX, [\\b], [^] and []', () => {
    expect(compiled('^caf\\u00e9$').test('CAFÉ')).toBe(true);
    expect(compiled('^\\u{1F600}$').test('😀')).toBe(true);
    expect(compiled('^\\uD83D\\uDE00$').test('😀')).toBe(true);
    expect(compiled('^a\\cJb$').test('a\nb')).toBe(true);
    expect(compiled('^a[\\b]b$').test('a\bb')).toBe(true);
    expect(compiled('^a[^]b$').test('a\nb')).toBe(true);
    expect(compiled('a[]').test('a')).toBe(false);
    expect(compiled('a\\-b').test('A-B')).toBe(true);
  });

  it('supports Unicode classes, named groups and POSIX classes', () => {
    expect(compiled('^\\p{Lu}\\p{Ll}+$').test('Émile')).toBe(true);
    expect(compiled('^\\p{Greek}+$').test('αθηνα')).toBe(true);
    expect(compiled('^(?<first>\\w+) (?P<last>\\w+)$').test('Ann Lee')).toBe(true);
    expect(compiled('^[[:alpha:]]+$').test('abc')).toBe(true);
    expect(compiled('^[[:alpha:]]+$').test('ab1')).toBe(false);
    expect(compiled('').test('anything')).toBe(true);
  });
});

describe('hostile patterns on 1 KB adversarial values', () => {
  // Each of these takes a backtracking engine exponential (or high-polynomial) time on the first value; the
  // linear-time engine answers all of them. A backtracking engine would time the test out rather than pass.
  const a1023 = 'a'.repeat(1023);
  it.each([
    ['(a+)+$', `${a1023}!`, false],
    ['(a+)+$', `${a1023}a`, true],
    ['(a|aa)+$', `${a1023}!`, false],
    ['(a|aa)+$', `${a1023}A`, true],
    ['(a*)*b', a1023 + 'c', false],
    ['(.*a){12}', 'a'.repeat(11) + 'b'.repeat(1013), false],
    ['(.*a){12}', 'b'.repeat(1012) + 'a'.repeat(12), true],
    ['(x+x+)+y', 'x'.repeat(1024), false],
    ['(x+x+)+y', 'x'.repeat(1023) + 'Y', true],
    ['^(\\w+\\s?)*$', `${a1023}!`, false],
    ['^(\\w+\\s?)*$', 'ab cd '.repeat(170), true],
    ['^([a-z]+\\.)+com$', 'a.'.repeat(511) + 'x', false],
    ['^([a-z]+\\.)+com$', 'a.'.repeat(510) + 'com', true],
    // Nested bounded repeats: at most 4 × 4 × 4 = 64 a's before the "!".
    ['^(?:(?:a{0,4}){0,4}){0,4}!$', `${'a'.repeat(64)}!`, true],
    ['^(?:(?:a{0,4}){0,4}){0,4}!$', `${'a'.repeat(65)}!`, false],
    ['^(?:(?:a{0,4}){0,4}){0,4}!$', `${a1023}!`, false],
    // The shape, shortened to fit the program limit: at most 7 × 16 = 112 characters before "!".
    [`^${'.{0,16}'.repeat(7)}!$`, `${'x'.repeat(112)}!`, true],
    [`^${'.{0,16}'.repeat(7)}!$`, `${'x'.repeat(113)}!`, false],
    [`^${'.{0,16}'.repeat(7)}!$`, `${'a'.repeat(25)}@example.com`, false],
    // A DFA needs 2^240 states for this one; the engine falls back to its NFA within its memory budget.
    ['[ab]*a[ab]{240}c', `${'ab'.repeat(391)}${'b'.repeat(241)}c`, false],
    ['[ab]*a[ab]{240}c', `${'ab'.repeat(391)}a${'b'.repeat(240)}c`, true],
    ['(?:[ab]{0,10}a){10}c', `${'ab'.repeat(511)}bc`, false],
    ['(?:[ab]{0,10}a){10}c', `${'ab'.repeat(511)}ac`, true],
  ])('%s on adversarial value #%#', (pattern, value, expected) => {
    expect(value.length).toBeLessThanOrEqual(1024);
    expect(compiled(pattern).test(value)).toBe(expected);
  });
});
