// Splits a rule's text into tokens for either dialect, collecting every lexical error with its position.

import { say } from './rule-problem';
import { quote, type SourceText } from './source-text';
import { type Dialect, type RuleError } from './syntax-tree';

export type TokenType =
  | 'name'
  | 'operator'
  | 'symbol'
  | 'string'
  | 'number'
  | '('
  | ')'
  | '['
  | ']'
  | '{'
  | '}'
  | ':'
  | ','
  | 'end';

export interface Token {
  readonly type: TokenType;
  /** The text exactly as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The decoded value of a string or number token. */
  readonly value?: string | number;
}

/** Okta's symbolic operators and what Entra writes instead. */
const OKTA_SYMBOLS: Readonly<Record<string, string>> = {
  '==': '-eq',
  '!=': '-ne',
  '<=': '-le',
  '>=': '-ge',
  '&&': '-and',
  '||': '-or',
  '<': '-lt',
  '>': '-gt',
  '!': '-not',
};

const TYPOGRAPHIC_QUOTES = new Set(['\u201c', '\u201d', '\u201e', '\u2018', '\u2019', '\u00ab', '\u00bb']);

const isNameStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isNameChar = (c: string): boolean => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

export function tokenize(source: SourceText, dialect: Dialect): { tokens: Token[]; errors: RuleError[] } {
  const text = source.text;
  const tokens: Token[] = [];
  const errors: RuleError[] = [];
  let i = 0;
  const push = (type: TokenType, start: number, end: number, value?: string | number): void => {
    tokens.push(
      value === undefined
        ? { type, text: text.slice(start, end), start, end }
        : { type, text: text.slice(start, end), start, end, value },
    );
  };

  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const before = errors.length;
      i = readString(source, dialect, i, tokens, errors);
      // An unclosed string swallows the quotes after it; anything reported past it would be noise.
      if (errors.length > before && errors[errors.length - 1]!.message.startsWith('Unclosed string')) break;
      continue;
    }
    if (TYPOGRAPHIC_QUOTES.has(c)) {
      errors.push(
        source.error(
          say(
            `Typographic quote ${c} cannot delimit a string; use a straight quote "`,
            'rules.problems.typographicQuote',
            {
              quote: c,
            },
          ),
          i,
          i + 1,
        ),
      );
      i++;
      continue;
    }
    if (isDigit(c) || (c === '-' && isDigit(text[i + 1] ?? ''))) {
      i = readNumber(text, i);
      push('number', start, i, normalizeZero(Number(text.slice(start, i))));
      continue;
    }
    if (c === '-' && /[A-Za-z]/.test(text[i + 1] ?? '')) {
      i++;
      while (i < text.length && /[A-Za-z]/.test(text[i]!)) i++;
      if (dialect === 'okta') {
        errors.push(
          source.error(
            say(
              `${quote(text.slice(start, i))} is Entra syntax; Okta expressions use ==, !=, AND, OR and !`,
              'rules.problems.entraSyntaxInOkta',
              { token: quote(text.slice(start, i)) },
            ),
            start,
            i,
          ),
        );
        continue;
      }
      push('operator', start, i);
      continue;
    }
    if (isNameStart(c)) {
      i = readName(text, i);
      push('name', start, i);
      continue;
    }
    const two = text.slice(i, i + 2);
    const symbol = OKTA_SYMBOLS[two] !== undefined ? two : OKTA_SYMBOLS[c] !== undefined ? c : undefined;
    if (symbol !== undefined) {
      i += symbol.length;
      if (dialect === 'entra') {
        errors.push(
          source.error(
            say(
              `${quote(symbol)} is Okta syntax; in Entra rules write ${OKTA_SYMBOLS[symbol]!}`,
              'rules.problems.oktaSyntaxInEntra',
              { token: quote(symbol), replacement: OKTA_SYMBOLS[symbol]! },
            ),
            start,
            i,
          ),
        );
        continue;
      }
      push('symbol', start, i);
      continue;
    }
    if (c === '=') {
      errors.push(
        source.error(
          say(
            `A single "=" does not compare; write ${dialect === 'entra' ? '-eq' : '=='}`,
            'rules.problems.singleEquals',
            { operator: dialect === 'entra' ? '-eq' : '==' },
          ),
          i,
          i + 1,
        ),
      );
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
      i++;
      push(c, start, i);
      continue;
    }
    if ((c === '{' || c === '}' || c === ':') && dialect === 'okta') {
      i++;
      push(c, start, i);
      continue;
    }
    const codePoint = String.fromCodePoint(text.codePointAt(i)!);
    errors.push(
      source.error(
        say(`Unexpected character ${quote(codePoint)}`, 'rules.problems.unexpectedCharacter', {
          character: quote(codePoint),
        }),
        i,
        i + codePoint.length,
      ),
    );
    i += codePoint.length;
  }
  tokens.push({ type: 'end', text: '', start: text.length, end: text.length });
  return { tokens, errors };
}

function readName(text: string, i: number): number {
  i++;
  for (;;) {
    while (i < text.length && isNameChar(text[i]!)) i++;
    if (text[i] === '.' && isNameStart(text[i + 1] ?? '')) {
      i += 2;
      continue;
    }
    return i;
  }
}

function readNumber(text: string, i: number): number {
  if (text[i] === '-') i++;
  while (isDigit(text[i] ?? '')) i++;
  if (text[i] === '.' && isDigit(text[i + 1] ?? '')) {
    i++;
    while (isDigit(text[i] ?? '')) i++;
  }
  if ((text[i] === 'e' || text[i] === 'E') && /^[+-]?\d/.test(text.slice(i + 1, i + 3))) {
    i += text[i + 1] === '+' || text[i + 1] === '-' ? 2 : 1;
    while (isDigit(text[i] ?? '')) i++;
  }
  return i;
}

/** -0 and 0 must be one value so formatting and re-parsing give the same tree. */
function normalizeZero(n: number): number {
  return n === 0 ? 0 : n;
}

/**
 * Entra strings escape with a backtick (`" `' ``), as Entra does; Okta strings with a backslash (\" \' \\),
 * keeping any other backslash as written so regular expressions read naturally. Neither may span lines.
 */
function readString(
  source: SourceText,
  dialect: Dialect,
  start: number,
  tokens: Token[],
  errors: RuleError[],
): number {
  const text = source.text;
  const delimiter = text[start]!;
  const escape = dialect === 'entra' ? '`' : '\\';
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === delimiter) {
      tokens.push({ type: 'string', text: text.slice(start, i + 1), start, end: i + 1, value });
      return i + 1;
    }
    if (c === '\n' || c === '\r') break;
    if (c === escape) {
      const next = text[i + 1] ?? '';
      if (next === '"' || next === "'" || next === escape) {
        value += next;
        i += 2;
        continue;
      }
      if (dialect === 'entra') {
        errors.push(
          source.error(
            say(
              `Unknown escape ${quote(c + next)} in a string; a backtick only escapes a quote or another backtick (write \`\` for a backtick)`,
              'rules.problems.unknownEscape',
              { escape: quote(c + next) },
            ),
            i,
            i + 2,
          ),
        );
        i += next === '' ? 1 : 2;
        continue;
      }
    }
    value += c;
    i++;
  }
  errors.push(
    source.error(
      say(`Unclosed string: add a closing ${delimiter}`, 'rules.problems.unclosedString', { delimiter }),
      start,
      i,
    ),
  );
  return i;
}
