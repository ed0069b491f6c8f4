// The rules engine's public interface: parse, evaluate (with trace) and format rules, plus the rule model.
//
// Stable exports other modules build on (see grammar.md for the language):
//   parseRule(text, dialect = 'entra') → { ok: true, rule: ParsedRule } | { ok: false, errors: RuleError[] }
//   evaluateRule(rule, user) → { matched, trace: TraceNode[] }   (full trace for the admin page's "why")
//   matchesRule(rule, user | PreparedUser) → boolean             (fast path, no trace)
//   prepareUser(user) → PreparedUser                             (fold a user's values once for many rules)
//   createRuleMatcher(rules) → (user) => indexes of matching rules (bulk evaluation of a rule set)
//   formatRule(rule) → canonical Entra text; parseRule(formatRule(r)).rule.tree deep-equals r.tree
//   describeRuleErrors(errors, text?) → readable text with line/column and a caret excerpt
//   KNOWN_ATTRIBUTES / OPERATORS: catalogues for the condition builder (name, path, single/multi, type, label)
//   Rule, Grant, ExclusiveSet, RULE_LIMITS: the saved model (rule-model.ts); priority: lower number wins
//   grantKey(grant) → 'group:<groupId>' | 'role:<projectId>:<roleId>' (the ledger key); parseGrantKey(key)
//   validateRuleInput(unknown) → { ok: true, rule } | { ok: false, errors: FieldError[] }
//   validateRuleSet(rules, { groupExists, roleExists, exclusiveSets? }) → Promise<FieldError[]>
//   conditionOf(rule) → the rule's parsed condition, cached per rule object
// Planning (desired vs held vs ledger) lives in ../access-plan.ts: planAccess.

import { formatNode } from './format';
import { type ParsedRule } from './parse';

export {
  KNOWN_ATTRIBUTES,
  CUSTOM_ATTRIBUTE_PREFIX,
  CUSTOM_ATTRIBUTE_NAME_PATTERN,
  findKnownAttribute,
  type AttributeInfo,
  type AttributeType,
  type CustomAttributeValue,
  type KnownAttributeName,
  type UserAttributes,
} from './attributes';
export {
  DIALECTS,
  MAX_RULE_LENGTH,
  OPERATORS,
  type CompareOperator,
  type Dialect,
  type Literal,
  type OperatorFamily,
  type OperatorInfo,
  type Quantifier,
  type RuleError,
  type RuleNode,
  type ScalarLiteral,
  type Subject,
} from './syntax-tree';
export {
  parseRule,
  matchesRule,
  prepareUser,
  createRuleMatcher,
  type ParsedRule,
  type ParseResult,
  type PreparedUser,
} from './parse';
export { evaluateRule, type Evaluation, type TraceNode, type TracedValue } from './evaluate';
export { describeRuleErrors } from './describe-errors';
export { MAX_MATCH_INPUT_LENGTH, MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE } from './linear-regex';
export { MAX_NESTING } from './entra-parser';
export {
  RULE_LIMITS,
  ID_PATTERN,
  ACCOUNT_ID_PATTERN,
  grantKey,
  parseGrantKey,
  compareRules,
  describeGrant,
  type ExclusiveSet,
  type Grant,
  type GrantRef,
  type GroupGrant,
  type OnUnmatch,
  type ProjectRoleGrant,
  type Rule,
  type RuleCondition,
} from './rule-model';
export { conditionOf, type ConditionParse } from './rule-conditions';
export { validateRuleInput, type FieldError, type RuleInputResult } from './validate-rule-input';
export { validateRuleSet, type RuleSetChecks } from './validate-rule-set';

/** Canonical Entra text for a parsed rule (whichever dialect it was written in). */
export function formatRule(rule: ParsedRule): string {
  return formatNode(rule.tree);
}
