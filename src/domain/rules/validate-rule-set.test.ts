// validateRuleSet: per-rule checks, unique ids and names, the 500 limit, existence checks and exclusive sets.

import { inEnglish } from '../../../test/support/english';
import {
  validateRuleSet as validate,
  type ExclusiveSet,
  type FieldError,
  type Rule,
  type RuleSetChecks,
} from './index';

/**
 * validateRuleSet, checking each rule-set problem's key: worded in English it reads exactly as the English
 * message. The cases below then compare the English messages and fields as before.
 */
async function validateRuleSet(
  rules: readonly unknown[],
  checks: RuleSetChecks,
): Promise<Omit<FieldError, 'key' | 'values'>[]> {
  return (await validate(rules, checks)).map(({ key, values, ...error }) => {
    if (key?.startsWith('rules.problems.ruleSet.')) {
      expect(inEnglish.t(key, values)).toBe(error.message);
    }
    return error;
  });
}

function rule(id: string, patch: Partial<Rule> = {}): Rule {
  return {
    id,
    name: `Rule ${id}`,
    description: '',
    enabled: true,
    priority: 10,
    condition: { text: 'user.department -eq "Sales"', dialect: 'entra' },
    grants: [{ kind: 'group', groupId: `g-${id}`, groupName: `group ${id}` }],
    onUnmatch: 'revoke',
    ...patch,
  };
}

const everythingExists: RuleSetChecks = { groupExists: () => true, roleExists: () => true };

describe('validateRuleSet', () => {
  it('accepts a valid set', async () => {
    await expect(validateRuleSet([rule('a'), rule('b')], everythingExists)).resolves.toEqual([]);
  });

  it('allows 500 rules and refuses 501', async () => {
    const rules = Array.from({ length: 501 }, (_, i) => rule(`r${i}`));
    await expect(validateRuleSet(rules.slice(0, 500), everythingExists)).resolves.toEqual([]);
    await expect(validateRuleSet(rules, everythingExists)).resolves.toEqual([
      { ruleId: null, field: 'rules', message: 'A rule set may hold at most 500 rules; this one has 501' },
    ]);
  });

  it('reports each rule’s own problems with its id, and conditions that do not parse', async () => {
    const errors = await validateRuleSet(
      [
        rule('a', { condition: { text: 'user.department -eq', dialect: 'entra' } }),
        { id: 'b', name: '' },
        42,
      ],
      everythingExists,
    );
    expect(errors.map((e) => [e.ruleId, e.field])).toEqual([
      ['a', 'condition'],
      ['b', 'name'],
      ['b', 'enabled'],
      ['b', 'priority'],
      ['b', 'onUnmatch'],
      ['b', 'condition'],
      ['b', 'grants'],
      [null, 'rules[2]'],
    ]);
  });

  it('refuses duplicate ids and names', async () => {
    const errors = await validateRuleSet(
      [rule('a'), rule('a'), rule('c', { name: 'RULE A' })],
      everythingExists,
    );
    expect(errors).toEqual([
      { ruleId: 'a', field: 'id', message: 'Rules 1 and 2 share the id "a"' },
      { ruleId: 'c', field: 'name', message: 'Another rule (number 1) is already named "RULE A"' },
    ]);
  });

  it('checks each distinct group and role once, and reports every place a missing one is used', async () => {
    const groupCalls: string[] = [];
    const roleCalls: string[] = [];
    const checks: RuleSetChecks = {
      groupExists: async (id) => {
        groupCalls.push(id);
        await Promise.resolve();
        return id !== 'gone';
      },
      roleExists: (projectId, roleId) => {
        roleCalls.push(`${projectId}/${roleId}`);
        return roleId !== '999';
      },
    };
    const shared = { kind: 'group', groupId: 'gone', groupName: 'Old group' } as const;
    const errors = await validateRuleSet(
      [
        rule('a', { grants: [shared] }),
        rule('b', {
          grants: [
            { kind: 'group', groupId: 'fine', groupName: 'Fine' },
            shared,
            { kind: 'projectRole', projectId: '100', projectKey: 'OPS', roleId: '999', roleName: 'Ghosts' },
          ],
        }),
      ],
      checks,
    );
    expect(groupCalls.sort()).toEqual(['fine', 'gone']);
    expect(roleCalls).toEqual(['100/999']);
    expect(errors).toEqual([
      {
        ruleId: 'a',
        field: 'grants[0].groupId',
        message: 'Group "Old group" (id gone) does not exist on this site',
      },
      {
        ruleId: 'b',
        field: 'grants[1].groupId',
        message: 'Group "Old group" (id gone) does not exist on this site',
      },
      {
        ruleId: 'b',
        field: 'grants[2].roleId',
        message: 'Project OPS (id 100) has no role "Ghosts" (id 999)',
      },
    ]);
  });

  it('limits how many checks run at once', async () => {
    let running = 0;
    let peak = 0;
    const checks: RuleSetChecks = {
      groupExists: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        return true;
      },
      roleExists: () => true,
    };
    await validateRuleSet(
      Array.from({ length: 30 }, (_, i) => rule(`r${i}`)),
      checks,
    );
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(5);
  });

  it('lets a failing check reject, so the caller can retry', async () => {
    const checks: RuleSetChecks = {
      groupExists: () => Promise.reject(new Error('rate limited')),
      roleExists: () => true,
    };
    await expect(validateRuleSet([rule('a')], checks)).rejects.toThrow('rate limited');
  });

  describe('exclusive sets', () => {
    const tiers: ExclusiveSet = { id: 'tiers', name: 'Licence tiers', groupIds: ['gold', 'silver'] };

    it('accepts well-formed sets', async () => {
      await expect(
        validateRuleSet([rule('a')], { ...everythingExists, exclusiveSets: [tiers] }),
      ).resolves.toEqual([]);
    });

    it('refuses malformed sets, groups in two sets, and missing groups', async () => {
      const errors = await validateRuleSet([], {
        groupExists: (id) => id !== 'lost',
        roleExists: () => true,
        exclusiveSets: [
          tiers,
          { id: 'tiers', name: ' ', groupIds: ['silver'] },
          { id: 'bad id', name: 'Other', groupIds: ['lost', 'lost', ''] },
        ],
      });
      expect(errors).toEqual([
        {
          ruleId: null,
          field: 'exclusiveSets[1].id',
          message: 'Another exclusive set already has the id "tiers"',
        },
        { ruleId: null, field: 'exclusiveSets[1].name', message: 'The set needs a name of 1–100 characters' },
        {
          ruleId: null,
          field: 'exclusiveSets[1].groupIds',
          message: 'An exclusive set needs 2–50 groups; this one has 1',
        },
        {
          ruleId: null,
          field: 'exclusiveSets[1].groupIds[0]',
          message:
            'Group id silver is already in the exclusive set "Licence tiers"; a group can be in only one set',
        },
        {
          ruleId: null,
          field: 'exclusiveSets[2].id',
          message: 'The set id must be 1–64 letters, digits, ".", "_" or "-"',
        },
        { ruleId: null, field: 'exclusiveSets[2].groupIds[1]', message: 'Group id lost is listed twice' },
        {
          ruleId: null,
          field: 'exclusiveSets[2].groupIds[2]',
          message: 'A group id must be a non-empty string of letters, digits, ".", "_" or "-"',
        },
        {
          ruleId: null,
          field: 'exclusiveSets[2].groupIds[0]',
          message: 'Group id lost in the exclusive set "Other" does not exist on this site',
        },
        {
          ruleId: null,
          field: 'exclusiveSets[2].groupIds[1]',
          message: 'Group id lost in the exclusive set "Other" does not exist on this site',
        },
      ]);
    });

    it('refuses a rule that grants two groups of one set', async () => {
      const errors = await validateRuleSet(
        [
          rule('a', {
            grants: [
              { kind: 'group', groupId: 'gold', groupName: 'Gold' },
              { kind: 'group', groupId: 'other', groupName: 'Other' },
              { kind: 'group', groupId: 'silver', groupName: 'Silver' },
            ],
          }),
        ],
        { ...everythingExists, exclusiveSets: [tiers] },
      );
      expect(errors).toEqual([
        {
          ruleId: 'a',
          field: 'grants[2].groupId',
          message:
            'grants[0] and grants[2] are both in the exclusive set "Licence tiers"; a user can hold only one of them',
        },
      ]);
    });

    it('refuses more than 50 sets and group ids that are not a list', async () => {
      const many = Array.from({ length: 51 }, (_, i) => ({
        id: `s${i}`,
        name: `Set ${i}`,
        groupIds: [`a${i}`, `b${i}`],
      }));
      const notAList = { id: 'odd', name: 'Odd', groupIds: 'gold' } as unknown as ExclusiveSet;
      const errors = await validateRuleSet([], { ...everythingExists, exclusiveSets: [...many, notAList] });
      expect(errors).toEqual([
        { ruleId: null, field: 'exclusiveSets', message: 'At most 50 exclusive sets; there are 52' },
        {
          ruleId: null,
          field: 'exclusiveSets[51].groupIds',
          message: 'groupIds must be a list of group ids',
        },
      ]);
    });
  });
});
