// Checks a whole rule set before it is saved: each rule, unique ids and names, limits, grants that exist, sets.

import { grantKey, ID_PATTERN, RULE_LIMITS, type ExclusiveSet, type Rule } from './rule-model';
import type { TextKey, TextValues } from '../../shared/i18n/text';
import { validateRuleInput, type FieldError } from './validate-rule-input';

type RuleSetKey = Extract<TextKey, `rules.problems.ruleSet.${string}`>;

/**
 * A problem's English sentence with its key and values. Counts and numbers are given as written, so the English
 * reads exactly as the sentence does.
 */
function said(
  message: string,
  key: RuleSetKey,
  values?: Readonly<Record<string, string | number>>,
): Pick<FieldError, 'message' | 'key' | 'values'> {
  const written: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {})) written[name] = String(value);
  return values ? { message, key, values: written satisfies TextValues } : { message, key };
}

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
      ...said(
        `A rule set may hold at most ${RULE_LIMITS.maxRules} rules; this one has ${rules.length}`,
        'rules.problems.ruleSet.tooManyRules',
        { max: RULE_LIMITS.maxRules, count: rules.length },
      ),
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
        ...said(
          `Rules ${sameId + 1} and ${index + 1} share the id "${rule.id}"`,
          'rules.problems.ruleSet.sameId',
          {
            first: sameId + 1,
            second: index + 1,
            id: rule.id,
          },
        ),
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
        ...said(
          `Another rule (number ${sameName + 1}) is already named "${rule.name}"`,
          'rules.problems.ruleSet.sameName',
          { number: sameName + 1, name: rule.name },
        ),
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
          ...said(
            `grants[${first}] and grants[${index}] are both in the exclusive set "${set.name}"; a user can hold only one of them`,
            'rules.problems.ruleSet.grantsInOneSet',
            { first, second: index, set: set.name },
          ),
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
          ...said(
            `Group "${grant.groupName}" (id ${grant.groupId}) does not exist on this site`,
            'rules.problems.ruleSet.groupMissing',
            { name: grant.groupName, id: grant.groupId },
          ),
        });
      }
      if (grant.kind === 'projectRole' && missingRoles.has(grantKey(grant))) {
        errors.push({
          ruleId: rule.id,
          field: `grants[${index}].roleId`,
          ...said(
            `Project ${grant.projectKey} (id ${grant.projectId}) has no role "${grant.roleName}" (id ${grant.roleId})`,
            'rules.problems.ruleSet.roleMissing',
            {
              project: grant.projectKey,
              projectId: grant.projectId,
              role: grant.roleName,
              roleId: grant.roleId,
            },
          ),
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
          ...said(
            `Group id ${groupId} in the exclusive set "${set.name}" does not exist on this site`,
            'rules.problems.ruleSet.setGroupMissing',
            { id: groupId, set: set.name },
          ),
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
  const add = (field: string, problem: ReturnType<typeof said>): void => {
    errors.push({ ruleId: null, field, ...problem });
  };
  if (sets.length > RULE_LIMITS.maxExclusiveSets) {
    add(
      'exclusiveSets',
      said(
        `At most ${RULE_LIMITS.maxExclusiveSets} exclusive sets; there are ${sets.length}`,
        'rules.problems.ruleSet.tooManySets',
        { max: RULE_LIMITS.maxExclusiveSets, count: sets.length },
      ),
    );
  }
  const setIds = new Set<string>();
  sets.forEach((set, s) => {
    const at = `exclusiveSets[${s}]`;
    if (typeof set.id !== 'string' || !ID_PATTERN.test(set.id) || set.id.length > RULE_LIMITS.maxIdLength) {
      add(
        `${at}.id`,
        said(
          'The set id must be 1–64 letters, digits, ".", "_" or "-"',
          'rules.problems.ruleSet.setIdFormat',
        ),
      );
    } else if (setIds.has(set.id)) {
      add(
        `${at}.id`,
        said(`Another exclusive set already has the id "${set.id}"`, 'rules.problems.ruleSet.sameSetId', {
          id: set.id,
        }),
      );
    } else {
      setIds.add(set.id);
    }
    if (
      typeof set.name !== 'string' ||
      set.name.trim() === '' ||
      set.name.length > RULE_LIMITS.maxNameLength
    ) {
      add(
        `${at}.name`,
        said(
          `The set needs a name of 1–${RULE_LIMITS.maxNameLength} characters`,
          'rules.problems.ruleSet.setName',
          {
            max: RULE_LIMITS.maxNameLength,
          },
        ),
      );
    }
    if (!Array.isArray(set.groupIds)) {
      add(
        `${at}.groupIds`,
        said('groupIds must be a list of group ids', 'rules.problems.ruleSet.setGroupList'),
      );
      return;
    }
    if (set.groupIds.length < 2 || set.groupIds.length > RULE_LIMITS.maxGroupsPerExclusiveSet) {
      add(
        `${at}.groupIds`,
        said(
          `An exclusive set needs 2–${RULE_LIMITS.maxGroupsPerExclusiveSet} groups; this one has ${set.groupIds.length}`,
          'rules.problems.ruleSet.setGroupCount',
          { max: RULE_LIMITS.maxGroupsPerExclusiveSet, count: set.groupIds.length },
        ),
      );
    }
    set.groupIds.forEach((groupId: unknown, g) => {
      if (typeof groupId !== 'string' || !ID_PATTERN.test(groupId)) {
        add(
          `${at}.groupIds[${g}]`,
          said(
            'A group id must be a non-empty string of letters, digits, ".", "_" or "-"',
            'rules.problems.ruleSet.groupIdFormat',
          ),
        );
        return;
      }
      const other = setOfGroup.get(groupId);
      if (other) {
        add(
          `${at}.groupIds[${g}]`,
          other === set
            ? said(`Group id ${groupId} is listed twice`, 'rules.problems.ruleSet.groupTwice', {
                id: groupId,
              })
            : said(
                `Group id ${groupId} is already in the exclusive set "${other.name}"; a group can be in only one set`,
                'rules.problems.ruleSet.groupInOtherSet',
                { id: groupId, set: other.name },
              ),
        );
        return;
      }
      setOfGroup.set(groupId, set);
    });
  });
  return errors;
}
