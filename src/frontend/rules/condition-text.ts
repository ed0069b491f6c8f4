// The condition builder's writer: one attribute/operator/value choice as rule text in the editor's dialect, and
// how it joins the expression already typed, so the builder and the editor always hold the same text.
import {
  CUSTOM_ATTRIBUTE_NAME_PATTERN,
  findKnownAttribute,
  OPERATORS,
  parseRule,
  type AttributeInfo,
  type CompareOperator,
  type Dialect,
  type OperatorInfo,
} from '../../domain/rules';
import { formatString } from '../../domain/rules/format';
import type { Text } from '../../shared/i18n/text';

export interface ConditionDraft {
  /** A built-in attribute name (`department`) or a pushed one (`custom.costCenter`). */
  attribute: string;
  operator: CompareOperator;
  /** As typed; lists (-in/-notIn) are comma-separated. */
  value: string;
}

export type Joiner = 'and' | 'or';

export type BuiltCondition = { ok: true; text: string } | { ok: false; message: string };

/** Okta's grammar has no regular-expression function for attributes, and no -notIn/-notContains spelled alone. */
const OKTA_OPERATORS: ReadonlySet<CompareOperator> = new Set<CompareOperator>([
  'eq',
  'ne',
  'in',
  'notIn',
  'startsWith',
  'notStartsWith',
  'endsWith',
  'notEndsWith',
  'contains',
  'notContains',
  'lt',
  'le',
  'gt',
  'ge',
]);

const OKTA_TEXT_FUNCTIONS: Partial<Record<CompareOperator, string>> = {
  startsWith: 'String.startsWith', // i18n-exempt: Okta's function name
  notStartsWith: 'String.startsWith', // i18n-exempt: Okta's function name
  endsWith: 'String.endsWith', // i18n-exempt: Okta's function name
  notEndsWith: 'String.endsWith', // i18n-exempt: Okta's function name
  contains: 'String.stringContains', // i18n-exempt: Okta's function name
  notContains: 'String.stringContains', // i18n-exempt: Okta's function name
};

const OKTA_COMPARISONS: Partial<Record<CompareOperator, string>> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

const NEGATED: ReadonlySet<CompareOperator> = new Set<CompareOperator>([
  'notIn',
  'notStartsWith',
  'notEndsWith',
  'notContains',
]);

export function isCustomAttributeName(name: string): boolean {
  return name.startsWith('custom.');
}

function attributeInfo(name: string): AttributeInfo | undefined {
  return isCustomAttributeName(name) ? undefined : findKnownAttribute(name);
}

/** Operators the builder offers for an attribute in a dialect (order operators only fit pushed values). */
export function operatorsFor(attribute: string, dialect: Dialect): OperatorInfo[] {
  const info = attributeInfo(attribute);
  const custom = isCustomAttributeName(attribute);
  return OPERATORS.filter((op) => {
    if (op.family === 'order' && !custom) return false;
    if (dialect === 'okta' && !OKTA_OPERATORS.has(op.operator)) return false;
    if (info?.cardinality === 'multi') {
      // Okta can only ask whether a list holds a value (Arrays.contains).
      if (dialect === 'okta') return op.operator === 'eq';
      return op.family !== 'list' && op.family !== 'order';
    }
    if (info?.type === 'boolean' || info?.type === 'enum')
      return op.family === 'equality' || op.family === 'list';
    return true;
  });
}

function oktaString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

type Scalar = { kind: 'string'; text: string } | { kind: 'raw'; text: string };

function scalar(
  raw: string,
  info: AttributeInfo | undefined,
  operator: CompareOperator,
  text: Text,
): Scalar | string {
  const value = raw.trim();
  if (info?.type === 'boolean') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'raw', text: lower };
    return text.t('rules.builder.problems.trueOrFalse', { path: info.path });
  }
  if (info?.type === 'enum' && info.values && !info.values.includes(value))
    return text.t('rules.builder.problems.oneOf', {
      path: info.path,
      values: info.values.map((v) => `"${v}"`).join(', '),
    });
  const family = OPERATORS.find((o) => o.operator === operator)?.family;
  if (family === 'order' && /^-?\d+(\.\d+)?$/.test(value)) return { kind: 'raw', text: value };
  return { kind: 'string', text: value };
}

function literal(s: Scalar, dialect: Dialect): string {
  if (s.kind === 'raw') return s.text;
  return dialect === 'okta' ? oktaString(s.text) : formatString(s.text);
}

/**
 * Writes one condition; the result always parses in the chosen dialect. What is wrong with a draft is said in the
 * reader's words (`text`), except the grammar's own complaint about a value, which the engine words.
 */
export function buildCondition(draft: ConditionDraft, dialect: Dialect, text: Text): BuiltCondition {
  const attribute = draft.attribute.trim();
  if (!attribute) return { ok: false, message: text.t('rules.builder.problems.chooseAttribute') };
  if (isCustomAttributeName(attribute)) {
    const name = attribute.slice('custom.'.length);
    if (!CUSTOM_ATTRIBUTE_NAME_PATTERN.test(name))
      return { ok: false, message: text.t('rules.builder.problems.pushedNamePattern') };
  } else if (!findKnownAttribute(attribute)) {
    return { ok: false, message: text.t('rules.builder.problems.unknownAttribute', { name: attribute }) };
  }
  const info = attributeInfo(attribute);
  const allowed = operatorsFor(attribute, dialect);
  const op = allowed.find((o) => o.operator === draft.operator);
  if (!op)
    return {
      ok: false,
      message: text.t('rules.builder.problems.operatorNotApplicable', {
        operator: draft.operator,
        path: `user.${attribute}`,
      }),
    };
  const path = `user.${info?.name ?? attribute}`;

  let values: Scalar[];
  if (op.family === 'list') {
    const parts = draft.value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (parts.length === 0) return { ok: false, message: text.t('rules.builder.problems.listValues') };
    values = [];
    for (const part of parts) {
      const s = scalar(part, info, op.operator, text);
      if (typeof s === 'string') return { ok: false, message: s };
      values.push(s);
    }
  } else {
    if (draft.value.trim() === '') return { ok: false, message: text.t('rules.builder.problems.typeValue') };
    const s = scalar(draft.value, info, op.operator, text);
    if (typeof s === 'string') return { ok: false, message: s };
    values = [s];
  }

  const condition =
    dialect === 'okta'
      ? oktaCondition(path, op.operator, values, info?.cardinality === 'multi')
      : entraCondition(path, op, values, info?.cardinality === 'multi');
  // The builder promises text the editor accepts; a value the grammar refuses (e.g. a look-ahead in a regex) says why.
  const parsed = parseRule(condition, dialect);
  if (!parsed.ok) return { ok: false, message: parsed.errors.map((e) => e.message).join('; ') };
  return { ok: true, text: condition };
}

function entraCondition(path: string, op: OperatorInfo, values: Scalar[], multi: boolean): string {
  if (op.family === 'list')
    return `${path} ${op.token} [${values.map((v) => literal(v, 'entra')).join(', ')}]`;
  const value = literal(values[0]!, 'entra');
  return multi ? `${path} -any (_ ${op.token} ${value})` : `${path} ${op.token} ${value}`;
}

function oktaCondition(path: string, operator: CompareOperator, values: Scalar[], multi: boolean): string {
  const not = NEGATED.has(operator) ? '!' : '';
  if (operator === 'in' || operator === 'notIn')
    // i18n-exempt: Okta's grammar
    return `${not}Arrays.contains({${values.map((v) => literal(v, 'okta')).join(', ')}}, ${path})`;
  const value = literal(values[0]!, 'okta');
  // i18n-exempt: Okta's grammar
  if (multi) return `Arrays.contains(${path}, ${value})`;
  const fn = OKTA_TEXT_FUNCTIONS[operator];
  if (fn) return `${not}${fn}(${path}, ${value})`;
  return `${path} ${OKTA_COMPARISONS[operator] ?? '=='} ${value}`;
}

/**
 * Adds a condition to the expression typed so far. "and" binds tighter than "or" in both dialects, so an
 * expression whose top level is an "or" is wrapped before an "and" is added; anything else joins as written.
 */
export function appendCondition(
  existing: string,
  condition: string,
  joiner: Joiner,
  dialect: Dialect,
): string {
  const current = existing.trim();
  if (!current) return condition;
  const keyword = dialect === 'okta' ? (joiner === 'and' ? 'AND' : 'OR') : `-${joiner}`;
  let left = current;
  if (joiner === 'and') {
    const parsed = parseRule(current, dialect);
    if (parsed.ok && parsed.rule.tree.kind === 'or') left = `(${current})`;
  }
  return `${left} ${keyword} ${condition}`;
}
