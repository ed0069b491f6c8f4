// The rule syntax tree both dialects parse into, the operator catalogue, and the public parse result types.

import type { RuleProblem } from './rule-problem';

export type Dialect = 'entra' | 'okta';

export const DIALECTS: readonly Dialect[] = ['entra', 'okta'];

/** The longest condition text accepted, as in Entra. */
export const MAX_RULE_LENGTH = 3072;

/** A problem in a rule's text. Positions are 1-based and count UTF-16 code units, as editors do. */
export interface RuleError {
  /** The engine's English sentence, for logs, audit entries and API replies. */
  message: string;
  /** The same problem as a key with values, which the page words in the admin's language. */
  problem: RuleProblem;
  line: number;
  column: number;
  /** How many characters the problem spans, when it spans more than a point. */
  length?: number;
}

export type EqualityOperator = 'eq' | 'ne';
export type ListOperator = 'in' | 'notIn';
export type TextOperator =
  'startsWith' | 'notStartsWith' | 'endsWith' | 'notEndsWith' | 'contains' | 'notContains';
export type RegexOperator = 'match' | 'notMatch';
export type OrderOperator = 'lt' | 'le' | 'gt' | 'ge';
export type CompareOperator = EqualityOperator | ListOperator | TextOperator | RegexOperator | OrderOperator;
export type Quantifier = 'any' | 'all';

export type OperatorFamily = 'equality' | 'list' | 'text' | 'regex' | 'order';

export interface OperatorInfo {
  readonly operator: CompareOperator;
  /** How Entra rules write it. */
  readonly token: string;
  readonly family: OperatorFamily;
  readonly label: string;
}

/** Every comparison operator, in the order the condition builder shows them. */
export const OPERATORS: readonly OperatorInfo[] = [
  { operator: 'eq', token: '-eq', family: 'equality', label: 'equals' },
  { operator: 'ne', token: '-ne', family: 'equality', label: 'does not equal' },
  { operator: 'in', token: '-in', family: 'list', label: 'is one of' },
  { operator: 'notIn', token: '-notIn', family: 'list', label: 'is none of' },
  { operator: 'startsWith', token: '-startsWith', family: 'text', label: 'starts with' },
  { operator: 'notStartsWith', token: '-notStartsWith', family: 'text', label: 'does not start with' },
  { operator: 'endsWith', token: '-endsWith', family: 'text', label: 'ends with' },
  { operator: 'notEndsWith', token: '-notEndsWith', family: 'text', label: 'does not end with' },
  { operator: 'contains', token: '-contains', family: 'text', label: 'contains' },
  { operator: 'notContains', token: '-notContains', family: 'text', label: 'does not contain' },
  { operator: 'match', token: '-match', family: 'regex', label: 'matches the regular expression' },
  {
    operator: 'notMatch',
    token: '-notMatch',
    family: 'regex',
    label: 'does not match the regular expression',
  },
  { operator: 'lt', token: '-lt', family: 'order', label: 'is less than' },
  { operator: 'le', token: '-le', family: 'order', label: 'is at most' },
  { operator: 'gt', token: '-gt', family: 'order', label: 'is greater than' },
  { operator: 'ge', token: '-ge', family: 'order', label: 'is at least' },
];

const operatorInfo = new Map(OPERATORS.map((o) => [o.operator, o]));

export function operatorToken(operator: CompareOperator): string {
  return operatorInfo.get(operator)!.token;
}

export function operatorFamily(operator: CompareOperator): OperatorFamily {
  return operatorInfo.get(operator)!.family;
}

/** Operators whose result on a null value is false, and whose negated forms are false on null too. */
export function isNullFalseOperator(operator: CompareOperator): boolean {
  const family = operatorFamily(operator);
  return family === 'text' || family === 'regex' || family === 'order';
}

export type ScalarLiteral =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' };

export type Literal = ScalarLiteral | { readonly type: 'list'; readonly items: readonly ScalarLiteral[] };

/** What a comparison looks at: a named attribute, or `_` (the current value inside `-any`/`-all`). */
export type Subject = { readonly kind: 'attribute'; readonly name: string } | { readonly kind: 'item' };

/**
 * A parsed condition. `and`/`or` are n-ary and never directly contain a node of their own kind (the parser
 * flattens them), so equivalent groupings give the same tree. Attribute names are canonical (`department`,
 * `custom.costCenter`), operators are canonical, and string literals keep the case the admin wrote.
 */
export type RuleNode =
  | { readonly kind: 'or'; readonly operands: readonly RuleNode[] }
  | { readonly kind: 'and'; readonly operands: readonly RuleNode[] }
  | { readonly kind: 'not'; readonly operand: RuleNode }
  | {
      readonly kind: 'compare';
      readonly subject: Subject;
      readonly operator: CompareOperator;
      readonly value: Literal;
    }
  | {
      readonly kind: 'quantifier';
      readonly quantifier: Quantifier;
      readonly attribute: string;
      readonly predicate: RuleNode;
    };

export type CompareNode = Extract<RuleNode, { kind: 'compare' }>;
export type QuantifierNode = Extract<RuleNode, { kind: 'quantifier' }>;
