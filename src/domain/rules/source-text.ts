// Turns offsets in a rule's text into 1-based line/column errors, and quotes text safely inside messages.

import { type Said } from './rule-problem';
import { type RuleError } from './syntax-tree';

export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.lineStarts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  /** An error spanning [start, end); a point error when end is omitted or not after start. */
  error(said: Said, start: number, end?: number): RuleError {
    const { line, column } = this.position(start);
    const error: RuleError = { message: said.message, problem: said.problem, line, column };
    if (end !== undefined && end > start) error.length = end - start;
    return error;
  }
}

/** Characters a message must not show raw: controls, zero-width and direction marks, separators, BOM. */
function isInvisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    code === 0x2060 ||
    code === 0xfeff
  );
}

/** Quotes a piece of the admin's text for a message, shortening it and making invisible characters visible. */
export function quote(text: string, max = 40): string {
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  let out = '';
  for (const c of shown) {
    const code = c.charCodeAt(0);
    out += isInvisible(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return `"${out}"`;
}
