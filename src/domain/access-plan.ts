// Plans one user's access: grants of matching rules vs what the user holds vs what this app granted before.
//
// Public interface (stable):
//   planAccess({ user, rules, current, ledger, exclusiveSets? }) → AccessPlan
//   LedgerEntry, PlannedGrant, AccessPlan, PlanAccessInput, MAX_SETTLE_PASSES
//   freezeRules(rules) → the same rules, frozen: planning with them skips checking for rules edited in place
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
// - Denials (grants an access review removed) are not added again while the attribute values their removal was
//   decided on are unchanged: they are listed as `withheld`. A denial without recorded values is withheld and its
//   values are returned in `denialBases` for the caller to record. Once any recorded value changes, the grant is
//   added as usual (saying what changed); an admin re-approves by deleting the denial.
// - Each added grant carries its `basis`: the values of the attributes its matching rules read (evidence).

import { basisChanges, basisOf, type AttributeBasis } from './access-basis';
import { plannableRules, type PlannableRules } from './access-plan-rules';

export { freezeRules } from './access-plan-rules';
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
  /** add: the values of the attributes the matching rules read (what the grant rests on). */
  basis?: AttributeBasis;
}

/** A grant an access review removed: not added again until its basis changes or an admin re-approves it. */
export interface Denial {
  grantKey: string;
  grant?: Grant;
  /** The attribute values the removal was decided on; null until an evaluation records them. */
  basis: AttributeBasis | null;
  /** Who removed it, for reasons: `removed in access review "Q3" on 2026-05-01`. */
  note: string;
}

export interface AccessPlan {
  add: PlannedGrant[];
  remove: PlannedGrant[];
  /** Held grants the plan leaves alone: ones matching rules justify, and ledger grants that are kept. */
  unchanged: PlannedGrant[];
  /** Grants matching rules would add that an access review removed, kept off (see Denial). */
  withheld: PlannedGrant[];
  /** Denials without recorded values, with the values to record now (the user's, as evaluated here). */
  denialBases: Array<{ grantKey: string; basis: AttributeBasis }>;
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
  denials?: readonly Denial[];
}

/** Most evaluation passes spent letting rules that read user.groups settle; chains longer than this are unusual. */
export const MAX_SETTLE_PASSES = 8;

interface Desired {
  readonly key: string;
  /** The key's place in key order (see PlannableRules.grantKeys). */
  readonly rank: number;
  readonly grant: Grant;
  /** Matching rules that grant it, highest priority first. */
  readonly ruleIds: string[];
  /** The first of them, as an index into the active rules. */
  readonly firstRule: number;
}

/** A ledger grant no matching rule justifies, and what becomes of it. */
interface LedgerVerdict {
  readonly key: string;
  readonly grant: Grant;
  readonly ruleIds: string[];
  /** `set`: another group of its exclusive set won; `revoke`: every rule that granted it lets it go. */
  readonly outcome: 'set' | 'revoke' | 'keep';
  /** For `set`: the key of the set's winner; for `keep`: the first rule that keeps it. */
  readonly because: string;
}

/** An exclusive-set conflict worth a reason: `loser` was not granted because `winner` won. */
interface SetConflict {
  readonly set: ExclusiveSet;
  readonly winner: Desired;
  readonly loser: Desired;
}

/**
 * What one evaluation pass decides, without any text: a user's plan may take several passes (rules reading
 * user.groups), and only the last one is written out with its reasons.
 */
interface Decision {
  readonly matched: readonly number[];
  /** What matching rules grant, by rank; `undefined` where nothing is (or an exclusive set suppressed it). */
  readonly desired: ReadonlyArray<Desired | undefined>;
  /** The ranks of `desired`, in the order the rules granted them (priority order), suppressed ones included. */
  readonly granted: readonly number[];
  /** Exclusive set id → the group that won it. */
  readonly winners: Map<string, Desired>;
  readonly setConflicts: readonly SetConflict[];
  readonly ledger: readonly LedgerVerdict[];
}

const byKey = (a: PlannedGrant, b: PlannedGrant): number =>
  a.grantKey < b.grantKey ? -1 : a.grantKey > b.grantKey ? 1 : 0;

function emptyPlan(skipped: AccessPlan['skipped'], reason: string): AccessPlan {
  return {
    add: [],
    remove: [],
    unchanged: [],
    withheld: [],
    denialBases: [],
    reasons: [reason],
    matchedRuleIds: [],
    settled: true,
    skipped,
  };
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

const UNSETTLED =
  'Rules that read user.groups do not settle: the groups they grant or revoke change which of them match (for example a rule granting a group to users not in it). This plan uses the groups the user has now and may differ next time.';

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
  const first = planner.decide(planner.match(originalGroups));
  let decision = first;
  let settled = !planner.readsGroups;
  if (!settled) {
    // What a plan does depends only on which rules match. Re-match against the groups the plan would leave the
    // user with until that set of rules stops changing; a set seen before means the rules go round in circles.
    const seen: Array<readonly number[]> = [decision.matched];
    for (let pass = 1; pass <= MAX_SETTLE_PASSES; pass++) {
      const next = planner.match(planner.groupsAfter(originalGroups, decision));
      if (sameList(next, decision.matched)) {
        settled = true;
        break;
      }
      if (seen.some((earlier) => sameList(earlier, next))) break;
      seen.push(next);
      decision = planner.decide(next);
    }
  }

  // A plan that does not settle is planned from the user's present groups (the first pass).
  return planner.write(settled ? decision : first, settled);
}

/** Two ascending lists as one. */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

class Planner {
  private readonly user: UserAttributes;
  private readonly rules: PlannableRules;
  private readonly setOfGroup = new Map<string, ExclusiveSet>();
  /** Grants the ledger describes that no rule mentions (the rules' own are in `rules.knownGrants`). */
  private readonly ledgerGrants = new Map<string, Grant>();
  private readonly current: ReadonlySet<string>;
  private readonly ledgerByKey = new Map<string, LedgerEntry[]>();
  /** The matching rules that do not read user.groups: the same in every pass. */
  private ignoringGroups: number[] | undefined;
  private readonly denials = new Map<string, Denial>();
  /** Folded names of groups the app grants or withholds, left out of `groups` in a basis. */
  private readonly appGroups = new Set<string>();
  readonly readsGroups: boolean;

  constructor(input: PlanAccessInput) {
    this.user = input.user;
    this.rules = plannableRules(input.rules);
    this.readsGroups = this.rules.readsGroups;
    this.current = new Set(input.current);
    for (const set of input.exclusiveSets ?? []) {
      for (const groupId of set.groupIds)
        if (!this.setOfGroup.has(groupId)) this.setOfGroup.set(groupId, set);
    }
    const ledger =
      input.ledger.length < 2
        ? input.ledger
        : [...input.ledger].sort((a, b) =>
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
      if (
        entry.grant &&
        !this.rules.knownGrants.has(entry.grantKey) &&
        !this.ledgerGrants.has(entry.grantKey)
      )
        this.ledgerGrants.set(entry.grantKey, entry.grant);
      if (entry.grant?.kind === 'group') this.appGroups.add(fold(entry.grant.groupName));
    }
    for (const denial of input.denials ?? []) {
      this.denials.set(denial.grantKey, denial);
      if (denial.grant?.kind === 'group') this.appGroups.add(fold(denial.grant.groupName));
    }
  }

  /** The values of the attributes these rules read, as a basis records them. */
  basisFor(ruleIds: readonly string[]): AttributeBasis {
    const attributes = ruleIds.flatMap((id) => this.rules.attributesOf(id));
    return basisOf(attributes, this.user, this.appGroups);
  }

  /**
   * A grant matching rules would add that an access review removed: withheld while the values it was removed on
   * are unchanged (recording them the first time), added again once any changed. Undefined when not denied.
   */
  private denied(
    planned: Omit<PlannedGrant, 'reason'>,
    justification: string,
    withheld: PlannedGrant[],
    denialBases: Array<{ grantKey: string; basis: AttributeBasis }>,
  ): PlannedGrant | 'withheld' | undefined {
    const denial = this.denials.get(planned.grantKey);
    if (!denial) return undefined;
    if (denial.basis === null) {
      denialBases.push({ grantKey: planned.grantKey, basis: this.basisFor(planned.ruleIds) });
      withheld.push({
        ...planned,
        reason: `Not granted again: ${denial.note}; kept off until the attributes it was removed on change or an admin re-approves it`,
      });
      return 'withheld';
    }
    const changed = basisChanges(denial.basis, this.user, this.appGroups);
    if (changed.length === 0) {
      withheld.push({
        ...planned,
        reason: `Not granted again: ${denial.note}, and the attributes it was removed on have not changed (${Object.keys(denial.basis).join(', ') || 'none'}); an admin can re-approve it`,
      });
      return 'withheld';
    }
    return {
      ...planned,
      reason: `Granted by ${justification}: ${changed.join(', ')} changed since it was ${denial.note}`,
    };
  }

  private knownGrant(key: string): Grant | undefined {
    return this.rules.knownGrants.get(key) ?? this.ledgerGrants.get(key);
  }

  /** The user's group names after applying a decision: the original names, minus removals, plus additions. */
  groupsAfter(original: readonly string[], decision: Decision): string[] {
    let removed: Set<string> | undefined;
    for (const verdict of decision.ledger)
      if (verdict.outcome !== 'keep' && verdict.grant.kind === 'group')
        (removed ??= new Set()).add(fold(verdict.grant.groupName));
    const after = removed ? original.filter((name) => !removed.has(fold(name))) : [...original];
    for (const rank of decision.granted) {
      const entry = decision.desired[rank];
      if (entry?.grant.kind === 'group' && !this.current.has(entry.key)) after.push(entry.grant.groupName);
    }
    return after;
  }

  /** Indexes (into the active rules, so in priority order) of the rules the user matches with these groups. */
  match(groups: readonly string[]): number[] {
    const user = groups === this.user.groups ? this.user : { ...this.user, groups: [...groups] };
    if (!this.readsGroups) return this.rules.match(prepareUser(user));
    // Only the rules that read user.groups can change their outcome from one pass to the next.
    const prepared = prepareUser(user);
    this.ignoringGroups ??= this.rules.matchIgnoringGroups(prepared);
    return mergeAscending(this.ignoringGroups, this.rules.matchReadingGroups(prepared));
  }

  decide(matched: readonly number[]): Decision {
    // The union of matching rules' grants, in priority order, so the first rule to grant a key justifies it first.
    const desired = new Array<Desired | undefined>(this.rules.grantKeys.length);
    const granted: number[] = [];
    for (const index of matched) {
      const rule = this.rules.active[index]!;
      const ranks = this.rules.activeGrantRanks[index]!;
      for (let g = 0; g < ranks.length; g++) {
        const rank = ranks[g]!;
        const entry = desired[rank];
        if (entry === undefined) {
          desired[rank] = {
            key: this.rules.grantKeys[rank]!,
            rank,
            grant: rule.grants[g]!,
            ruleIds: [rule.id],
            firstRule: index,
          };
          granted.push(rank);
        } else if (!entry.ruleIds.includes(rule.id)) entry.ruleIds.push(rule.id);
      }
    }

    // Exclusive sets: the first group of a set in priority order wins; the others are not granted.
    const winners = new Map<string, Desired>();
    const setConflicts: SetConflict[] = [];
    if (this.setOfGroup.size > 0) {
      for (const rank of granted) {
        const entry = desired[rank]!;
        if (entry.grant.kind !== 'group') continue;
        const set = this.setOfGroup.get(entry.grant.groupId);
        if (!set) continue;
        const winner = winners.get(set.id);
        if (winner === undefined) {
          winners.set(set.id, entry);
          continue;
        }
        desired[rank] = undefined;
        setConflicts.push({ set, winner, loser: entry });
      }
    }

    // Ledger grants no matching rule justifies: removed or kept, as their rules say.
    const ledger: LedgerVerdict[] = [];
    for (const [key, entries] of this.ledgerByKey) {
      if (!this.current.has(key)) continue;
      const rank = this.rules.rankOf.get(key);
      if (rank !== undefined && desired[rank] !== undefined) continue;
      const grant = this.knownGrant(key) ?? grantFromKey(key);
      if (!grant) continue;
      const ruleIds =
        entries.length === 1 ? [entries[0]!.ruleId] : [...new Set(entries.map((e) => e.ruleId))];
      const set = grant.kind === 'group' ? this.setOfGroup.get(grant.groupId) : undefined;
      const winner = set ? winners.get(set.id) : undefined;
      if (winner !== undefined) {
        ledger.push({ key, grant, ruleIds, outcome: 'set', because: winner.key });
        continue;
      }
      const keeping = ruleIds.find((id) => !this.revokes(id));
      ledger.push(
        keeping === undefined
          ? { key, grant, ruleIds, outcome: 'revoke', because: '' }
          : { key, grant, ruleIds, outcome: 'keep', because: keeping },
      );
    }
    return { matched, desired, granted, winners, setConflicts, ledger };
  }

  /** The plan a decision makes, with the reason for each grant and the account of the whole. */
  write(decision: Decision, settled: boolean): AccessPlan {
    const texts = this.rules.texts;
    // Rank order is key order: the grants come out sorted.
    const ranks = Int32Array.from(decision.granted).sort();
    const add: PlannedGrant[] = [];
    const unchanged: PlannedGrant[] = [];
    const withheld: PlannedGrant[] = [];
    const denialBases: Array<{ grantKey: string; basis: AttributeBasis }> = [];
    for (const rank of ranks) {
      const entry = decision.desired[rank];
      if (entry === undefined) continue;
      const { key: grantKey, grant, ruleIds, firstRule } = entry;
      if (this.current.has(grantKey)) {
        unchanged.push({ grantKey, grant, ruleIds, reason: texts.alreadyHeld(firstRule, ruleIds.length) });
        continue;
      }
      const granted = texts.grantedBy(firstRule, ruleIds.length);
      const denied =
        this.denials.size > 0
          ? this.denied(
              { grantKey, grant, ruleIds },
              granted.replace(/^Granted by /, ''),
              withheld,
              denialBases,
            )
          : undefined;
      if (denied === 'withheld') continue;
      add.push({
        ...(denied ?? { grantKey, grant, ruleIds, reason: granted }),
        basis: this.basisFor(ruleIds),
      });
    }
    const heldBefore = unchanged.length;

    const remove: PlannedGrant[] = [];
    let matchedIds: Set<string> | undefined;
    const matches = (ruleId: string) =>
      (matchedIds ??= new Set(decision.matched.map((i) => this.rules.active[i]!.id))).has(ruleId);
    for (const { key: grantKey, grant, ruleIds, outcome, because } of decision.ledger) {
      if (outcome === 'set') {
        const set = this.setOfGroup.get((grant as { groupId: string }).groupId)!;
        const winning = decision.desired[this.rules.rankOf.get(because)!]!;
        remove.push({
          grantKey,
          grant,
          ruleIds,
          reason: `Exclusive set "${set.name}": the user gets ${describeGrant(winning.grant)} from ${texts.label(winning.ruleIds[0]!)} instead`,
        });
      } else if (outcome === 'keep')
        unchanged.push({
          grantKey,
          grant,
          ruleIds,
          reason: `Kept: ${this.verdict(because, matches(because))}`,
        });
      else
        remove.push({
          grantKey,
          grant,
          ruleIds,
          reason: ruleIds.map((id) => this.verdict(id, matches(id))).join('; '),
        });
    }

    const reasons = [...this.rules.problems];
    if (decision.matched.length === 0) reasons.push('No enabled rule matches this user');
    for (const index of decision.matched) reasons.push(texts.matches(index));
    for (const { set, winner, loser } of decision.setConflicts)
      reasons.push(
        `Exclusive set "${set.name}": ${describeGrant(winner.grant)} from ${texts.label(winner.ruleIds[0]!)} wins over ${describeGrant(loser.grant)} from ${texts.label(loser.ruleIds[0]!)}`,
      );
    // Held groups of an exclusive set that the app did not grant stay, but the conflict is worth saying.
    for (const [setId, winner] of decision.winners) {
      for (const key of [...this.current].sort()) {
        if (key === winner.key || this.ledgerByKey.has(key)) continue;
        const ref = parseGrantKey(key);
        const set = ref?.kind === 'group' ? this.setOfGroup.get(ref.groupId) : undefined;
        if (!set || set.id !== setId) continue;
        const held = this.knownGrant(key) ?? grantFromKey(key)!;
        reasons.push(
          `Exclusive set "${set.name}": the user also holds ${describeGrant(held)}, which this app did not grant; it is left as is`,
        );
      }
    }
    if (!settled) reasons.push(UNSETTLED);

    return {
      add,
      remove: remove.length > 1 ? remove.sort(byKey) : remove,
      // Kept ledger grants join the held ones, which are in order already.
      unchanged: unchanged.length > heldBefore ? unchanged.sort(byKey) : unchanged,
      withheld,
      denialBases,
      reasons,
      matchedRuleIds: decision.matched.map((i) => this.rules.active[i]!.id),
      settled,
      skipped: null,
    };
  }

  /** Whether the ledger's rule lets a grant no matching rule justifies go: only an enabled, parsing `revoke` rule. */
  private revokes(ruleId: string): boolean {
    const rule = this.rules.rulesById.get(ruleId);
    return rule !== undefined && rule.enabled && this.rules.parses(rule) && rule.onUnmatch !== 'keep';
  }

  /** Why the ledger's rule keeps or lets go a grant no matching rule justifies. */
  private verdict(ruleId: string, matches: boolean): string {
    const rule = this.rules.rulesById.get(ruleId);
    if (!rule) return `rule ${ruleId} was deleted; grants of deleted rules are kept`;
    const label = this.rules.texts.label(ruleId);
    if (!rule.enabled) return `${label} is disabled; disabling pauses a rule, it does not revoke`;
    if (!this.rules.parses(rule)) return `${label} has a condition that does not parse`;
    const change = matches ? 'still matches but no longer grants this' : 'no longer matches';
    if (rule.onUnmatch === 'keep') return `${label} ${change} and is set to keep`;
    return `${label.charAt(0).toUpperCase()}${label.slice(1)} ${change} and is set to revoke`;
  }
}
