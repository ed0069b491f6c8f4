// Checks a whole rule set before it is saved: each rule, unique ids and names, limits, grants that exist, sets.

import { grantKey, ID_PATTERN, RULE_LIMITS, type ExclusiveSet, type Rule } from './rule-model';
import { validateRuleInput, type FieldError } from './validate-rule-input';

export interface RuleSetChecks {
  /** Whether the site still has this group. May be async; it is called once per distinct group id. */
  groupExists: (groupId: string) => boolean | Promise<boolean>;
  /** Whether this project still exists and has this role. Called once per distinct pair. */
  roleExists: (projectId: string, roleId: string) => boolean | Promise<boolean>;
  exclusiveSets?: readonly ExclusiveSet[];
}

/** How many existence checks run at once, so a 500-rule set does not flood the site's rate limits. */
const CHECK_CONCURRENCY = 5;

async function runLimited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * Every problem with a rule set, rule by rule, then the exclusive sets; an empty list means it can be saved.
 * Rejections from the check functions propagate (the caller decides whether to retry).
 */
export async function validateRuleSet(
  rules: readonly unknown[],
  checks: RuleSetChecks,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (rules.length > RULE_LIMITS.maxRules) {
    errors.push({
      ruleId: null,
      field: 'rules',
      message: `A rule set may hold at most ${RULE_LIMITS.maxRules} rules; this one has ${rules.length}`,
    });
  }

  const valid: Rule[] = [];
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  rules.forEach((input, index) => {
    const result = validateRuleInput(input);
    if (!result.ok) {
      errors.push(
        ...result.errors.map((e) => ({ ...e, field: e.field === '' ? `rules[${index}]` : e.field })),
      );
      return;
    }
    const rule = result.rule;
    const sameId = ids.get(rule.id);
    if (sameId !== undefined) {
      errors.push({
        ruleId: rule.id,
        field: 'id',
        message: `Rules ${sameId + 1} and ${index + 1} share the id "${rule.id}"`,
      });
      return;
    }
    ids.set(rule.id, index);
    const nameKey = rule.name.toLowerCase();
    const sameName = names.get(nameKey);
    if (sameName !== undefined) {
      errors.push({
        ruleId: rule.id,
        field: 'name',
        message: `Another rule (number ${sameName + 1}) is already named "${rule.name}"`,
      });
    } else {
      names.set(nameKey, index);
    }
    valid.push(rule);
  });

  const sets = checks.exclusiveSets ?? [];
  const setOfGroup = new Map<string, ExclusiveSet>();
  errors.push(...checkExclusiveSets(sets, setOfGroup));

  // A rule that grants two groups of one set contradicts the set: a user can hold only one of them.
  for (const rule of valid) {
    const inSet = new Map<string, number>();
    rule.grants.forEach((grant, index) => {
      if (grant.kind !== 'group') return;
      const set = setOfGroup.get(grant.groupId);
      if (!set) return;
      const first = inSet.get(set.id);
      if (first !== undefined) {
        errors.push({
          ruleId: rule.id,
          field: `grants[${index}].groupId`,
          message: `grants[${first}] and grants[${index}] are both in the exclusive set "${set.name}"; a user can hold only one of them`,
        });
      } else {
        inSet.set(set.id, index);
      }
    });
  }

  // Existence checks, once per distinct group and role, then reported at every place that uses them.
  const groupIds = [
    ...new Set([
      ...valid.flatMap((r) => r.grants.flatMap((g) => (g.kind === 'group' ? [g.groupId] : []))),
      ...setOfGroup.keys(),
    ]),
  ].sort();
  const roleKeys = [
    ...new Set(
      valid.flatMap((r) => r.grants.flatMap((g) => (g.kind === 'projectRole' ? [grantKey(g)] : []))),
    ),
  ].sort();
  const groupResults = await runLimited(
    groupIds.map((id) => () => Promise.resolve(checks.groupExists(id))),
    CHECK_CONCURRENCY,
  );
  const roleResults = await runLimited(
    roleKeys.map((key) => {
      const [, projectId, roleId] = key.split(':') as [string, string, string];
      return () => Promise.resolve(checks.roleExists(projectId, roleId));
    }),
    CHECK_CONCURRENCY,
  );
  const missingGroups = new Set(groupIds.filter((_, i) => !groupResults[i]));
  const missingRoles = new Set(roleKeys.filter((_, i) => !roleResults[i]));

  for (const rule of valid) {
    rule.grants.forEach((grant, index) => {
      if (grant.kind === 'group' && missingGroups.has(grant.groupId)) {
        errors.push({
          ruleId: rule.id,
          field: `grants[${index}].groupId`,
          message: `Group "${grant.groupName}" (id ${grant.groupId}) does not exist on this site`,
        });
      }
      if (grant.kind === 'projectRole' && missingRoles.has(grantKey(grant))) {
        errors.push({
          ruleId: rule.id,
          field: `grants[${index}].roleId`,
          message: `Project ${grant.projectKey} (id ${grant.projectId}) has no role "${grant.roleName}" (id ${grant.roleId})`,
        });
      }
    });
  }
  sets.forEach((set, s) => {
    (Array.isArray(set.groupIds) ? set.groupIds : []).forEach((groupId, g) => {
      if (missingGroups.has(groupId)) {
        errors.push({
          ruleId: null,
          field: `exclusiveSets[${s}].groupIds[${g}]`,
          message: `Group id ${groupId} in the exclusive set "${set.name}" does not exist on this site`,
        });
      }
    });
  });
  return errors;
}

function checkExclusiveSets(
  sets: readonly ExclusiveSet[],
  setOfGroup: Map<string, ExclusiveSet>,
): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string): void => {
    errors.push({ ruleId: null, field, message });
  };
  if (sets.length > RULE_LIMITS.maxExclusiveSets) {
    add('exclusiveSets', `At most ${RULE_LIMITS.maxExclusiveSets} exclusive sets; there are ${sets.length}`);
  }
  const setIds = new Set<string>();
  sets.forEach((set, s) => {
    const at = `exclusiveSets[${s}]`;
    if (typeof set.id !== 'string' || !ID_PATTERN.test(set.id) || set.id.length > RULE_LIMITS.maxIdLength) {
      add(`${at}.id`, 'The set id must be 1–64 letters, digits, ".", "_" or "-"');
    } else if (setIds.has(set.id)) {
      add(`${at}.id`, `Another exclusive set already has the id "${set.id}"`);
    } else {
      setIds.add(set.id);
    }
    if (
      typeof set.name !== 'string' ||
      set.name.trim() === '' ||
      set.name.length > RULE_LIMITS.maxNameLength
    ) {
      add(`${at}.name`, `The set needs a name of 1–${RULE_LIMITS.maxNameLength} characters`);
    }
    if (!Array.isArray(set.groupIds)) {
      add(`${at}.groupIds`, 'groupIds must be a list of group ids');
      return;
    }
    if (set.groupIds.length < 2 || set.groupIds.length > RULE_LIMITS.maxGroupsPerExclusiveSet) {
      add(
        `${at}.groupIds`,
        `An exclusive set needs 2–${RULE_LIMITS.maxGroupsPerExclusiveSet} groups; this one has ${set.groupIds.length}`,
      );
    }
    set.groupIds.forEach((groupId: unknown, g) => {
      if (typeof groupId !== 'string' || !ID_PATTERN.test(groupId)) {
        add(
          `${at}.groupIds[${g}]`,
          'A group id must be a non-empty string of letters, digits, ".", "_" or "-"',
        );
        return;
      }
      const other = setOfGroup.get(groupId);
      if (other) {
        add(
          `${at}.groupIds[${g}]`,
          other === set
            ? `Group id ${groupId} is listed twice`
            : `Group id ${groupId} is already in the exclusive set "${other.name}"; a group can be in only one set`,
        );
        return;
      }
      setOfGroup.set(groupId, set);
    });
  });
  return errors;
}
