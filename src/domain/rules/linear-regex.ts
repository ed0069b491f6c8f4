// Compiles -match patterns for a linear-time engine (RE2, through re2js), refusing what it cannot run, with the
// position of the construct in the pattern.
//
// A backtracking engine (JavaScript's RegExp) can take exponential time on a crafted pattern or value, and no
// static guard catches every such shape. RE2 never backtracks: a match costs at most (compiled program size ×
// value length) steps, whatever the pattern and the value. The limits below bound both factors.

import { RE2JS, RE2JSException, RE2JSSyntaxException, RE2Set } from 're2js';
import { say, type RuleProblem, type Said } from './rule-problem';
import { quote } from './source-text';

/** Longest pattern accepted, in UTF-16 code units (also bounds the time a pattern takes to compile). */
export const MAX_PATTERN_LENGTH = 512;

/**
 * Largest compiled program accepted (RE2's "program size": about one step per character or class, with a
 * bounded repeat {n,m} copying its operand m times). With MAX_MATCH_INPUT_LENGTH this bounds the worst match;
 * bench/adversarial-regex.ts measures adversarial patterns at this limit.
 */
export const MAX_PROGRAM_SIZE = 250;

/** -match only looks at values up to this length; longer values make both -match and -notMatch false. */
export const MAX_MATCH_INPUT_LENGTH = 1024;

/**
 * Memory each compiled pattern's lazy DFA may cache (re2js's estimate, in bytes). re2js's default, 8 MB per
 * pattern, would let 500 rules of adversarial patterns hold gigabytes; past this budget matching continues on
 * RE2's NFA, still in linear time (and, measured, no slower on adversarial patterns: the DFA stops thrashing).
 */
export const DFA_MEMORY_BYTES = 256 * 1024;

/** A compiled pattern: unanchored, case-insensitive, linear-time. */
export interface LinearRegex {
  /** The pattern as RE2 compiled it (JavaScript escapes translated). */
  readonly source: string;
  readonly programSize: number;
  /** Whether the pattern matches anywhere in the text, like RegExp.prototype.test. */
  test(text: string): boolean;
}

/** Why a pattern was refused, and where: UTF-16 offsets into the pattern, end exclusive. */
export interface PatternProblem extends Said {
  readonly message: string;
  readonly problem: RuleProblem;
  readonly start: number;
  readonly end: number;
}

export type PatternCheck = { ok: true; regex: LinearRegex } | { ok: false; problem: PatternProblem };

/**
 * JavaScript's \s (Unicode white space and line terminators). RE2's \s is only [\t\n\f\r ], and values pasted
 * from documents carry no-break spaces, so \s keeps the meaning it had with JavaScript's engine.
 */
const JS_SPACE =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

/** JavaScript's [^] (any character) and [] (none), which RE2 would read as the start of a class holding "]". */
const ANY_CHARACTER = '[\\x{0}-\\x{10FFFF}]';
const NO_CHARACTER = '[^\\x{0}-\\x{10FFFF}]';

const ENGINE = 'the linear-time engine (RE2)';

type Translation = { ok: true; source: string } | { ok: false; problem: PatternProblem };

function refuse(said: Said, start: number, end: number): { ok: false; problem: PatternProblem } {
  return { ok: false, problem: { ...said, start, end } };
}

/** What a group opening `(?…` is, when it is something RE2 cannot run; its length in the pattern. */
function unsupportedGroup(pattern: string, i: number): { what: Construct; length: number } | undefined {
  const rest = pattern.slice(i, i + 4);
  if (rest.startsWith('(?=') || rest.startsWith('(?!')) return { what: 'Look-ahead', length: 3 };
  if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) return { what: 'Look-behind', length: 4 };
  if (rest.startsWith('(?>')) return { what: 'Atomic group', length: 3 };
  if (rest.startsWith('(?(')) return { what: 'Conditional group', length: 3 };
  if (rest.startsWith('(?P=')) return { what: 'Back-reference', length: 4 };
  if (rest.startsWith('(?P>') || rest.startsWith('(?&')) return { what: 'Subroutine call', length: 3 };
  if (/^\(\?(R|[+-]?\d)/.test(rest)) return { what: 'Recursion', length: 3 };
  return undefined;
}

/** Constructs RE2 cannot run, by their English name, and the key that names them in a problem. */
const CONSTRUCTS = {
  'Look-ahead': 'rules.problems.regexConstruct.lookAhead',
  'Look-behind': 'rules.problems.regexConstruct.lookBehind',
  'Atomic group': 'rules.problems.regexConstruct.atomicGroup',
  'Conditional group': 'rules.problems.regexConstruct.conditionalGroup',
  'Back-reference': 'rules.problems.regexConstruct.backReference',
  'Subroutine call': 'rules.problems.regexConstruct.subroutineCall',
  Recursion: 'rules.problems.regexConstruct.recursion',
  'Possessive quantifier': 'rules.problems.regexConstruct.possessiveQuantifier',
} as const satisfies Record<string, RuleProblem['key']>;
type Construct = keyof typeof CONSTRUCTS;

function unsupportedMessage(what: Construct, text: string): Said {
  const values = { construct: say(what, CONSTRUCTS[what]), text: quote(text) };
  switch (what) {
    case 'Look-ahead':
    case 'Look-behind':
      return say(
        `${what} ${quote(text)} is not supported: -match runs on ${ENGINE}, which has no look-around; test that part with its own condition (-and, -not)`,
        'rules.problems.regexLookAround',
        values,
      );
    case 'Back-reference':
      return say(
        `${what} ${quote(text)} is not supported: -match runs on ${ENGINE}, which cannot match repeated text`,
        'rules.problems.regexBackReference',
        values,
      );
    case 'Atomic group':
      return say(
        `${what} ${quote(text)} is not supported by ${ENGINE}; use a plain group (?:…), which never backtracks there`,
        'rules.problems.regexAtomicGroup',
        values,
      );
    case 'Possessive quantifier':
      return say(
        `${what} ${quote(text)} is not supported by ${ENGINE}; drop the last "+", since RE2 never backtracks`,
        'rules.problems.regexPossessive',
        values,
      );
    default:
      return say(
        `${what} ${quote(text)} is not supported by ${ENGINE}`,
        'rules.problems.regexUnsupported',
        values,
      );
  }
}

/** A repeat count at i ({n}, {n,}, {n,m}), or undefined when the brace is a literal. */
function repeatAt(pattern: string, i: number): number | undefined {
  const match = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i, i + 24));
  return match ? match[0].length : undefined;
}

const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** An escape (pattern[i] is "\") translated to RE2, or why it is refused. */
function translateEscape(
  pattern: string,
  i: number,
  inClass: boolean,
): { ok: true; text: string; length: number } | { ok: false; problem: PatternProblem } {
  const next = pattern[i + 1];
  if (next === undefined) return { ok: true, text: '\\', length: 1 };
  if (next >= '1' && next <= '9') {
    let end = i + 2;
    while (end < pattern.length && pattern[end]! >= '0' && pattern[end]! <= '9') end++;
    return refuse(unsupportedMessage('Back-reference', pattern.slice(i, end)), i, end);
  }
  if (next === 'k' && pattern[i + 2] === '<') {
    const close = pattern.indexOf('>', i + 3);
    const end = close < 0 ? i + 3 : close + 1;
    return refuse(unsupportedMessage('Back-reference', pattern.slice(i, end)), i, end);
  }
  if (next === 'u') {
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(i + 2, i + 10));
    if (braced) return { ok: true, text: `\\x{${braced[1]!}}`, length: 2 + braced[0].length };
    const unit = pattern.slice(i + 2, i + 6);
    if (HEX4.test(unit)) {
      const high = parseInt(unit, 16);
      const low = pattern.slice(i + 8, i + 12);
      if (high >= 0xd800 && high <= 0xdbff && pattern.startsWith('\\u', i + 6) && HEX4.test(low)) {
        const lowUnit = parseInt(low, 16);
        if (lowUnit >= 0xdc00 && lowUnit <= 0xdfff) {
          const codePoint = 0x10000 + ((high - 0xd800) << 10) + (lowUnit - 0xdc00);
          return { ok: true, text: `\\x{${codePoint.toString(16)}}`, length: 12 };
        }
      }
      return { ok: true, text: `\\x{${unit}}`, length: 6 };
    }
  }
  if (next === 'c' && /^[A-Za-z]$/.test(pattern[i + 2] ?? '')) {
    const control = pattern.charCodeAt(i + 2) % 32;
    return { ok: true, text: `\\x{${control.toString(16)}}`, length: 3 };
  }
  if (next === 's') return { ok: true, text: inClass ? JS_SPACE : `[${JS_SPACE}]`, length: 2 };
  if (next === 'S' && !inClass) return { ok: true, text: `[^${JS_SPACE}]`, length: 2 };
  if (next === 'b' && inClass) return { ok: true, text: '\\x{08}', length: 2 };
  if (next === 'Q' && !inClass) {
    const close = pattern.indexOf('\\E', i + 2);
    const end = close < 0 ? pattern.length : close + 2;
    return { ok: true, text: pattern.slice(i, end), length: end - i };
  }
  const codePoint = String.fromCodePoint(pattern.codePointAt(i + 1)!);
  return { ok: true, text: `\\${codePoint}`, length: 1 + codePoint.length };
}

/**
 * Translates JavaScript spellings RE2 lacks (\uXXXX, \u{…}, \cX, [^], [], \s as JavaScript means it, [\b]) and
 * refuses constructs RE2 cannot run, at their position. Everything else is left for RE2's parser to judge.
 */
function translate(pattern: string): Translation {
  let out = '';
  let inClass = false;
  const openGroups: number[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const escape = translateEscape(pattern, i, inClass);
      if (!escape.ok) return escape;
      out += escape.text;
      i += escape.length;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      if (c === '[' && pattern[i + 1] === ':') {
        const close = pattern.indexOf(':]', i + 2);
        if (close >= 0) {
          out += pattern.slice(i, close + 2);
          i = close + 2;
          continue;
        }
      }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      if (pattern.startsWith('[]', i)) {
        out += NO_CHARACTER;
        i += 2;
        continue;
      }
      if (pattern.startsWith('[^]', i)) {
        out += ANY_CHARACTER;
        i += 3;
        continue;
      }
      inClass = true;
      const negated = pattern[i + 1] === '^';
      out += negated ? '[^' : '[';
      i += negated ? 2 : 1;
      continue;
    }
    if (c === '(') {
      const unsupported = pattern[i + 1] === '?' ? unsupportedGroup(pattern, i) : undefined;
      if (unsupported) {
        const end = i + unsupported.length;
        return refuse(unsupportedMessage(unsupported.what, pattern.slice(i, end)), i, end);
      }
      openGroups.push(i);
      const opener = pattern[i + 1] === '?' ? '(?' : '(';
      out += opener;
      i += opener.length;
      continue;
    }
    if (c === ')') {
      if (openGroups.pop() === undefined) {
        return refuse(
          say(
            `Invalid regular expression ${quote(pattern)}: ")" closes no group`,
            'rules.problems.regexUnopenedGroup',
            {
              pattern: quote(pattern),
            },
          ),
          i,
          i + 1,
        );
      }
      out += c;
      i++;
      continue;
    }
    const repeat = c === '*' || c === '+' || c === '?' ? 1 : c === '{' ? repeatAt(pattern, i) : undefined;
    if (repeat !== undefined) {
      const end = i + repeat;
      if (pattern[end] === '+') {
        return refuse(unsupportedMessage('Possessive quantifier', pattern.slice(i, end + 1)), i, end + 1);
      }
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    const codePoint = String.fromCodePoint(pattern.codePointAt(i)!);
    out += codePoint;
    i += codePoint.length;
  }
  const unclosed = openGroups.pop();
  if (unclosed !== undefined) {
    return refuse(
      say(
        `Invalid regular expression ${quote(pattern)}: "(" is never closed; add a matching ")"`,
        'rules.problems.regexUnclosedGroup',
        { pattern: quote(pattern) },
      ),
      unclosed,
      unclosed + 1,
    );
  }
  return { ok: true, source: out };
}

/** Extra advice for RE2's terser parse errors (RE2's own description is data and stays as RE2 words it). */
const ENGINE_HINTS: Readonly<Record<string, { readonly text: string; readonly key: RuleProblem['key'] }>> = {
  'invalid escape sequence': {
    text: 'RE2 knows \\d \\w \\s \\b \\x{…} \\p{…}, control escapes such as \\n and \\t, and escaped punctuation',
    key: 'rules.problems.regexHint.escape',
  },
  'invalid repeat count': {
    text: 'a repeat goes up to 1,000, nested repeats to 1,000 in all',
    key: 'rules.problems.regexHint.repeatCount',
  },
  'invalid nested repetition operator': {
    text: 'a repeat cannot directly repeat another one; group it first, as in (?:a+)?',
    key: 'rules.problems.regexHint.nestedRepeat',
  },
  'invalid or unsupported Perl syntax': {
    text: `${ENGINE} supports (?:…), (?<name>…), (?P<name>…) and flags such as (?i) or (?s:…)`,
    key: 'rules.problems.regexHint.groupSyntax',
  },
};

function engineProblem(pattern: string, error: RE2JSException): PatternProblem {
  const description = error instanceof RE2JSSyntaxException ? error.getDescription() : error.message;
  const fragment = error instanceof RE2JSSyntaxException ? error.getPattern() : null;
  // RE2 names the offending text; it is found in the admin's pattern unless it is the whole (translated) one.
  const at = fragment ? pattern.indexOf(fragment) : -1;
  const part = fragment !== null && at >= 0 && fragment.length < pattern.length ? fragment : undefined;
  const hint = Object.hasOwn(ENGINE_HINTS, description) ? ENGINE_HINTS[description]! : undefined;
  const where = part ? ` ${quote(part)}` : '';
  const values = { pattern: quote(pattern), description, part: where };
  const said = hint
    ? say(
        `Invalid regular expression ${quote(pattern)}: ${description}${where} (${hint.text})`,
        'rules.problems.regexInvalidWithHint',
        { ...values, hint: say(hint.text, hint.key) },
      )
    : say(
        `Invalid regular expression ${quote(pattern)}: ${description}${where}`,
        'rules.problems.regexInvalid',
        values,
      );
  return {
    ...said,
    start: part ? at : 0,
    end: part ? at + part.length : pattern.length,
  };
}

/**
 * Compiles a pattern for -match: case-insensitive (a pattern may turn that off with (?-i)), matching anywhere in
 * the value, in time linear in the value's length. Refuses what RE2 cannot run and patterns over the limits.
 */
export function compilePattern(pattern: string): PatternCheck {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    const length = pattern.length.toLocaleString('en-US');
    return refuse(
      say(
        `The regular expression is ${length} characters long; the limit is ${MAX_PATTERN_LENGTH.toLocaleString('en-US')}`,
        'rules.problems.regexTooLong',
        { length: pattern.length, limit: MAX_PATTERN_LENGTH },
      ),
      MAX_PATTERN_LENGTH,
      pattern.length,
    );
  }
  const translated = translate(pattern);
  if (!translated.ok) return translated;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(translated.source, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    if (error instanceof RE2JSException) return { ok: false, problem: engineProblem(pattern, error) };
    throw error;
  }
  const programSize = compiled.programSize();
  if (programSize > MAX_PROGRAM_SIZE) {
    return refuse(
      say(
        `The regular expression ${quote(pattern)} is too large: it compiles to ${programSize.toLocaleString('en-US')} steps and the limit is ${MAX_PROGRAM_SIZE}; use smaller {n,m} repeats, fewer alternatives, or -in / -startsWith for lists of values`,
        'rules.problems.regexTooLarge',
        { pattern: quote(pattern), steps: programSize, limit: MAX_PROGRAM_SIZE },
      ),
      0,
      pattern.length,
    );
  }
  // RE2JS checked the pattern and measured it; a one-pattern set runs it, because only sets take a DFA budget.
  const matcher = new RE2Set(RE2Set.UNANCHORED, RE2JS.CASE_INSENSITIVE, DFA_MEMORY_BYTES);
  matcher.add(translated.source);
  matcher.compile();
  return {
    ok: true,
    regex: { source: translated.source, programSize, test: (text) => matcher.match(text).length > 0 },
  };
}
