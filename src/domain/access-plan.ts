// Plans one user's access: grants of matching rules vs what the user holds vs what this app granted before.
//
// Public interface (stable):
//   planAccess({ user, rules, current, ledger, exclusiveSets? }) → AccessPlan
//   LedgerEntry, PlannedGrant, AccessPlan, PlanAccessInput, MAX_SETTLE_PASSES
//
// Guarantees:
// - add = grants of every enabled rule that matches (the union), minus what the user already holds, with at most
//   one group per exclusive set (the one from the highest-priority matching rule).
// - remove only ever lists grants that are in the ledger (the app made them) and that the user still holds; a
//   grant someone made by hand is never removed. A ledger grant is removed when its rule is enabled, set to
//   `revoke` and no longer justifies it (stopped matching, or no longer lists it), or when another group of its
//   exclusive set wins. Grants of disabled, deleted or unparsable rules, and of `keep` rules, are kept.
// - App accounts and inactive users (active === false) get an empty plan with the reason stated.
// - Rules that read user.groups are evaluated against the groups the user will have after the plan, repeating
//   until that stops changing (at most MAX_SETTLE_PASSES passes), so applying the plan and planning again yields
//   nothing to do. Rules that never settle (e.g. "grant G to users not in G") are reported with settled: false
//   and planned from the user's present groups.
// - Output is deterministic: lists sorted by grant key, rule ids in priority order, whatever the input order.

import { plannableRules, type PlannableRules } from './access-plan-rules';
import {
  describeGrant,
  parseGrantKey,
  prepareUser,
  type ExclusiveSet,
  type Grant,
  type Rule,
  type UserAttributes,
} from './rules';
// Case folding must be exactly the engine's, or the settle loop would disagree with rule evaluation.
import { fold } from './rules/values';

/** What the app itself granted earlier, one entry per grant key (storage's ledger). */
export interface LedgerEntry {
  grantKey: string;
  /** The rule that justified the grant when it was made. */
  ruleId: string;
  /** When it was granted: ISO string or epoch ms, as storage keeps it; the planner does not read the clock. */
  grantedAt: string | number;
  /** The grant with its names, when storage kept it; used to describe removals of grants no rule mentions. */
  grant?: Grant;
}

export interface PlannedGrant {
  grantKey: string;
  grant: Grant;
  /**
   * add / unchanged (justified): the matching rules that grant it, highest priority first.
   * remove / unchanged (kept): the rule(s) the ledger records for it.
   */
  ruleIds: string[];
  reason: string;
}

export interface AccessPlan {
  add: PlannedGrant[];
  remove: PlannedGrant[];
  /** Held grants the plan leaves alone: ones matching rules justify, and ledger grants that are kept. */
  unchanged: PlannedGrant[];
  /** Plain-language account of the decisions, in order, for the audit log and the admin page. */
  reasons: string[];
  /** Enabled rules that match, highest priority first. */
  matchedRuleIds: string[];
  /** False when rules reading user.groups kept changing their own outcome; see reasons. */
  settled: boolean;
  /** Why the user was not planned at all, if they were not. */
  skipped: 'app-account' | 'inactive' | null;
}

export interface PlanAccessInput {
  user: UserAttributes;
  rules: readonly Rule[];
  /** Grant keys the user holds now: `group:<id>` for groups they are in, `role:<projectId>:<roleId>` for roles. */
  current: readonly string[];
  ledger: readonly LedgerEntry[];
  exclusiveSets?: readonly ExclusiveSet[];
}

/** Most evaluation passes spent letting rules that read user.groups settle; chains longer than this are unusual. */
export const MAX_SETTLE_PASSES = 8;

interface Desired {
  readonly grant: Grant;
  readonly ruleIds: string[];
}

interface Draft {
  readonly matched: readonly Rule[];
  readonly add: PlannedGrant[];
  readonly remove: PlannedGrant[];
  readonly unchanged: PlannedGrant[];
  readonly reasons: string[];
}

const byKey = (a: PlannedGrant, b: PlannedGrant): number =>
  a.grantKey < b.grantKey ? -1 : a.grantKey > b.grantKey ? 1 : 0;

function emptyPlan(skipped: AccessPlan['skipped'], reason: string): AccessPlan {
  return {
    add: [],
    remove: [],
    unchanged: [],
    reasons: [reason],
    matchedRuleIds: [],
    settled: true,
    skipped,
  };
}

function ruleLabel(rule: Rule): string {
  return `rule "${rule.name}" (${rule.id})`;
}

/** A grant for a key nobody describes any more: names fall back to ids. */
function grantFromKey(key: string): Grant | undefined {
  const ref = parseGrantKey(key);
  if (!ref) return undefined;
  return ref.kind === 'group'
    ? { kind: 'group', groupId: ref.groupId, groupName: ref.groupId }
    : {
        kind: 'projectRole',
        projectId: ref.projectId,
        projectKey: ref.projectId,
        roleId: ref.roleId,
        roleName: ref.roleId,
      };
}

export function planAccess(input: PlanAccessInput): AccessPlan {
  const { user } = input;
  if (user.accountType === 'app') {
    return emptyPlan(
      'app-account',
      `${user.accountId} is an app account; app accounts are never given or denied access by rules`,
    );
  }
  if (user.active === false) {
    return emptyPlan(
      'inactive',
      `${user.accountId} is inactive; access of inactive users is left to the inactivity policy`,
    );
  }

  const planner = new Planner(input);
  const originalGroups = user.groups ?? [];
  let matched = planner.match(originalGroups);
  const first = planner.build(matched);
  let draft = first;
  let settled = !planner.readsGroups;
  if (!settled) {
    // What a plan does depends only on which rules match. Re-match against the groups the plan would leave the
    // user with until that set of rules stops changing; a set seen before means the rules go round in circles.
    const seen = new Set([matched.join(',')]);
    for (let pass = 1; pass <= MAX_SETTLE_PASSES; pass++) {
      const next = planner.match(planner.groupsAfter(originalGroups, draft));
      if (sameList(next, matched)) {
        settled = true;
        break;
      }
      const key = next.join(',');
      if (seen.has(key)) break;
      seen.add(key);
      matched = next;
      draft = planner.build(matched);
    }
  }

  const reasons = [...(settled ? draft : first).reasons];
  if (!settled) {
    draft = first;
    reasons.push(
      'Rules that read user.groups do not settle: the groups they grant or revoke change which of them match (for example a rule granting a group to users not in it). This plan uses the groups the user has now and may differ next time.',
    );
  }
  return {
    add: draft.add,
    remove: draft.remove,
    unchanged: draft.unchanged,
    reasons,
    matchedRuleIds: draft.matched.map((r) => r.id),
    settled,
    skipped: null,
  };
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

class Planner {
  private readonly user: UserAttributes;
  private readonly rules: PlannableRules;
  private readonly setOfGroup = new Map<string, ExclusiveSet>();
  private readonly knownGrants: Map<string, Grant>;
  private readonly current: ReadonlySet<string>;
  private readonly ledgerByKey = new Map<string, LedgerEntry[]>();
  readonly readsGroups: boolean;

  constructor(input: PlanAccessInput) {
    this.user = input.user;
    this.rules = plannableRules(input.rules);
    this.readsGroups = this.rules.readsGroups;
    this.current = new Set(input.current);
    this.knownGrants = new Map(this.rules.knownGrants);
    for (const set of input.exclusiveSets ?? []) {
      for (const groupId of set.groupIds)
        if (!this.setOfGroup.has(groupId)) this.setOfGroup.set(groupId, set);
    }
    const ledger = [...input.ledger].sort((a, b) =>
      a.grantKey === b.grantKey
        ? a.ruleId < b.ruleId
          ? -1
          : a.ruleId > b.ruleId
            ? 1
            : 0
        : a.grantKey < b.grantKey
          ? -1
          : 1,
    );
    for (const entry of ledger) {
      const list = this.ledgerByKey.get(entry.grantKey);
      if (list) list.push(entry);
      else this.ledgerByKey.set(entry.grantKey, [entry]);
      if (entry.grant && !this.knownGrants.has(entry.grantKey))
        this.knownGrants.set(entry.grantKey, entry.grant);
    }
  }

  /** The user's group names after applying a draft: the original names, minus removals, plus additions. */
  groupsAfter(original: readonly string[], draft: Draft): string[] {
    const removed = new Set(
      draft.remove.flatMap((p) => (p.grant.kind === 'group' ? [fold(p.grant.groupName)] : [])),
    );
    const kept = removed.size === 0 ? original : original.filter((name) => !removed.has(fold(name)));
    const added = draft.add.flatMap((p) => (p.grant.kind === 'group' ? [p.grant.groupName] : []));
    return [...kept, ...added];
  }

  /** Indexes (into the active rules, so in priority order) of the rules the user matches with these groups. */
  match(groups: readonly string[]): number[] {
    const user = groups === this.user.groups ? this.user : { ...this.user, groups: [...groups] };
    return this.rules.match(prepareUser(user));
  }

  build(matchedIndexes: readonly number[]): Draft {
    const matched = matchedIndexes.map((i) => this.rules.active[i]!);
    const reasons = [...this.rules.problems];
    if (matched.length === 0) reasons.push('No enabled rule matches this user');
    for (const rule of matched) reasons.push(`Matches ${ruleLabel(rule)}, priority ${rule.priority}`);

    // The union of matching rules' grants, in priority order, so the first rule to grant a key justifies it first.
    const desired = new Map<string, Desired>();
    for (const index of matchedIndexes) {
      const rule = this.rules.active[index]!;
      const keys = this.rules.activeGrantKeys[index]!;
      for (let g = 0; g < rule.grants.length; g++) {
        const grant = rule.grants[g]!;
        const key = keys[g]!;
        const entry = desired.get(key);
        if (entry) {
          if (!entry.ruleIds.includes(rule.id)) entry.ruleIds.push(rule.id);
        } else {
          desired.set(key, { grant, ruleIds: [rule.id] });
        }
      }
    }

    // Exclusive sets: the first group of a set in priority order wins; the others are not granted.
    const winners = new Map<string, string>();
    const suppressed = new Set<string>();
    for (const [key, entry] of desired) {
      if (entry.grant.kind !== 'group') continue;
      const set = this.setOfGroup.get(entry.grant.groupId);
      if (!set) continue;
      const winner = winners.get(set.id);
      if (winner === undefined) {
        winners.set(set.id, key);
        continue;
      }
      suppressed.add(key);
      const winning = desired.get(winner)!;
      reasons.push(
        `Exclusive set "${set.name}": ${describeGrant(winning.grant)} from ${this.label(winning.ruleIds[0]!)} wins over ${describeGrant(entry.grant)} from ${this.label(entry.ruleIds[0]!)}`,
      );
    }
    for (const key of suppressed) desired.delete(key);

    const add: PlannedGrant[] = [];
    const unchanged: PlannedGrant[] = [];
    for (const [key, entry] of desired) {
      const justification = `${this.label(entry.ruleIds[0]!)}${entry.ruleIds.length > 1 ? ` and ${entry.ruleIds.length - 1} more` : ''}`;
      if (this.current.has(key)) {
        unchanged.push({
          grantKey: key,
          grant: entry.grant,
          ruleIds: [...entry.ruleIds],
          reason: `Already held; justified by ${justification}`,
        });
      } else {
        add.push({
          grantKey: key,
          grant: entry.grant,
          ruleIds: [...entry.ruleIds],
          reason: `Granted by ${justification}`,
        });
      }
    }

    const remove: PlannedGrant[] = [];
    const matchedIds = new Set(matched.map((r) => r.id));
    for (const [key, entries] of this.ledgerByKey) {
      if (!this.current.has(key) || desired.has(key)) continue;
      const grant = this.knownGrants.get(key) ?? grantFromKey(key);
      if (!grant) continue;
      const ruleIds = [...new Set(entries.map((e) => e.ruleId))];
      const set = grant.kind === 'group' ? this.setOfGroup.get(grant.groupId) : undefined;
      const winner = set ? winners.get(set.id) : undefined;
      if (set && winner !== undefined) {
        const winning = desired.get(winner)!;
        remove.push({
          grantKey: key,
          grant,
          ruleIds,
          reason: `Exclusive set "${set.name}": the user gets ${describeGrant(winning.grant)} from ${this.label(winning.ruleIds[0]!)} instead`,
        });
        continue;
      }
      const verdicts = ruleIds.map((id) => this.verdict(id, matchedIds.has(id)));
      const keeping = verdicts.find((v) => !v.revoke);
      if (keeping) unchanged.push({ grantKey: key, grant, ruleIds, reason: `Kept: ${keeping.why}` });
      else remove.push({ grantKey: key, grant, ruleIds, reason: verdicts.map((v) => v.why).join('; ') });
    }

    // Held groups of an exclusive set that the app did not grant stay, but the conflict is worth saying.
    for (const [setId, winner] of winners) {
      for (const key of [...this.current].sort()) {
        if (key === winner || this.ledgerByKey.has(key)) continue;
        const ref = parseGrantKey(key);
        const set = ref?.kind === 'group' ? this.setOfGroup.get(ref.groupId) : undefined;
        if (!set || set.id !== setId) continue;
        const held = this.knownGrants.get(key) ?? grantFromKey(key)!;
        reasons.push(
          `Exclusive set "${set.name}": the user also holds ${describeGrant(held)}, which this app did not grant; it is left as is`,
        );
      }
    }

    return {
      matched,
      add: add.sort(byKey),
      remove: remove.sort(byKey),
      unchanged: unchanged.sort(byKey),
      reasons,
    };
  }

  private label(ruleId: string): string {
    const rule = this.rules.rulesById.get(ruleId);
    return rule ? ruleLabel(rule) : `rule ${ruleId}`;
  }

  /** Whether the ledger's rule lets its grant go, and why, for a grant no matching rule justifies. */
  private verdict(ruleId: string, matches: boolean): { revoke: boolean; why: string } {
    const rule = this.rules.rulesById.get(ruleId);
    if (!rule) return { revoke: false, why: `rule ${ruleId} was deleted; grants of deleted rules are kept` };
    const label = ruleLabel(rule);
    if (!rule.enabled)
      return { revoke: false, why: `${label} is disabled; disabling pauses a rule, it does not revoke` };
    if (!this.rules.parses(rule))
      return { revoke: false, why: `${label} has a condition that does not parse` };
    const change = matches ? 'still matches but no longer grants this' : 'no longer matches';
    if (rule.onUnmatch === 'keep') return { revoke: false, why: `${label} ${change} and is set to keep` };
    return {
      revoke: true,
      why: `${label.charAt(0).toUpperCase()}${label.slice(1)} ${change} and is set to revoke`,
    };
  }
}
