// Parses each Rule's condition once per rule object and remembers it, so planning many users never re-parses.

import { parseRule, type ParsedRule } from './parse';
import { type Rule } from './rule-model';
import { type RuleError } from './syntax-tree';

export type ConditionParse = { ok: true; parsed: ParsedRule } | { ok: false; errors: RuleError[] };

interface Cached {
  readonly text: string;
  readonly dialect: string;
  readonly condition: ConditionParse;
}

const cache = new WeakMap<Rule, Cached>();

/**
 * The parsed condition of a rule. Cached by rule object; a rule whose text or dialect changed since is
 * re-parsed, so mutating a rule in place is safe, just slower.
 */
export function conditionOf(rule: Rule): ConditionParse {
  const hit = cache.get(rule);
  if (hit && hit.text === rule.condition.text && hit.dialect === rule.condition.dialect) return hit.condition;
  const result = parseRule(rule.condition.text, rule.condition.dialect);
  const condition: ConditionParse = result.ok
    ? { ok: true, parsed: result.rule }
    : { ok: false, errors: result.errors };
  cache.set(rule, { text: rule.condition.text, dialect: rule.condition.dialect, condition });
  return condition;
}
