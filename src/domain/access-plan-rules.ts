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
  /** Indexes into `active` of the rules a user matches, ascending (so in priority order). */
  readonly match: (user: PreparedUser) => number[];
  readonly rulesById: ReadonlyMap<string, Rule>;
  /** Grants any rule mentions, by grant key, for describing ledger entries. */
  readonly knownGrants: ReadonlyMap<string, Grant>;
  /** Rules that are enabled but cannot run, and why. */
  readonly problems: readonly string[];
  readonly parses: (rule: Rule) => boolean;
  /** Whether any active rule reads user.groups (then planning must let group grants settle). */
  readonly readsGroups: boolean;
}

interface Snapshot {
  readonly fields: readonly unknown[];
  readonly prepared: PlannableRules;
}

const cache = new WeakMap<readonly Rule[], Snapshot>();

/** How many values fieldsOf records per rule. */
const FIELDS_PER_RULE = 9;

/** The fields planning depends on, so a rule edited in place invalidates the cached preparation. */
function fieldsOf(rules: readonly Rule[]): unknown[] {
  const fields = new Array<unknown>(rules.length * FIELDS_PER_RULE);
  rules.forEach((r, i) => {
    const at = i * FIELDS_PER_RULE;
    fields[at] = r;
    fields[at + 1] = r.id;
    fields[at + 2] = r.enabled;
    fields[at + 3] = r.priority;
    fields[at + 4] = r.onUnmatch;
    fields[at + 5] = r.condition.text;
    fields[at + 6] = r.condition.dialect;
    fields[at + 7] = r.grants;
    fields[at + 8] = r.grants.length;
  });
  return fields;
}

function unchanged(rules: readonly Rule[], fields: readonly unknown[]): boolean {
  if (rules.length * FIELDS_PER_RULE !== fields.length) return false;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    const at = i * FIELDS_PER_RULE;
    if (
      fields[at] !== r ||
      fields[at + 1] !== r.id ||
      fields[at + 2] !== r.enabled ||
      fields[at + 3] !== r.priority ||
      fields[at + 4] !== r.onUnmatch ||
      fields[at + 5] !== r.condition.text ||
      fields[at + 6] !== r.condition.dialect ||
      fields[at + 7] !== r.grants ||
      fields[at + 8] !== r.grants.length
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The prepared form of a rules array, cached by array: planning thousands of users with the same array
 * prepares once. Editing a rule in place (other than inside a grant) is noticed and re-prepares.
 */
export function plannableRules(rules: readonly Rule[]): PlannableRules {
  const hit = cache.get(rules);
  if (hit && unchanged(rules, hit.fields)) return hit.prepared;
  const prepared = prepare(rules);
  cache.set(rules, { fields: fieldsOf(rules), prepared });
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
        `Skipped rule "${rule.name}" (${rule.id}): its condition does not parse (${describeRuleErrors(condition.errors.slice(0, 1))})`,
      );
    }
  }
  const activeSet = new Set(active);
  return {
    ordered,
    active,
    activeGrantKeys: active.map((rule) => rule.grants.map(grantKey)),
    match: createRuleMatcher(parsed),
    rulesById,
    knownGrants,
    problems,
    parses: (rule) => activeSet.has(rule),
    readsGroups: parsed.some((p) => p.attributes.includes('groups')),
  };
}
