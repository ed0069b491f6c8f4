// Compiles -match patterns once, refusing the shapes that make backtracking regexes take exponential time.

/**
 * Most open-ended repeats (`*`, `+`, `{n,}`, or `{n,m}` with m above LARGE_REPEAT) one pattern may use. Each
 * one that can match the same characters as another multiplies backtracking by the input length, and an
 * unanchored pattern is tried at every position: measured on 1,024 characters, one repeat stays around a
 * millisecond while two unanchored ones take hundreds. So: one, or two when the pattern starts with ^ (and has
 * no top-level |), which removes the factor of trying every position.
 */
export const MAX_OPEN_REPEATS = 1;
export const MAX_OPEN_REPEATS_ANCHORED = 2;
/** A bounded repeat larger than this counts as open-ended. */
export const LARGE_REPEAT = 16;

/** -match only looks at values up to this length; longer values make both -match and -notMatch false. */
export const MAX_MATCH_INPUT_LENGTH = 1024;

export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; message: string };

interface GroupScan {
  start: number;
  repeats: boolean;
  alternates: boolean;
}

/** Why a pattern is too risky to run, or undefined when it is safe enough. */
export function riskInPattern(pattern: string): string | undefined {
  const groups: GroupScan[] = [];
  let openRepeats = 0;
  let topLevelAlternation = false;
  // What the next quantifier would apply to: a closed group's scan, an atom, or nothing.
  let lastAtom: GroupScan | 'atom' | undefined;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) {
        return `backreferences such as \\${next === 'k' ? 'k<name>' : next} can take exponential time; rewrite the pattern without them`;
      }
      i += 2;
      lastAtom = 'atom';
      continue;
    }
    if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
      lastAtom = 'atom';
      continue;
    }
    if (c === '(') {
      groups.push({ start: i, repeats: false, alternates: false });
      i += pattern.startsWith('(?<', i) && !/^\(\?<[=!]/.test(pattern.slice(i, i + 4)) ? 3 : 1;
      lastAtom = undefined;
      continue;
    }
    if (c === ')') {
      const group = groups.pop();
      if (group && groups.length > 0) {
        const parent = groups[groups.length - 1]!;
        parent.repeats ||= group.repeats;
        parent.alternates ||= group.alternates;
      }
      lastAtom = group ?? 'atom';
      i++;
      continue;
    }
    if (c === '|') {
      const group = groups[groups.length - 1];
      if (group) group.alternates = true;
      else topLevelAlternation = true;
      lastAtom = undefined;
      i++;
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      if (quantifier.repeats && lastAtom !== undefined && lastAtom !== 'atom') {
        if (lastAtom.repeats || lastAtom.alternates) {
          const text = pattern.slice(lastAtom.start, quantifier.end);
          const inner = lastAtom.repeats ? 'itself repeats' : 'has alternatives';
          return `${JSON.stringify(text)} repeats a group that ${inner}, which can take exponential time; rewrite it without nested repetition`;
        }
      }
      if (quantifier.repeats) {
        const group = groups[groups.length - 1];
        if (group) group.repeats = true;
      }
      if (quantifier.open) openRepeats++;
      if (lastAtom !== undefined && lastAtom !== 'atom' && quantifier.repeats) lastAtom.repeats = true;
      i = quantifier.end;
      if (pattern[i] === '?') i++;
      lastAtom = undefined;
      continue;
    }
    lastAtom = 'atom';
    i++;
  }
  const anchored = pattern.startsWith('^') && !topLevelAlternation;
  const allowed = anchored ? MAX_OPEN_REPEATS_ANCHORED : MAX_OPEN_REPEATS;
  if (openRepeats > allowed) {
    return anchored
      ? `the pattern has ${openRepeats} open-ended repeats (*, +, {n,}); at most ${allowed} are allowed so matching stays fast`
      : `the pattern has ${openRepeats} open-ended repeats (*, +, {n,}); at most ${allowed} is allowed unless the pattern starts with ^ (then ${MAX_OPEN_REPEATS_ANCHORED}), so matching stays fast — or use -startsWith, -endsWith or -contains`;
  }
  return undefined;
}

function readQuantifier(
  pattern: string,
  i: number,
): { end: number; repeats: boolean; open: boolean } | undefined {
  const c = pattern[i];
  if (c === '*' || c === '+') return { end: i + 1, repeats: true, open: true };
  if (c === '?') return { end: i + 1, repeats: false, open: false };
  if (c !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  return { end: i + match[0].length, repeats: max > 1, open: max > LARGE_REPEAT };
}

/**
 * Compiles a pattern case-insensitively. Unicode mode is used when the pattern is valid in it (so \p{L} and
 * astral characters work); patterns that only make sense in legacy mode (such as `\-` outside a class, common
 * in .NET patterns pasted from Entra) compile without it. A leading `(?i)` is dropped: matching already ignores
 * case.
 */
export function compilePattern(pattern: string): RegexCheck {
  const risk = riskInPattern(pattern);
  if (risk !== undefined) return { ok: false, message: `Regular expression is too risky: ${risk}` };
  const source = pattern.startsWith('(?i)') ? pattern.slice(4) : pattern;
  try {
    return { ok: true, regex: new RegExp(source, 'iu') };
  } catch {
    try {
      return { ok: true, regex: new RegExp(source, 'i') };
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split(': ').pop() ?? error.message) : 'invalid';
      return { ok: false, message: `Invalid regular expression ${JSON.stringify(pattern)}: ${reason}` };
    }
  }
}
