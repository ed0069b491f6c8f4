// How one attribute value compares with one literal: the single definition both evaluators share.

import { parseIsoDate } from './iso-date';
import { MAX_MATCH_INPUT_LENGTH } from './linear-regex';
import { type CompareOperator, type ScalarLiteral } from './syntax-tree';

/** A value as it sits on UserAttributes: a scalar, a list, or absent. */
export type RawValue = unknown;

/**
 * Case folding for comparisons: lower case, and Unicode NFC so "é" typed and "é" pasted compare equal. Done once
 * per literal at parse time and once per user value, never per comparison.
 */
export function fold(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFC').toLowerCase() : text.toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Absent, null, "" and [] all count as null. */
export function isNullLike(raw: RawValue): boolean {
  return raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
}

/** The text a string operator sees: strings as they are, numbers and booleans spelled out, else null. */
export function scalarText(raw: RawValue): string | null {
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  return null;
}

/** The folded form of scalarText(raw). */
export function foldedText(raw: RawValue): string | null {
  const text = scalarText(raw);
  return text === null || typeof raw !== 'string' ? text : fold(text);
}

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Strict number reading: "42", "-1.5", "2e3"; NaN for anything else (unlike Number(""), which is 0). */
export function toNumber(raw: RawValue): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && NUMERIC.test(raw)) return Number(raw);
  return Number.NaN;
}

/** A literal with its folded and numeric forms worked out once. */
export interface PreparedScalar {
  readonly literal: ScalarLiteral;
  readonly folded: string;
  readonly number: number;
}

export function prepareScalar(literal: ScalarLiteral): PreparedScalar {
  switch (literal.type) {
    case 'string':
      return { literal, folded: fold(literal.value), number: toNumber(literal.value) };
    case 'number':
      return { literal, folded: String(literal.value), number: literal.value };
    case 'boolean':
      return { literal, folded: literal.value ? 'true' : 'false', number: Number.NaN };
    case 'null':
      return { literal, folded: '', number: Number.NaN };
  }
}

/** -eq: null matches only null-like values; text ignores case; numbers and booleans match their spellings. */
export function equalsScalar(raw: RawValue, folded: string | null, value: PreparedScalar): boolean {
  switch (value.literal.type) {
    case 'null':
      return isNullLike(raw);
    case 'string':
      if (typeof raw === 'string' || typeof raw === 'boolean') return folded === value.folded;
      return typeof raw === 'number' && raw === value.number;
    case 'number':
      return (typeof raw === 'number' || typeof raw === 'string') && toNumber(raw) === value.number;
    case 'boolean':
      if (typeof raw === 'boolean') return raw === value.literal.value;
      return typeof raw === 'string' && folded === value.folded;
  }
}

export function textTest(operator: CompareOperator, folded: string, value: string): boolean {
  switch (operator) {
    case 'startsWith':
    case 'notStartsWith':
      return folded.startsWith(value) === (operator === 'startsWith');
    case 'endsWith':
    case 'notEndsWith':
      return folded.endsWith(value) === (operator === 'endsWith');
    case 'contains':
    case 'notContains':
      return folded.includes(value) === (operator === 'contains');
    default:
      throw new Error(`not a text operator: ${operator}`);
  }
}

/** The text -match sees, or null when it is null or too long to match safely (then -match and -notMatch are false). */
export function matchableText(raw: RawValue): string | null {
  const text = scalarText(raw);
  return text === null || text.length > MAX_MATCH_INPUT_LENGTH ? null : text;
}

/** The comparable number for -lt/-le/-gt/-ge: the value itself for numbers, epoch ms for ISO dates. */
export function orderKey(raw: RawValue, byDate: boolean): number {
  if (byDate) return typeof raw === 'string' ? (parseIsoDate(raw.trim()) ?? Number.NaN) : Number.NaN;
  return typeof raw === 'number' || typeof raw === 'string' ? toNumber(raw) : Number.NaN;
}

export function orderTest(operator: CompareOperator, left: number, right: number): boolean {
  if (Number.isNaN(left)) return false;
  switch (operator) {
    case 'lt':
      return left < right;
    case 'le':
      return left <= right;
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    default:
      throw new Error(`not an order operator: ${operator}`);
  }
}

/** The order literal's key: numbers compare as numbers, strings are ISO dates (checked at parse time). */
export function literalOrderKey(literal: ScalarLiteral): { key: number; byDate: boolean } {
  if (literal.type === 'number') return { key: literal.value, byDate: false };
  if (literal.type === 'string') return { key: parseIsoDate(literal.value) ?? Number.NaN, byDate: true };
  return { key: Number.NaN, byDate: false };
}

/** The values -any/-all iterate: a list's items, a single value as a one-item list, nothing for null. */
export function itemsOf(raw: RawValue): readonly unknown[] {
  if (Array.isArray(raw)) return raw;
  return isNullLike(raw) ? [] : [raw];
}
