// evaluateRule: whether a user matches, with a trace of every comparison, the value it saw and its result.

import { attributePath, type UserAttributes } from './attributes';
import { slotFor, valueTest, type RegexCache } from './compile';
import { formatNode } from './format';
import { type ParsedRule } from './parse';
import { MAX_MATCH_INPUT_LENGTH } from './linear-regex';
import { isNullFalseOperator, operatorFamily, operatorToken, type RuleNode } from './syntax-tree';
import { foldedText, isNullLike, itemsOf, scalarText, type RawValue } from './values';

/** A value as the trace shows it: missing values appear as null. */
export type TracedValue = string | number | boolean | null | readonly unknown[];

/**
 * One step of an evaluation, in pre-order: the whole condition has depth 0, its parts depth 1, and so on, so
 * the admin page can indent them. Every part is evaluated (no short-circuit) so the trace explains everything.
 */
export interface TraceNode {
  depth: number;
  kind: 'and' | 'or' | 'not' | 'compare' | 'any' | 'all';
  /** Canonical Entra text of this part. */
  text: string;
  result: boolean;
  /** For comparisons and -any/-all: the attribute looked at, as written in rules (`user.department`). */
  attribute?: string;
  /** For comparisons and -any/-all: the value the attribute had. */
  actual?: TracedValue;
  /** For -any/-all: the values for which the inner condition held. */
  matchingValues?: readonly unknown[];
  /** Why a result may surprise: null values, over-long values, lists where one value was expected. */
  note?: string;
}

export interface Evaluation {
  matched: boolean;
  trace: TraceNode[];
}

/** The same reader the compiled path uses: built-ins by their fixed readers, custom names as own data only. */
function readAttribute(user: UserAttributes, name: string): RawValue {
  return slotFor(name).read(user);
}

function traced(raw: RawValue): TracedValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || Array.isArray(raw)) {
    return raw as TracedValue;
  }
  return null;
}

export function evaluateRule(rule: ParsedRule, user: UserAttributes): Evaluation {
  const trace: TraceNode[] = [];
  const regexes: RegexCache = new Map();

  const visit = (node: RuleNode, depth: number): boolean => {
    const entry: TraceNode = {
      depth,
      kind: node.kind === 'quantifier' ? node.quantifier : node.kind,
      text: formatNode(node),
      result: false,
    };
    trace.push(entry);
    switch (node.kind) {
      case 'and':
        entry.result = node.operands.map((o) => visit(o, depth + 1)).every(Boolean);
        break;
      case 'or':
        entry.result = node.operands.map((o) => visit(o, depth + 1)).some(Boolean);
        break;
      case 'not':
        entry.result = !visit(node.operand, depth + 1);
        break;
      case 'compare': {
        if (node.subject.kind !== 'attribute') throw new Error('_ outside -any/-all');
        const raw = readAttribute(user, node.subject.name);
        const path = attributePath(node.subject.name);
        entry.attribute = path;
        entry.actual = traced(raw);
        entry.result = valueTest(node.operator, node.value, regexes)(raw, foldedText(raw));
        const note = noteFor(path, node.operator, raw);
        if (note !== undefined) entry.note = note;
        break;
      }
      case 'quantifier': {
        const raw = readAttribute(user, node.attribute);
        const items = itemsOf(raw);
        const test = itemTest(node.predicate, regexes);
        const matching = items.filter((item) => test(item));
        entry.attribute = attributePath(node.attribute);
        entry.actual = traced(raw);
        entry.matchingValues = matching;
        entry.result =
          node.quantifier === 'any'
            ? matching.length > 0
            : items.length > 0 && matching.length === items.length;
        if (items.length === 0) {
          entry.note = `${entry.attribute} has no values, so -${node.quantifier} is false`;
        }
        break;
      }
    }
    return entry.result;
  };

  const matched = visit(rule.tree, 0);
  return { matched, trace };
}

/** The -any/-all inner condition as a test of one item; mirrors the compiled form through valueTest. */
function itemTest(node: RuleNode, regexes: RegexCache): (item: unknown) => boolean {
  switch (node.kind) {
    case 'compare': {
      const test = valueTest(node.operator, node.value, regexes);
      return (item) => test(item, foldedText(item));
    }
    case 'not': {
      const inner = itemTest(node.operand, regexes);
      return (item) => !inner(item);
    }
    case 'and': {
      const parts = node.operands.map((o) => itemTest(o, regexes));
      return (item) => parts.every((p) => p(item));
    }
    case 'or': {
      const parts = node.operands.map((o) => itemTest(o, regexes));
      return (item) => parts.some((p) => p(item));
    }
    case 'quantifier':
      throw new Error('nested -any/-all');
  }
}

function noteFor(
  path: string,
  operator: Parameters<typeof operatorToken>[0],
  raw: RawValue,
): string | undefined {
  const token = operatorToken(operator);
  if (Array.isArray(raw) && raw.length > 0 && isNullFalseOperator(operator)) {
    return `${path} holds a list; ${token} compares one value, so it is false (use -any)`;
  }
  if (isNullLike(raw) && isNullFalseOperator(operator)) return `${path} is null, so ${token} is false`;
  if (operatorFamily(operator) === 'regex') {
    const text = scalarText(raw);
    if (text !== null && text.length > MAX_MATCH_INPUT_LENGTH) {
      return `${path} is longer than ${MAX_MATCH_INPUT_LENGTH} characters, so ${token} is false`;
    }
  }
  return undefined;
}
