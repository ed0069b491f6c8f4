// Compiles syntax trees into closures over a per-user view that folds each value once: the fast, trace-free path.

import { type UserAttributes } from './attributes';
import { ownValue } from './own-property';
import { compilePattern, type LinearRegex } from './linear-regex';
import {
  operatorFamily,
  type CompareOperator,
  type Literal,
  type RuleNode,
  type ScalarLiteral,
} from './syntax-tree';
import {
  equalsScalar,
  foldedText,
  itemsOf,
  literalOrderKey,
  matchableText,
  orderKey,
  orderTest,
  prepareScalar,
  type RawValue,
} from './values';

type Reader = (user: UserAttributes) => RawValue;

/** Where a view caches one attribute: built-ins have fixed slots, custom names are interned on first use. */
export interface Slot {
  readonly index: number;
  readonly read: Reader;
  /** True for built-in string attributes, whose values are typed as text. */
  readonly typedText: boolean;
  /** True for built-in multi-valued attributes, whose values are typed as lists of text. */
  readonly typedList: boolean;
}

const BUILT_IN_READERS: Readonly<Record<string, Reader>> = {
  accountId: (u) => u.accountId,
  email: (u) => u.email,
  emailDomain: (u) => u.emailDomain,
  displayName: (u) => u.displayName,
  department: (u) => u.department,
  jobTitle: (u) => u.jobTitle,
  organization: (u) => u.organization,
  location: (u) => u.location,
  timeZone: (u) => u.timeZone,
  preferredLanguage: (u) => u.preferredLanguage,
  accountType: (u) => u.accountType,
  active: (u) => u.active,
  groups: (u) => u.groups,
  idpGroups: (u) => u.idpGroups,
};

const slots = new Map<string, Slot>(
  Object.entries(BUILT_IN_READERS).map(([name, read], index) => [
    name,
    {
      index,
      read,
      typedText: name !== 'active' && name !== 'groups' && name !== 'idpGroups',
      typedList: name === 'groups' || name === 'idpGroups',
    },
  ]),
);

/** The slot for a canonical attribute name; custom names get the next free slot (an intern table, not state). */
export function slotFor(name: string): Slot {
  let slot = slots.get(name);
  if (!slot) {
    const custom = name.slice('custom.'.length);
    slot = { index: slots.size, read: (u) => ownValue(u.custom, custom), typedText: false, typedList: false };
    slots.set(name, slot);
  }
  return slot;
}

interface ListView {
  readonly raw: readonly unknown[];
  readonly folded: readonly (string | null)[];
  set?: ReadonlySet<string>;
}

/**
 * One user, ready for many rules: each value is read and folded at most once however many rules look at it.
 * Create one per user per pass (see prepareUser); it assumes the user does not change while in use.
 */
export class UserView {
  // Caches are made on first use: a rule set's matcher reads the user directly and needs none of them.
  private foldedCache: (string | null | undefined)[] | undefined;
  private listCache: (ListView | undefined)[] | undefined;
  private numberCache: (number | undefined)[] | undefined;
  private dateCache: (number | undefined)[] | undefined;

  constructor(readonly user: UserAttributes) {}

  raw(slot: Slot): RawValue {
    return slot.read(this.user);
  }

  folded(slot: Slot): string | null {
    const cache = (this.foldedCache ??= []);
    const cached = cache[slot.index];
    if (cached !== undefined) return cached;
    const value = foldedText(slot.read(this.user));
    cache[slot.index] = value;
    return value;
  }

  /** The value as a number (or epoch ms for dates) for -lt/-le/-gt/-ge; NaN when it is neither. */
  orderKey(slot: Slot, byDate: boolean): number {
    const cache = byDate ? (this.dateCache ??= []) : (this.numberCache ??= []);
    let key = cache[slot.index];
    if (key === undefined) {
      key = orderKey(slot.read(this.user), byDate);
      cache[slot.index] = key;
    }
    return key;
  }

  list(slot: Slot): ListView {
    const cache = (this.listCache ??= []);
    let view = cache[slot.index];
    if (!view) {
      const raw = itemsOf(slot.read(this.user));
      view = { raw, folded: raw.map(foldedText) };
      cache[slot.index] = view;
    }
    return view;
  }

  /** Whether a list holds this folded value: a scan for short lists, a set once lists are long. */
  listHas(slot: Slot, folded: string): boolean {
    const view = this.list(slot);
    if (view.folded.length <= 16) return view.folded.includes(folded);
    if (!view.set) {
      const set = new Set<string>();
      for (const value of view.folded) if (value !== null) set.add(value);
      view.set = set;
    }
    return view.set.has(folded);
  }
}

export type Predicate = (view: UserView) => boolean;
export type ValueTest = (raw: RawValue, folded: string | null) => boolean;

/** Compiled regexes shared by every rule compiled in one session, keyed by pattern. */
export type RegexCache = Map<string, LinearRegex>;

function regexFor(pattern: string, cache: RegexCache): LinearRegex {
  let regex = cache.get(pattern);
  if (!regex) {
    const compiled = compilePattern(pattern);
    if (!compiled.ok) throw new Error(compiled.problem.message);
    regex = compiled.regex;
    cache.set(pattern, regex);
  }
  return regex;
}

function negate(test: ValueTest): ValueTest {
  return (raw, folded) => !test(raw, folded);
}

function equalityTest(literal: ScalarLiteral): ValueTest {
  const value = prepareScalar(literal);
  if (literal.type === 'string') {
    const folded = value.folded;
    const number = value.number;
    return (raw, f) => f === folded || (typeof raw === 'number' && raw === number);
  }
  return (raw, f) => equalsScalar(raw, f, value);
}

function listTest(items: readonly ScalarLiteral[]): ValueTest {
  if (items.every((i) => i.type === 'string')) {
    const prepared = items.map(prepareScalar);
    const texts = new Set(prepared.map((p) => p.folded));
    const numbers = new Set(prepared.map((p) => p.number).filter((n) => !Number.isNaN(n)));
    return (raw, f) => f !== null && (texts.has(f) || (typeof raw === 'number' && numbers.has(raw)));
  }
  const tests = items.map(equalityTest);
  return (raw, f) => tests.some((t) => t(raw, f));
}

/** The test one comparison applies to a value (an attribute's, or one item's inside -any/-all). */
export function valueTest(operator: CompareOperator, literal: Literal, regexes: RegexCache): ValueTest {
  switch (operatorFamily(operator)) {
    case 'equality': {
      if (literal.type === 'list') throw new Error('equality with a list');
      const test = equalityTest(literal);
      return operator === 'eq' ? test : negate(test);
    }
    case 'list': {
      if (literal.type !== 'list') throw new Error(`${operator} without a list`);
      const test = listTest(literal.items);
      return operator === 'in' ? test : negate(test);
    }
    case 'text': {
      if (literal.type !== 'string') throw new Error(`${operator} without a string`);
      const value = prepareScalar(literal).folded;
      switch (operator) {
        case 'startsWith':
          return (_, f) => f !== null && f.startsWith(value);
        case 'notStartsWith':
          return (_, f) => f !== null && !f.startsWith(value);
        case 'endsWith':
          return (_, f) => f !== null && f.endsWith(value);
        case 'notEndsWith':
          return (_, f) => f !== null && !f.endsWith(value);
        case 'contains':
          return (_, f) => f !== null && f.includes(value);
        default:
          return (_, f) => f !== null && !f.includes(value);
      }
    }
    case 'regex': {
      if (literal.type !== 'string') throw new Error(`${operator} without a pattern`);
      const regex = regexFor(literal.value, regexes);
      const wanted = operator === 'match';
      return (raw) => {
        const text = matchableText(raw);
        return text !== null && regex.test(text) === wanted;
      };
    }
    case 'order': {
      if (literal.type === 'list') throw new Error(`${operator} with a list`);
      const { key, byDate } = literalOrderKey(literal);
      return (raw) => orderTest(operator, orderKey(raw, byDate), key);
    }
  }
}

/** Compiles the predicate inside -any/-all, which only ever looks at `_`. */
export function compileItem(node: RuleNode, regexes: RegexCache): ValueTest {
  switch (node.kind) {
    case 'compare':
      return valueTest(node.operator, node.value, regexes);
    case 'not':
      return negate(compileItem(node.operand, regexes));
    case 'and': {
      const parts = node.operands.map((o) => compileItem(o, regexes));
      return (raw, f) => parts.every((p) => p(raw, f));
    }
    case 'or': {
      const parts = node.operands.map((o) => compileItem(o, regexes));
      return (raw, f) => parts.some((p) => p(raw, f));
    }
    case 'quantifier':
      throw new Error('nested -any/-all');
  }
}

function compileQuantifier(node: Extract<RuleNode, { kind: 'quantifier' }>, regexes: RegexCache): Predicate {
  const slot = slotFor(node.attribute);
  const predicate = node.predicate;
  // The common `user.groups -any (_ -eq "x")` becomes one set lookup instead of a scan of every group.
  if (
    slot.typedList &&
    node.quantifier === 'any' &&
    predicate.kind === 'compare' &&
    predicate.operator === 'eq' &&
    predicate.value.type === 'string'
  ) {
    const wanted = prepareScalar(predicate.value).folded;
    return (v) => v.listHas(slot, wanted);
  }
  const test = compileItem(predicate, regexes);
  if (node.quantifier === 'any') {
    return (v) => {
      const list = v.list(slot);
      for (let i = 0; i < list.raw.length; i++) if (test(list.raw[i], list.folded[i]!)) return true;
      return false;
    };
  }
  return (v) => {
    const list = v.list(slot);
    if (list.raw.length === 0) return false;
    for (let i = 0; i < list.raw.length; i++) if (!test(list.raw[i], list.folded[i]!)) return false;
    return true;
  };
}

function compileCompare(node: Extract<RuleNode, { kind: 'compare' }>, regexes: RegexCache): Predicate {
  if (node.subject.kind !== 'attribute') throw new Error('_ outside -any/-all');
  const slot = slotFor(node.subject.name);
  const { operator, value } = node;
  // Specialised shapes read only the cached folded text or number they need; valueTest defines the meaning.
  if (slot.typedText && (operator === 'eq' || operator === 'ne') && value.type === 'string') {
    const wanted = prepareScalar(value).folded;
    return operator === 'eq' ? (v) => v.folded(slot) === wanted : (v) => v.folded(slot) !== wanted;
  }
  if (
    slot.typedText &&
    (operator === 'in' || operator === 'notIn') &&
    value.type === 'list' &&
    value.items.every((i) => i.type === 'string')
  ) {
    const wanted = new Set(value.items.map((i) => prepareScalar(i).folded));
    return operator === 'in'
      ? (v) => {
          const f = v.folded(slot);
          return f !== null && wanted.has(f);
        }
      : (v) => {
          const f = v.folded(slot);
          return f === null || !wanted.has(f);
        };
  }
  if (operatorFamily(operator) === 'text') {
    const test = valueTest(operator, value, regexes);
    return (v) => test(undefined, v.folded(slot));
  }
  if (operatorFamily(operator) === 'order' && value.type !== 'list') {
    const { key, byDate } = literalOrderKey(value);
    return (v) => orderTest(operator, v.orderKey(slot, byDate), key);
  }
  const test = valueTest(operator, value, regexes);
  return (v) => test(v.raw(slot), v.folded(slot));
}

/**
 * A rough relative cost of evaluating a node, so -and/-or try cheap parts first. Reordering is safe because
 * every part is pure and total: it changes how soon an answer is found, never the answer.
 */
export function costOf(node: RuleNode): number {
  switch (node.kind) {
    case 'compare': {
      const family = operatorFamily(node.operator);
      if (family === 'regex') return 8;
      if (family === 'equality' || family === 'list') return 1;
      return 2;
    }
    case 'quantifier':
      return 3 + 2 * costOf(node.predicate);
    case 'not':
      return costOf(node.operand);
    case 'and':
    case 'or':
      return node.operands.reduce((sum, o) => sum + costOf(o), 0);
  }
}

function cheapestFirst(operands: readonly RuleNode[]): RuleNode[] {
  return operands
    .map((node, index) => ({ node, index, cost: costOf(node) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index)
    .map((o) => o.node);
}

export function compileNode(node: RuleNode, regexes: RegexCache): Predicate {
  switch (node.kind) {
    case 'compare':
      return compileCompare(node, regexes);
    case 'quantifier':
      return compileQuantifier(node, regexes);
    case 'not': {
      const operand = compileNode(node.operand, regexes);
      return (v) => !operand(v);
    }
    case 'and': {
      const parts = cheapestFirst(node.operands).map((o) => compileNode(o, regexes));
      if (parts.length === 2) {
        const [a, b] = parts as [Predicate, Predicate];
        return (v) => a(v) && b(v);
      }
      return (v) => {
        for (const part of parts) if (!part(v)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = cheapestFirst(node.operands).map((o) => compileNode(o, regexes));
      if (parts.length === 2) {
        const [a, b] = parts as [Predicate, Predicate];
        return (v) => a(v) || b(v);
      }
      return (v) => {
        for (const part of parts) if (part(v)) return true;
        return false;
      };
    }
  }
}
