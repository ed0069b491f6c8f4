// The per-rule-set work planAccess needs (order, parsing, matcher), done once per rules array and reused.

import {
  compareRules,
  conditionOf,
  createRuleMatcher,
  describeRuleErrors,
  grantKey,
  type Grant,
  type ParsedRule,
  type PreparedUser,
  type Rule,
} from './rules';

export interface PlannableRules {
  /** Every rule, highest priority first. */
  readonly ordered: readonly Rule[];
  /** Enabled rules whose conditions parse, highest priority first. */
  readonly active: readonly Rule[];
  /** The grant keys of each active rule's grants, in the same order as `active` and its grants. */
  readonly activeGrantKeys: readonly (readonly string[])[];
  /** The distinct keys active rules grant, sorted: a key's index here is its rank (rank order is key order). */
  readonly grantKeys: readonly string[];
  readonly rankOf: ReadonlyMap<string, number>;
  /** The ranks of each active rule's grants, like `activeGrantKeys`. */
  readonly activeGrantRanks: readonly (readonly number[])[];
  /** Indexes into `active` of the rules a user matches, ascending (so in priority order). */
  readonly match: (user: PreparedUser) => number[];
  /**
   * The same, for the active rules that do not read user.groups, and for those that do: planning re-evaluates
   * only the latter when the groups a plan grants change. Both ascending indexes into `active`.
   */
  readonly matchIgnoringGroups: (user: PreparedUser) => number[];
  readonly matchReadingGroups: (user: PreparedUser) => number[];
  readonly rulesById: ReadonlyMap<string, Rule>;
  /** Grants any rule mentions, by grant key, for describing ledger entries. */
  readonly knownGrants: ReadonlyMap<string, Grant>;
  /** Rules that are enabled but cannot run, and why. */
  readonly problems: readonly string[];
  readonly parses: (rule: Rule) => boolean;
  /** Whether any active rule reads user.groups (then planning must let group grants settle). */
  readonly readsGroups: boolean;
  /** The texts plans repeat for every user, written once per rule. */
  readonly texts: RuleTexts;
  /** The attributes an active rule's condition reads (canonical names); none for other rules. */
  readonly attributesOf: (ruleId: string) => readonly string[];
}

/**
 * The reason texts that name rules, written the first time each is needed and then reused: planning thousands of
 * users with one rule set writes each rule's texts once, not once per user.
 */
export class RuleTexts {
  private readonly labels = new Map<string, string>();
  private readonly matchLines: Array<string | undefined>;
  /** First rule (active index) → [count] → text, for "Granted by …" and "Already held; justified by …". */
  private readonly granted: Array<string[] | undefined> = [];
  private readonly held: Array<string[] | undefined> = [];

  constructor(
    private readonly rulesById: ReadonlyMap<string, Rule>,
    private readonly active: readonly Rule[],
  ) {
    this.matchLines = new Array<string | undefined>(active.length);
  }

  /** `rule "Name" (id)`, or `rule id` for a rule that no longer exists. */
  label(ruleId: string): string {
    let text = this.labels.get(ruleId);
    if (text === undefined) {
      const rule = this.rulesById.get(ruleId);
      text = rule ? `rule "${rule.name}"` : `rule ${ruleId}`;
      this.labels.set(ruleId, text);
    }
    return text;
  }

  /** The reason line for matching the active rule at `index`. */
  matches(index: number): string {
    let text = this.matchLines[index];
    if (text === undefined) {
      const rule = this.active[index]!;
      text = `Matches ${this.label(rule.id)}, priority ${rule.priority}`;
      this.matchLines[index] = text;
    }
    return text;
  }

  /** "Granted by <the active rule at `first`>[ and n more]", for `count` rules in all. */
  grantedBy(first: number, count: number): string {
    return this.justified(this.granted, 'Granted by', first, count);
  }

  alreadyHeld(first: number, count: number): string {
    return this.justified(this.held, 'Already held; justified by', first, count);
  }

  private justified(cache: Array<string[] | undefined>, lead: string, first: number, count: number): string {
    const byCount = (cache[first] ??= []);
    let text = byCount[count];
    if (text === undefined) {
      const more = count > 1 ? ` and ${count - 1} more` : '';
      text = `${lead} ${this.label(this.active[first]!.id)}${more}`;
      byCount[count] = text;
    }
    return text;
  }
}

/**
 * What a preparation was made from, field by field (one array per field: a check of thousands of rules per plan
 * stays a tight loop), so a rule edited in place invalidates it.
 */
class Snapshot {
  private readonly rules: Rule[];
  private readonly ids: string[];
  private readonly names: string[];
  private readonly enabled: boolean[];
  private readonly priorities: number[];
  private readonly onUnmatch: string[];
  private readonly texts: string[];
  private readonly dialects: string[];
  private readonly grants: Array<Rule['grants']>;
  private readonly grantCounts: number[];

  /** Nothing it was made from can change: a frozen array of frozen rules (see freezeRules). */
  private readonly immutable: boolean;

  constructor(
    rules: readonly Rule[],
    readonly prepared: PlannableRules,
  ) {
    this.immutable = isFrozenRuleSet(rules);
    this.rules = [...rules];
    this.ids = rules.map((r) => r.id);
    this.names = rules.map((r) => r.name);
    this.enabled = rules.map((r) => r.enabled);
    this.priorities = rules.map((r) => r.priority);
    this.onUnmatch = rules.map((r) => r.onUnmatch);
    this.texts = rules.map((r) => r.condition.text);
    this.dialects = rules.map((r) => r.condition.dialect);
    this.grants = rules.map((r) => r.grants);
    this.grantCounts = rules.map((r) => r.grants.length);
  }

  matches(rules: readonly Rule[]): boolean {
    if (this.immutable) return true;
    if (rules.length !== this.rules.length) return false;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (
        r !== this.rules[i] ||
        r.id !== this.ids[i] ||
        r.enabled !== this.enabled[i] ||
        r.priority !== this.priorities[i] ||
        r.onUnmatch !== this.onUnmatch[i] ||
        r.condition.text !== this.texts[i] ||
        r.condition.dialect !== this.dialects[i] ||
        r.grants !== this.grants[i] ||
        r.grants.length !== this.grantCounts[i] ||
        r.name !== this.names[i]
      )
        return false;
    }
    return true;
  }
}

const cache = new WeakMap<readonly Rule[], Snapshot>();

function isFrozenRuleSet(rules: readonly Rule[]): boolean {
  return (
    Object.isFrozen(rules) &&
    rules.every((r) => Object.isFrozen(r) && Object.isFrozen(r.condition) && Object.isFrozen(r.grants))
  );
}

/**
 * Freezes a rule set (the array, each rule, its condition and its grants) and returns it. Planning never has to
 * check a frozen rule set for rules edited in place, which matters when it plans thousands of users with it.
 */
export function freezeRules<T extends readonly Rule[]>(rules: T): T {
  for (const rule of rules) {
    for (const grant of rule.grants) Object.freeze(grant);
    Object.freeze(rule.grants);
    Object.freeze(rule.condition);
    Object.freeze(rule);
  }
  return Object.freeze(rules);
}

/**
 * The prepared form of a rules array, cached by array: planning thousands of users with the same array
 * prepares once. Editing a rule in place (other than inside a grant) is noticed and re-prepares.
 */
export function plannableRules(rules: readonly Rule[]): PlannableRules {
  const hit = cache.get(rules);
  if (hit?.matches(rules)) return hit.prepared;
  const prepared = prepare(rules);
  cache.set(rules, new Snapshot(rules, prepared));
  return prepared;
}

function prepare(rules: readonly Rule[]): PlannableRules {
  const ordered = [...rules].sort(compareRules);
  const rulesById = new Map<string, Rule>();
  const knownGrants = new Map<string, Grant>();
  const problems: string[] = [];
  const active: Rule[] = [];
  const parsed: ParsedRule[] = [];
  for (const rule of ordered) {
    if (!rulesById.has(rule.id)) rulesById.set(rule.id, rule);
    for (const grant of rule.grants) {
      const key = grantKey(grant);
      if (!knownGrants.has(key)) knownGrants.set(key, grant);
    }
    if (!rule.enabled) continue;
    const condition = conditionOf(rule);
    if (condition.ok) {
      active.push(rule);
      parsed.push(condition.parsed);
    } else {
      problems.push(
        `Skipped rule "${rule.name}": its condition does not parse (${describeRuleErrors(condition.errors.slice(0, 1))})`,
      );
    }
  }
  const activeSet = new Set(active);
  const attributes = new Map<string, readonly string[]>();
  active.forEach((rule, i) => {
    if (!attributes.has(rule.id)) attributes.set(rule.id, parsed[i]!.attributes);
  });
  const readers = (reads: boolean) => {
    const at = parsed.flatMap((p, i) => (p.attributes.includes('groups') === reads ? [i] : []));
    const match = createRuleMatcher(at.map((i) => parsed[i]!));
    return (user: PreparedUser) => match(user).map((i) => at[i]!);
  };
  const activeGrantKeys = active.map((rule) => rule.grants.map(grantKey));
  const grantKeys = [...new Set(activeGrantKeys.flat())].sort();
  const rankOf = new Map(grantKeys.map((key, rank) => [key, rank]));
  return {
    ordered,
    active,
    activeGrantKeys,
    grantKeys,
    rankOf,
    activeGrantRanks: activeGrantKeys.map((keys) => keys.map((key) => rankOf.get(key)!)),
    match: createRuleMatcher(parsed),
    matchIgnoringGroups: readers(false),
    matchReadingGroups: readers(true),
    rulesById,
    knownGrants,
    problems,
    parses: (rule) => activeSet.has(rule),
    readsGroups: parsed.some((p) => p.attributes.includes('groups')),
    texts: new RuleTexts(rulesById, active),
    attributesOf: (ruleId) => attributes.get(ruleId) ?? [],
  };
}
