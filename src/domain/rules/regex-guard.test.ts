// The ReDoS guard: which patterns are refused and why, which compile, and the flags they compile with.

import { compilePattern, riskInPattern } from './regex-guard';

describe('riskInPattern', () => {
  it.each([
    '(a+)+',
    '(a*)*b',
    '(?:x+y)+',
    '((ab)*c)*',
    '(a|aa)+',
    '(a|b)*c',
    '(a+){2}',
    '([a-z]+\\.)+com',
    '(?<name>a+)+',
  ])('refuses nested repetition: %s', (pattern) => {
    expect(riskInPattern(pattern)).toMatch(/repeats a group that (itself repeats|has alternatives)/);
  });

  it.each(['(a)\\1', '(?<x>a)\\k<x>'])('refuses backreferences: %s', (pattern) => {
    expect(riskInPattern(pattern)).toMatch(/^backreferences/);
  });

  it.each(['.*@.*', '\\s*\\s*!', 'a+b+', 'x.{0,100}y.{0,20}', '^a.*|b.*'])(
    'refuses more than one open-ended repeat when unanchored: %s',
    (pattern) => {
      expect(riskInPattern(pattern)).toMatch(/at most 1 is allowed unless the pattern starts with \^/);
    },
  );

  it.each(['^.*a.*b.*', '^\\d+\\d+\\d+x'])('refuses more than two when anchored: %s', (pattern) => {
    expect(riskInPattern(pattern)).toMatch(/at most 2 are allowed/);
  });

  it.each([
    '^(Senior|Lead) ',
    'Engineer$',
    '^.*@example\\.com$',
    'Manager|Director',
    '^[a-z]+\\.[a-z]+@',
    '(a+)?',
    '(?:com|org)\\b',
    '[(+*]+',
    '^\\(a+\\)+',
    'a{2,16}b{1,16}c+',
    '^(a|b).*.*c$',
  ])('accepts %s', (pattern) => {
    expect(riskInPattern(pattern)).toBeUndefined();
  });
});

describe('compilePattern', () => {
  it('compiles case-insensitively in Unicode mode when it can', () => {
    const result = compilePattern('^\\p{Lu}');
    expect(result.ok && result.regex.flags).toBe('iu');
  });

  it('falls back to legacy mode for .NET-style escapes', () => {
    const result = compilePattern('a\\-b');
    expect(result.ok && result.regex.flags).toBe('i');
    expect(result.ok && result.regex.test('A-B')).toBe(true);
  });

  it('drops a leading (?i), which JavaScript does not understand', () => {
    const result = compilePattern('(?i)abc');
    expect(result.ok && result.regex.source).toBe('abc');
  });

  it('reports invalid patterns with the engine reason', () => {
    expect(compilePattern('a(b')).toEqual({
      ok: false,
      message: 'Invalid regular expression "a(b": Unterminated group',
    });
  });

  it('reports risky patterns before compiling them', () => {
    expect(compilePattern('(a+)+')).toEqual({
      ok: false,
      message:
        'Regular expression is too risky: "(a+)+" repeats a group that itself repeats, which can take exponential time; rewrite it without nested repetition',
    });
  });
});
