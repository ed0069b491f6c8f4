// Evaluates a whole rule set per user quickly: shared comparisons, results remembered per value, and an index.
//
// Every comparison (`user.department -eq "Sales"`) and every `-any`/`-all` in the rule set becomes one shared
// *atom*, however many rules use it. A comparison's result depends only on its attribute's value, and an item
// test's (the condition inside -any/-all) only on one item, so the results of all atoms on an attribute are
// worked out once per distinct value and remembered (departments, titles, locations and groups repeat across
// users; values that do not, such as emails, only cost the same as not remembering). A miss looks the value up
// in an index of the exact -eq/-in keys and runs only the other tests. Per user, the atoms' results are copied
// into one truth table, which each rule's condition (compiled to postfix code) reads. A rule is a candidate only
// when one of its guard atoms (atoms at least one of which holds whenever the rule does) is true, or when it has
// no guard (a -not at the top, say); a rule that is one atom or an -or of atoms holds whenever it is a candidate.
// Results are exactly those of evaluating every rule with valueTest, as evaluateRule does.

import { type UserAttributes } from './attributes';
import { compileItem, slotFor, valueTest, type RegexCache, type Slot, type ValueTest } from './compile';
import { type CompareNode, type Literal, type QuantifierNode, type RuleNode } from './syntax-tree';
import { fold, foldedText, itemsOf, toNumber } from './values';

/** Remembered values per attribute before the memory is dropped and refilled (bounds memory, not results). */
const MEMO_LIMIT = 4096;

/** The folded keys an -eq/-in can only equal by folded text (a numeric literal also equals numbers: not here). */
function exactKeys(operator: CompareNode['operator'], value: Literal): string[] | null {
  const textual = (v: Literal): v is { type: 'string'; value: string } =>
    v.type === 'string' && Number.isNaN(toNumber(v.value));
  if (operator === 'eq' && textual(value)) return [fold(value.value)];
  if (operator === 'in' && value.type === 'list' && value.items.every(textual)) {
    return value.items.map((item) => fold((item as { value: string }).value));
  }
  return null;
}

/** Identical literals give identical keys (unlike JSON, which writes NaN and Infinity alike as null). */
function literalKey(literal: Literal): string {
  switch (literal.type) {
    case 'list':
      return `[${literal.items.map(literalKey).join(',')}]`;
    case 'string':
      return JSON.stringify(literal.value);
    case 'number':
      return `n${String(literal.value)}`;
    case 'boolean':
      return literal.value ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

/** Identical conditions inside -any/-all give identical keys, so quantifiers share their item tests. */
function itemTestKey(node: RuleNode): string {
  switch (node.kind) {
    case 'compare':
      return `(${node.subject.kind === 'item' ? '_' : node.subject.name} ${node.operator} ${literalKey(node.value)})`;
    case 'not':
      return `(not ${itemTestKey(node.operand)})`;
    case 'and':
    case 'or':
      return `(${node.kind} ${node.operands.map(itemTestKey).join(' ')})`;
    case 'quantifier':
      return `(${node.quantifier} ${node.attribute} ${itemTestKey(node.predicate)})`;
  }
}

/** Tests on one kind of value (an attribute's, or one list item's), with an index for the exact ones. */
class TestTable {
  /** Folded value → local ids of exact tests it passes. */
  readonly exact = new Map<string, number[]>();
  /** Tests that need running on each new value. */
  readonly others: { readonly id: number; readonly test: ValueTest }[] = [];
  private readonly ids = new Map<string, number>();
  count = 0;

  /** The local id of a test, shared with an identical test already added. */
  add(key: string, test: ValueTest, keys: string[] | null): number {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.count++;
    this.ids.set(key, id);
    if (keys) {
      for (const k of new Set(keys)) {
        const list = this.exact.get(k);
        if (list) list.push(id);
        else this.exact.set(k, [id]);
      }
    } else {
      this.others.push({ id, test });
    }
    return id;
  }

  /** Writes which tests a value passes, 1 or 0, to out[offset + local id]. */
  run(raw: unknown, out: Uint8Array, offset: number): void {
    out.fill(0, offset, offset + this.count);
    const folded = foldedText(raw);
    if (folded !== null) {
      const hits = this.exact.get(folded);
      if (hits) for (let i = 0; i < hits.length; i++) out[offset + hits[i]!] = 1;
    }
    const others = this.others;
    for (let i = 0; i < others.length; i++) {
      const other = others[i]!;
      if (other.test(raw, folded)) out[offset + other.id] = 1;
    }
  }
}

/** Relative chance a guard's atoms hold: the rule's guard is the operand of an -and least likely to hold. */
function atomWeight(operator: CompareNode['operator'], value: Literal): number {
  if (exactKeys(operator, value)) return value.type === 'list' ? value.items.length : 1;
  if (operator === 'startsWith' || operator === 'endsWith') return 2;
  if (operator === 'contains' || operator === 'match') return 4;
  return 16;
}

/** Strings, numbers, booleans, null and undefined can key the memory; lists and objects are worked out each time. */
function memoizable(raw: unknown): boolean {
  return raw === null || (typeof raw !== 'object' && typeof raw !== 'function');
}

/**
 * How many lookups an attribute's memory is judged over: when most were misses (emails, account ids), the
 * attribute stops being remembered and its tests run on every value, which then costs no allocation.
 */
const MEMO_WINDOW = 1024;

/** Remembering values, until a window of lookups shows they rarely repeat. */
class Memo<V> {
  private readonly values = new Map<unknown, V>();
  private lookups = 0;
  private misses = 0;
  /** Whether values are still remembered; once false, get always misses and remember does nothing. */
  active = true;

  get(raw: unknown): V | undefined {
    const value = this.values.get(raw);
    if (++this.lookups === MEMO_WINDOW) {
      if (this.misses * 2 > this.lookups) {
        this.active = false;
        this.values.clear();
      }
      this.lookups = 0;
      this.misses = 0;
    }
    return value;
  }

  remember(raw: unknown, value: V): void {
    this.misses++;
    if (this.values.size >= MEMO_LIMIT) this.values.clear();
    this.values.set(raw, value);
  }
}

/** A single-valued attribute's comparisons: atoms `first .. first + tests.count - 1`, in local id order. */
interface ValueSlot {
  readonly slot: Slot;
  readonly tests: TestTable;
  first: number;
  /** Per remembered value: each atom's result, and the rules whose guard those results hit. */
  readonly memo: Memo<ValueResult>;
}

interface ValueResult {
  readonly truth: Uint8Array;
  readonly rules: Int32Array;
}

/** A multi-valued attribute's -any/-all: atoms `first .. first + quantifiers.length - 1`. */
interface ListSlot {
  readonly slot: Slot;
  /** Item tests (the conditions inside -any/-all), shared by the quantifiers that use them. */
  readonly tests: TestTable;
  readonly quantifiers: { readonly test: number; readonly all: boolean; readonly key: string }[];
  first: number;
  /** Per remembered item: what it does to the list's atoms. */
  readonly memo: Memo<ItemResult>;
}

interface ItemResult {
  /** The -any atoms the item makes true, and the rules they guard. */
  readonly anyAtoms: Int32Array;
  readonly rules: Int32Array;
  /** The item tests used by -all quantifiers that the item passes. */
  readonly allTests: Int32Array;
}

/** Postfix formula codes: an atom id (≥ 0), or one of these; AND and OR are followed by their operand count. */
const NOT = -1;
const AND = -2;
const OR = -3;

/** Rule shapes evaluated without the general postfix loop (0 means general): one atom, an -and or -or of atoms. */
const ATOM = 1;
const ALL_ATOMS = 2;
const ANY_ATOMS = 3;

/**
 * Compiles rule trees (in the order given) into a function returning the indexes of the trees a user matches,
 * ascending. The returned function is not re-entrant (it reuses scratch arrays) but is cheap to call per user.
 */
export function compileRuleSet(trees: readonly RuleNode[]): (user: UserAttributes) => number[] {
  const regexes: RegexCache = new Map();
  const valueSlots = new Map<number, ValueSlot>();
  const listSlots = new Map<number, ListSlot>();
  // Atoms are numbered per slot once all are known; until then they are (slot, local id) pairs.
  type AtomRef = { readonly kind: 'value' | 'list'; readonly slot: number; readonly local: number };

  const valueAtom = (node: CompareNode): AtomRef => {
    if (node.subject.kind !== 'attribute') throw new Error('_ outside -any/-all');
    const slot = slotFor(node.subject.name);
    let entry = valueSlots.get(slot.index);
    if (!entry) {
      entry = { slot, tests: new TestTable(), first: 0, memo: new Memo() };
      valueSlots.set(slot.index, entry);
    }
    const test = valueTest(node.operator, node.value, regexes);
    const key = `${node.operator} ${literalKey(node.value)}`;
    const local = entry.tests.add(key, test, exactKeys(node.operator, node.value));
    return { kind: 'value', slot: slot.index, local };
  };

  const listAtom = (node: QuantifierNode): AtomRef => {
    const slot = slotFor(node.attribute);
    let entry = listSlots.get(slot.index);
    if (!entry) {
      entry = { slot, tests: new TestTable(), quantifiers: [], first: 0, memo: new Memo() };
      listSlots.set(slot.index, entry);
    }
    const predicate = node.predicate;
    const keys = predicate.kind === 'compare' ? exactKeys(predicate.operator, predicate.value) : null;
    const testKey = itemTestKey(predicate);
    const test = entry.tests.add(testKey, compileItem(predicate, regexes), keys);
    const key = `${node.quantifier} ${testKey}`;
    let local = entry.quantifiers.findIndex((q) => q.key === key);
    if (local < 0) local = entry.quantifiers.push({ test, all: node.quantifier === 'all', key }) - 1;
    return { kind: 'list', slot: slot.index, local };
  };

  // Pass 1: atoms, and each rule's condition and guard in terms of atom references.
  type Shape =
    | { readonly kind: 'atom'; readonly atom: AtomRef; readonly weight: number }
    | { readonly kind: 'and' | 'or'; readonly parts: readonly Shape[] }
    | { readonly kind: 'not'; readonly part: Shape };
  const shapeOf = (node: RuleNode): Shape => {
    switch (node.kind) {
      case 'compare':
        return { kind: 'atom', atom: valueAtom(node), weight: atomWeight(node.operator, node.value) };
      case 'quantifier': {
        const p = node.predicate;
        const weight =
          p.kind === 'compare' && node.quantifier === 'any' ? atomWeight(p.operator, p.value) : 16;
        return { kind: 'atom', atom: listAtom(node), weight };
      }
      case 'not':
        return { kind: 'not', part: shapeOf(node.operand) };
      case 'and':
      case 'or':
        return { kind: node.kind, parts: node.operands.map(shapeOf) };
    }
  };
  // A rule's guard: atoms one of which holds whenever the rule does (an -and needs only its likeliest-false part).
  type Guard = { readonly atoms: readonly AtomRef[]; readonly weight: number };
  const guardOf = (shape: Shape): Guard | null => {
    switch (shape.kind) {
      case 'atom':
        return { atoms: [shape.atom], weight: shape.weight };
      case 'not':
        return null;
      case 'or': {
        const guards = shape.parts.map(guardOf);
        if (guards.some((g) => g === null)) return null;
        return {
          atoms: guards.flatMap((g) => g!.atoms),
          weight: guards.reduce((sum, g) => sum + g!.weight, 0),
        };
      }
      case 'and': {
        let best: Guard | null = null;
        for (const guard of shape.parts.map(guardOf))
          if (guard && (!best || guard.weight < best.weight)) best = guard;
        return best;
      }
    }
  };
  const shapes = trees.map(shapeOf);

  // Pass 2: number the atoms, one contiguous range per slot.
  let atomCount = 0;
  for (const entry of valueSlots.values()) {
    entry.first = atomCount;
    atomCount += entry.tests.count;
  }
  for (const entry of listSlots.values()) {
    entry.first = atomCount;
    atomCount += entry.quantifiers.length;
  }
  const atomId = (ref: AtomRef): number =>
    (ref.kind === 'value' ? valueSlots.get(ref.slot)! : listSlots.get(ref.slot)!).first + ref.local;

  // Conditions as postfix code over the truth table, all rules in one array.
  const code: number[] = [];
  const codeStart = new Int32Array(trees.length + 1);
  const emit = (shape: Shape): void => {
    switch (shape.kind) {
      case 'atom':
        code.push(atomId(shape.atom));
        return;
      case 'not':
        emit(shape.part);
        code.push(NOT);
        return;
      case 'and':
      case 'or':
        shape.parts.forEach(emit);
        code.push(shape.kind === 'and' ? AND : OR, shape.parts.length);
        return;
    }
  };
  const shapeKind = new Uint8Array(trees.length);
  shapes.forEach((shape, rule) => {
    codeStart[rule] = code.length;
    emit(shape);
    if (shape.kind === 'atom') shapeKind[rule] = ATOM;
    else if (shape.kind !== 'not' && shape.parts.every((p) => p.kind === 'atom')) {
      shapeKind[rule] = shape.kind === 'and' ? ALL_ATOMS : ANY_ATOMS;
    }
  });
  codeStart[trees.length] = code.length;
  const program = Int32Array.from(code);
  const stack = new Uint8Array(Math.max(1, program.length));

  // The rules each atom guards; a rule without a guard is evaluated for every user.
  const guardedLists: number[][] = Array.from({ length: atomCount }, () => []);
  const always = new Uint8Array(trees.length);
  shapes.forEach((shape, rule) => {
    const guard = guardOf(shape);
    if (!guard) always[rule] = 1;
    else for (const id of new Set(guard.atoms.map(atomId))) guardedLists[id]!.push(rule);
  });
  const guarded = guardedLists.map((rules) => Int32Array.from(rules));
  // A rule that is one atom or an -or of atoms is guarded by all of them: being a candidate proves it holds.
  const proven = new Uint8Array(trees.length);
  const found = new Int32Array(trees.length);
  shapes.forEach((shape, rule) => {
    if (shapeKind[rule] === ATOM || shapeKind[rule] === ANY_ATOMS) proven[rule] = 1;
  });

  const truth = new Uint8Array(atomCount);
  // Per user: which rules to evaluate (guard hit, or no guard), as bits; starts as the unguarded rules.
  const words = Math.ceil(trees.length / 32);
  const candidates = new Uint32Array(words);
  const unguarded = new Uint32Array(words);
  always.forEach((flag, rule) => {
    if (flag === 1) unguarded[rule >>> 5] = unguarded[rule >>> 5]! | (1 << (rule & 31));
  });
  let stamp = 0;
  const mark = (rules: Int32Array): void => {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      candidates[rule >>> 5] = candidates[rule >>> 5]! | (1 << (rule & 31));
    }
  };

  /** Whether a rule's condition holds on the current truth table. */
  const holds = (rule: number): boolean => {
    let pc = codeStart[rule]!;
    const end = codeStart[rule + 1]!;
    switch (shapeKind[rule]) {
      case ATOM:
        return truth[program[pc]!] === 1;
      // The atoms, then the operator and its count.
      case ALL_ATOMS:
        for (; pc < end - 2; pc++) if (truth[program[pc]!] === 0) return false;
        return true;
      case ANY_ATOMS:
        for (; pc < end - 2; pc++) if (truth[program[pc]!] === 1) return true;
        return false;
    }
    let top = 0;
    while (pc < end) {
      const op = program[pc++]!;
      if (op >= 0) {
        stack[top++] = truth[op]!;
      } else if (op === NOT) {
        stack[top - 1] = stack[top - 1]! ^ 1;
      } else {
        const count = program[pc++]!;
        top -= count;
        let result = op === AND ? 1 : 0;
        for (let i = top; i < top + count; i++) result = op === AND ? result & stack[i]! : result | stack[i]!;
        stack[top++] = result;
      }
    }
    return stack[0] === 1;
  };

  const valueResult = (entry: ValueSlot, raw: unknown): ValueResult => {
    const passed = new Uint8Array(entry.tests.count);
    entry.tests.run(raw, passed, 0);
    const rules = new Set<number>();
    for (let i = 0; i < passed.length; i++) {
      if (passed[i] === 1) for (const rule of guarded[entry.first + i]!) rules.add(rule);
    }
    return { truth: passed, rules: Int32Array.from(rules) };
  };

  const values = [...valueSlots.values()];
  const lists = [...listSlots.values()].map((entry) => {
    const tests = entry.tests.count;
    // Per item test, the quantifier atoms using it (flattened: atoms[from[t] .. from[t + 1] - 1]).
    const byTest: { atom: number; all: boolean }[][] = Array.from({ length: tests }, () => []);
    entry.quantifiers.forEach((q, i) => byTest[q.test]!.push({ atom: entry.first + i, all: q.all }));
    const from = new Int32Array(tests + 1);
    byTest.forEach((atoms, t) => (from[t + 1] = from[t]! + atoms.length));
    return {
      entry,
      read: entry.slot.read,
      first: entry.first,
      end: entry.first + entry.quantifiers.length,
      from,
      atoms: Int32Array.from(byTest.flatMap((atoms) => atoms.map((a) => a.atom))),
      all: Uint8Array.from(byTest.flatMap((atoms) => atoms.map((a) => (a.all ? 1 : 0)))),
      // Per user: how many items passed each -all test, valid where testStamps[test] is the current stamp.
      hits: new Uint32Array(tests),
      testStamps: new Uint32Array(tests),
      touched: new Int32Array(tests),
      scratch: new Uint8Array(tests),
    };
  });
  /** What one item does to its list's atoms: the -any atoms it makes true, and the -all tests it passes. */
  const itemResult = (list: (typeof lists)[number], item: unknown): ItemResult => {
    list.entry.tests.run(item, list.scratch, 0);
    const anyAtoms: number[] = [];
    const rules = new Set<number>();
    const allTests: number[] = [];
    for (let test = 0; test < list.scratch.length; test++) {
      if (list.scratch[test] === 0) continue;
      for (let q = list.from[test]!; q < list.from[test + 1]!; q++) {
        const atom = list.atoms[q]!;
        if (list.all[q] === 0) {
          anyAtoms.push(atom);
          for (const rule of guarded[atom]!) rules.add(rule);
        } else if (allTests[allTests.length - 1] !== test) {
          allTests.push(test);
        }
      }
    }
    return {
      anyAtoms: Int32Array.from(anyAtoms),
      rules: Int32Array.from(rules),
      allTests: Int32Array.from(allTests),
    };
  };
  return (user) => {
    if (++stamp === 0xffffffff) {
      for (const list of lists) list.testStamps.fill(0);
      stamp = 1;
    }
    candidates.set(unguarded);
    for (let s = 0; s < values.length; s++) {
      const entry = values[s]!;
      const raw = entry.slot.read(user);
      const first = entry.first;
      const memo = entry.memo;
      let result = memo.active ? memo.get(raw) : undefined;
      if (result === undefined) {
        if (!memo.active || !memoizable(raw)) {
          const end = first + entry.tests.count;
          entry.tests.run(raw, truth, first);
          for (let atom = first; atom < end; atom++) if (truth[atom] === 1) mark(guarded[atom]!);
          continue;
        }
        result = valueResult(entry, raw);
        memo.remember(raw, result);
      }
      const known = result.truth;
      for (let i = 0; i < known.length; i++) truth[first + i] = known[i]!;
      mark(result.rules);
    }
    for (let s = 0; s < lists.length; s++) {
      const list = lists[s]!;
      const { entry, hits, testStamps, touched } = list;
      const memo = entry.memo;
      for (let atom = list.first; atom < list.end; atom++) truth[atom] = 0;
      const items = itemsOf(list.read(user));
      let touchedCount = 0;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        let result = memo.active ? memo.get(item) : undefined;
        if (result === undefined) {
          result = itemResult(list, item);
          if (memo.active && memoizable(item)) memo.remember(item, result);
        }
        const anyAtoms = result.anyAtoms;
        for (let a = 0; a < anyAtoms.length; a++) truth[anyAtoms[a]!] = 1;
        mark(result.rules);
        const allTests = result.allTests;
        for (let a = 0; a < allTests.length; a++) {
          const test = allTests[a]!;
          if (testStamps[test] !== stamp) {
            testStamps[test] = stamp;
            hits[test] = 0;
            touched[touchedCount++] = test;
          }
          hits[test] = hits[test]! + 1;
        }
      }
      // An -all holds when every item passed its test (and there was an item).
      for (let t = 0; t < touchedCount; t++) {
        const test = touched[t]!;
        if (hits[test] !== items.length) continue;
        for (let q = list.from[test]!; q < list.from[test + 1]!; q++) {
          if (list.all[q] === 0) continue;
          const atom = list.atoms[q]!;
          truth[atom] = 1;
          mark(guarded[atom]!);
        }
      }
    }
    // Candidates in ascending order, 32 rules to a word: the lowest set bit first.
    let count = 0;
    for (let w = 0; w < words; w++) {
      let bits = candidates[w]! | 0;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const rule = (w << 5) + 31 - Math.clz32(low);
        if (proven[rule] === 1 || holds(rule)) found[count++] = rule;
      }
    }
    // One array of the right size rather than one grown push by push.
    const matched = new Array<number>(count);
    for (let i = 0; i < count; i++) matched[i] = found[i]!;
    return matched;
  };
}
