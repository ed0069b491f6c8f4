// Checks a rule expression for the resolver (`rules.checkExpression`): positioned errors, or the canonical text.
// Logic, not contract: the contract only declares the key and its response shape.
import { formatRule, parseRule, type Dialect } from '../domain/rules';
import type { ExpressionCheckView } from './contract';

export function checkExpression(text: string, dialect: Dialect): ExpressionCheckView {
  const parsed = parseRule(text, dialect);
  if (parsed.ok) return { ok: true, errors: [], canonical: formatRule(parsed.rule) };
  return {
    ok: false,
    canonical: null,
    errors: parsed.errors.map((e) => ({
      field: 'text',
      message: `Line ${e.line}, column ${e.column}: ${e.message}`,
      line: e.line,
      column: e.column,
      ...(e.length !== undefined ? { length: e.length } : {}),
    })),
  };
}
