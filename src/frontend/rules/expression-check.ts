// Checks a rule's text as the admin types (the pure rules engine runs in the page): each error with its line,
// column, the offending line and a caret under the problem, or the canonical text when it parses.
import { formatRule, parseRule, type Dialect } from '../../domain/rules';
import type { RuleProblem } from '../../domain/rules/rule-problem';
import type { Text } from '../../shared/i18n/text';
import { ruleProblemText } from '../../shared/rule-problem-text';

export interface PositionedError {
  line: number;
  column: number;
  /** The engine's English sentence, shown only for a problem that has no key. */
  message: string;
  /** The problem as a key with values, worded in the admin's language. */
  problem?: RuleProblem;
  /** The line the error is on, as typed. */
  excerpt: string;
  /** Spaces and carets that sit under the problem in `excerpt`. */
  caret: string;
}

export type ExpressionCheck =
  | { state: 'empty' }
  | { state: 'valid'; canonical: string; attributes: readonly string[] }
  | { state: 'invalid'; errors: PositionedError[] };

export function checkExpression(text: string, dialect: Dialect): ExpressionCheck {
  if (text.trim() === '') return { state: 'empty' };
  const parsed = parseRule(text, dialect);
  if (parsed.ok)
    return { state: 'valid', canonical: formatRule(parsed.rule), attributes: parsed.rule.attributes };
  const lines = text.split(/\r\n|\r|\n/);
  return {
    state: 'invalid',
    errors: parsed.errors.map((error) => {
      const excerpt = lines[error.line - 1] ?? '';
      const width = Math.max(1, Math.min(error.length ?? 1, excerpt.length - error.column + 1));
      return {
        line: error.line,
        column: error.column,
        message: error.message,
        ...(error.problem ? { problem: error.problem } : {}),
        excerpt,
        caret: `${' '.repeat(Math.max(0, error.column - 1))}${'^'.repeat(width)}`,
      };
    }),
  };
}

/**
 * `Line 2, column 7: message`, as the editor lists each error: the problem worded in the admin's language (the
 * engine's English sentence stays for logs and API answers, and for any problem that has no key).
 */
export function errorHeadline(text: Text, error: PositionedError): string {
  return text.t('rules.expression.errorAt', {
    line: error.line,
    column: error.column,
    message: error.problem ? ruleProblemText(text, error.problem) : error.message,
  });
}
