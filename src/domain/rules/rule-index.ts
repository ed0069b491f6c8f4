// Evaluates a whole rule set per user quickly: an index of each rule's necessary values picks the candidates.
//
// For most rules some exact value must be present for the rule to match: `user.department -eq "Sales"` needs
// department "sales"; `user.groups -any (_ -startsWith "jira-")` needs a group beginning "jira-". Each rule's
// guard is such a set of keys (any one of them must be present). Per user, the index looks up the user's own
// values and evaluates only rules whose guard was hit, plus the rules without a guard. The guard is only a
// pre-filter: every candidate is still evaluated in full, so results are exactly those of evaluating every rule.
// The one exception is a rule that *is* its guard (a single indexable comparison, or an -or of them): a hit
// proves it matches, so it is not evaluated again.

import { compileNode, slotFor, type UserView, type Predicate, type RegexCache, type Slot } from './compile';
import { type RuleNode } from './syntax-tree';
import { fold, toNumber } from './values';

type KeyMode = 'exact' | 'prefix' | 'suffix';

interface GuardKey {
  readonly mode: KeyMode;
  readonly value: string;
}

/** Keys for one slot: the rule can only match if the slot's value (or one of its items) has one of them. */
interface SlotGuard {
  readonly slot: Slot;
  readonly list: boolean;
  readonly keys: readonly GuardKey[];
}

/** Whether a string literal, compared with `-eq`, can only equal values whose folded text is the literal's. */
function textOnlyEquality(value: string, typed: boolean): boolean {
  // A numeric literal also equals numbers written differently ("3.0" equals 3), which text keys cannot see.
  return typed || Number.isNaN(toNumber(value));
}

/** Guard keys for a condition on one value (an attribute's, or one item's inside -any/-all). */
function valueGuard(node: RuleNode, typed: boolean): GuardKey[] | null {
  switch (node.kind) {
    case 'compare': {
      const { operator, value } = node;
      if (operator === 'eq' && value.type === 'string' && textOnlyEquality(value.value, typed)) {
        return [{ mode: 'exact', value: fold(value.value) }];
      }
      if (operator === 'in' && value.type === 'list') {
        const keys: GuardKey[] = [];
        for (const item of value.items) {
          if (item.type !== 'string' || !textOnlyEquality(item.value, typed)) return null;
          keys.push({ mode: 'exact', value: fold(item.value) });
        }
        return keys;
      }
      if (
        (operator === 'startsWith' || operator === 'endsWith') &&
        value.type === 'string' &&
        value.value !== ''
      ) {
        return [{ mode: operator === 'startsWith' ? 'prefix' : 'suffix', value: fold(value.value) }];
      }
      return null;
    }
    case 'and':
      return smallest(node.operands.map((o) => valueGuard(o, typed)));
    case 'or':
      return unionAll(node.operands.map((o) => valueGuard(o, typed)));
    default:
      return null;
  }
}

function smallest<T extends { length: number }>(guards: readonly (T | null)[]): T | null {
  let best: T | null = null;
  for (const guard of guards) if (guard && (!best || guard.length < best.length)) best = guard;
  return best;
}

function unionAll<T>(guards: readonly (T[] | null)[]): T[] | null {
  if (guards.some((g) => g === null)) return null;
  return guards.flatMap((g) => g!);
}

/** A rule's guard: keys on one or more slots, any one of which must be present; null when none is known. */
function ruleGuard(node: RuleNode): SlotGuard[] | null {
  switch (node.kind) {
    case 'compare': {
      if (node.subject.kind !== 'attribute') return null;
      const slot = slotFor(node.subject.name);
      if (slot.typedList) return null;
      const keys = valueGuard(node, slot.typedText);
      return keys ? [{ slot, list: false, keys }] : null;
    }
    case 'quantifier': {
      // -all over a non-empty list implies -any, so both need an item with one of the keys.
      const slot = slotFor(node.attribute);
      const keys = valueGuard(node.predicate, slot.typedList);
      return keys ? [{ slot, list: true, keys }] : null;
    }
    case 'and': {
      const guards = node.operands.map(ruleGuard);
      let best: SlotGuard[] | null = null;
      let bestSize = Infinity;
      for (const guard of guards) {
        const size = guard?.reduce((n, g) => n + g.keys.length, 0) ?? Infinity;
        if (guard && size < bestSize) {
          best = guard;
          bestSize = size;
        }
      }
      return best;
    }
    case 'or':
      return unionAll(node.operands.map(ruleGuard));
    default:
      return null;
  }
}

/** Whether a hit on the value guard alone proves the condition: one indexable comparison, or an -or of them. */
function exactValue(node: RuleNode, typed: boolean): boolean {
  if (node.kind === 'compare') return valueGuard(node, typed) !== null;
  if (node.kind === 'or') return node.operands.every((o) => exactValue(o, typed));
  return false;
}

/**
 * Whether a hit on the rule's guard proves the rule matches, so it needs no evaluation: the rule is a single
 * indexable comparison or `-any`, or an `-or` of such (then the guard is the union of their exact keys).
 */
function isExact(node: RuleNode): boolean {
  switch (node.kind) {
    case 'compare': {
      if (node.subject.kind !== 'attribute') return false;
      const slot = slotFor(node.subject.name);
      return !slot.typedList && valueGuard(node, slot.typedText) !== null;
    }
    case 'quantifier':
      return node.quantifier === 'any' && exactValue(node.predicate, slotFor(node.attribute).typedList);
    case 'or':
      return node.operands.every(isExact);
    default:
      return false;
  }
}

interface SlotIndex {
  readonly slot: Slot;
  readonly list: boolean;
  readonly exact: Map<string, number[]>;
  /** By prefix length: prefix → rules. */
  readonly prefixes: Map<number, Map<string, number[]>>;
  readonly suffixes: Map<number, Map<string, number[]>>;
}

function addTo(map: Map<string, number[]>, key: string, rule: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [rule]);
  else if (list[list.length - 1] !== rule) list.push(rule);
}

/** Few distinct affixes are checked one by one (no allocation); many are looked up by length in maps. */
const AFFIX_SCAN_LIMIT = 16;

function affixLookups(byLength: Map<number, Map<string, number[]>>): {
  list: [string, number[]][];
  maps: [number, Map<string, number[]>][];
} {
  const total = [...byLength.values()].reduce((n, map) => n + map.size, 0);
  if (total <= AFFIX_SCAN_LIMIT) return { list: [...byLength.values()].flatMap((map) => [...map]), maps: [] };
  return { list: [], maps: [...byLength] };
}

/**
 * Compiles rule trees (in the order given) into a function returning the indexes of the trees a user matches,
 * ascending. The returned function is not re-entrant (it reuses a marks array) but is cheap to call per user.
 */
export function compileRuleSet(
  trees: readonly RuleNode[],
  precompiled?: readonly (Predicate | undefined)[],
): (view: UserView) => number[] {
  const regexes: RegexCache = new Map();
  const predicates = trees.map((tree, i) => precompiled?.[i] ?? compileNode(tree, regexes));
  const always: number[] = [];
  const exact = new Uint8Array(trees.length);
  const indexes = new Map<string, SlotIndex>();
  trees.forEach((tree, rule) => {
    const guard = ruleGuard(tree);
    if (!guard) {
      always.push(rule);
      return;
    }
    if (isExact(tree)) exact[rule] = 1;
    for (const { slot, list, keys } of guard) {
      const id = `${slot.index}:${list ? 'list' : 'value'}`;
      let index = indexes.get(id);
      if (!index) {
        index = { slot, list, exact: new Map(), prefixes: new Map(), suffixes: new Map() };
        indexes.set(id, index);
      }
      for (const key of keys) {
        if (key.mode === 'exact') {
          addTo(index.exact, key.value, rule);
          continue;
        }
        const byLength = key.mode === 'prefix' ? index.prefixes : index.suffixes;
        let map = byLength.get(key.value.length);
        if (!map) byLength.set(key.value.length, (map = new Map<string, number[]>()));
        addTo(map, key.value, rule);
      }
    }
  });
  const slotIndexes = [...indexes.values()].map((index) => {
    const prefixes = affixLookups(index.prefixes);
    const suffixes = affixLookups(index.suffixes);
    return {
      slot: index.slot,
      list: index.list,
      exact: index.exact,
      prefixList: prefixes.list,
      prefixMaps: prefixes.maps,
      suffixList: suffixes.list,
      suffixMaps: suffixes.maps,
    };
  });
  const marks = new Uint32Array(trees.length);
  const isAlways = new Uint8Array(trees.length);
  for (const rule of always) isAlways[rule] = 1;
  let stamp = 0;

  const mark = (rules: readonly number[] | undefined): void => {
    if (rules) for (const rule of rules) marks[rule] = stamp;
  };
  const lookUp = (index: (typeof slotIndexes)[number], value: string): void => {
    mark(index.exact.get(value));
    for (let i = 0; i < index.prefixList.length; i++) {
      const [prefix, rules] = index.prefixList[i]!;
      if (value.startsWith(prefix)) mark(rules);
    }
    for (let i = 0; i < index.prefixMaps.length; i++) {
      const [length, map] = index.prefixMaps[i]!;
      if (value.length >= length) mark(map.get(value.slice(0, length)));
    }
    for (let i = 0; i < index.suffixList.length; i++) {
      const [suffix, rules] = index.suffixList[i]!;
      if (value.endsWith(suffix)) mark(rules);
    }
    for (let i = 0; i < index.suffixMaps.length; i++) {
      const [length, map] = index.suffixMaps[i]!;
      if (value.length >= length) mark(map.get(value.slice(value.length - length)));
    }
  };

  return (view) => {
    if (++stamp === 0xffffffff) {
      marks.fill(0);
      stamp = 1;
    }
    for (const index of slotIndexes) {
      if (index.list) {
        const folded = view.list(index.slot).folded;
        for (let i = 0; i < folded.length; i++) {
          const value = folded[i]!;
          if (value !== null) lookUp(index, value);
        }
      } else {
        const value = view.folded(index.slot);
        if (value !== null) lookUp(index, value);
      }
    }
    const matched: number[] = [];
    for (let rule = 0; rule < predicates.length; rule++) {
      if (marks[rule] === stamp) {
        if (exact[rule] === 1 || predicates[rule]!(view)) matched.push(rule);
      } else if (isAlways[rule] === 1 && predicates[rule]!(view)) {
        matched.push(rule);
      }
    }
    return matched;
  };
}
