// validateRuleInput: untrusted payloads become Rules or field errors naming exactly what is wrong.

import { grantKey, parseGrantKey, validateRuleInput, type Rule } from './index';

const valid = (): Record<string, unknown> => ({
  id: 'r-1',
  name: '  Sales engineers  ',
  description: 'Jira for sales engineers',
  enabled: true,
  priority: 10,
  condition: { text: 'user.department -eq "Sales"', dialect: 'entra' },
  grants: [
    { kind: 'group', groupId: 'g-1', groupName: 'jira-users' },
    { kind: 'projectRole', projectId: '10000', projectKey: 'SALES', roleId: '10002', roleName: 'Developers' },
  ],
  onUnmatch: 'revoke',
});

function errorsOf(input: unknown): { field: string; message: string }[] {
  const result = validateRuleInput(input);
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(({ field, message }) => ({ field, message }));
}

describe('validateRuleInput', () => {
  it('accepts a valid rule, trimming the name', () => {
    const result = validateRuleInput(valid());
    const expected = { ...valid(), name: 'Sales engineers' } as unknown as Rule;
    expect(result).toEqual({ ok: true, rule: expected });
  });

  it('defaults the description to empty and the dialect to Entra', () => {
    const input: Record<string, unknown> = { ...valid(), condition: { text: 'user.department -eq "x"' } };
    delete input.description;
    const result = validateRuleInput(input);
    expect(result.ok && result.rule.description).toBe('');
    expect(result.ok && result.rule.condition.dialect).toBe('entra');
  });

  it('accepts Okta conditions', () => {
    const result = validateRuleInput({
      ...valid(),
      condition: { text: 'user.department == "x"', dialect: 'okta' },
    });
    expect(result.ok).toBe(true);
  });

  it('rejects a non-object', () => {
    expect(errorsOf(null)).toEqual([{ field: '', message: 'A rule must be an object, got null' }]);
    expect(errorsOf([])).toEqual([{ field: '', message: 'A rule must be an object, got a list' }]);
  });

  it('names every missing field', () => {
    expect(errorsOf({})).toEqual([
      { field: 'id', message: 'Rule id is required' },
      { field: 'name', message: 'Name is required' },
      { field: 'enabled', message: 'enabled must be true or false, got nothing' },
      {
        field: 'priority',
        message: 'Priority must be a whole number from 0 (highest) to 1,000,000, got nothing',
      },
      { field: 'onUnmatch', message: 'onUnmatch must be "keep" or "revoke", got nothing' },
      { field: 'condition', message: 'condition must be an object { text, dialect }, got nothing' },
      { field: 'grants', message: 'grants must be a list, got nothing' },
    ]);
  });

  it.each([
    [{ id: 'has space' }, 'id', 'Rule id may contain only letters, digits, ".", "_" and "-"'],
    [{ id: 'a:b' }, 'id', 'Rule id may contain only letters, digits, ".", "_" and "-"'],
    [{ id: 'x'.repeat(65) }, 'id', 'Rule id is 65 characters long; the limit is 64'],
    [{ id: 7 }, 'id', 'Rule id must be a string, got a number'],
    [{ name: '   ' }, 'name', 'Name is required'],
    [{ name: 'n'.repeat(101) }, 'name', 'Name is 101 characters long; the limit is 100'],
    [
      { description: 'd'.repeat(1001) },
      'description',
      'Description is 1001 characters long; the limit is 1000',
    ],
    [{ enabled: 'yes' }, 'enabled', 'enabled must be true or false, got a string'],
    [{ priority: 1.5 }, 'priority', 'Priority must be a whole number from 0 (highest) to 1,000,000, got 1.5'],
    [{ priority: -1 }, 'priority', 'Priority must be a whole number from 0 (highest) to 1,000,000, got -1'],
    [
      { priority: '3' },
      'priority',
      'Priority must be a whole number from 0 (highest) to 1,000,000, got a string',
    ],
    [{ onUnmatch: 'delete' }, 'onUnmatch', 'onUnmatch must be "keep" or "revoke", got "delete"'],
    [{ prioritty: 1 }, 'prioritty', 'Unknown field "prioritty" — did you mean "priority"?'],
    [{ extra: 1 }, 'extra', 'Unknown field "extra"'],
  ])('%j → %s', (patch, field, message) => {
    expect(errorsOf({ ...valid(), ...patch })).toEqual([{ field, message }]);
  });

  describe('condition', () => {
    it('reports parse errors with their positions', () => {
      const result = validateRuleInput({
        ...valid(),
        condition: { text: 'user.departmnet -eq "x"', dialect: 'entra' },
      });
      expect(result).toEqual({
        ok: false,
        errors: [
          {
            ruleId: 'r-1',
            field: 'condition',
            message:
              'Line 1, column 1: Unknown attribute "user.departmnet" — did you mean "user.department"?',
            line: 1,
            column: 1,
            length: 15,
          },
        ],
      });
    });

    it('enforces the 3,072-character limit', () => {
      const text = `user.department -eq "${'x'.repeat(3060)}"`;
      expect(errorsOf({ ...valid(), condition: { text, dialect: 'entra' } })).toEqual([
        { field: 'condition', message: 'The condition is 3,082 characters long; the limit is 3,072' },
      ]);
    });

    it('rejects an unknown dialect, a missing text and unknown fields', () => {
      expect(errorsOf({ ...valid(), condition: { text: 'x', dialect: 'ldap' } })).toEqual([
        { field: 'condition.dialect', message: 'dialect must be "entra" or "okta", got "ldap"' },
      ]);
      expect(errorsOf({ ...valid(), condition: { dialect: 'entra' } })).toEqual([
        { field: 'condition', message: 'The condition text must be a string, got nothing' },
      ]);
      expect(errorsOf({ ...valid(), condition: { text: 'user.department -eq "x"', txt: 'y' } })).toEqual([
        { field: 'condition.txt', message: 'Unknown field "txt" — did you mean "text"?' },
      ]);
    });
  });

  describe('grants', () => {
    const withGrants = (grants: unknown) => ({ ...valid(), grants });

    it('needs at least one and at most 50', () => {
      expect(errorsOf(withGrants([]))).toEqual([
        { field: 'grants', message: 'Add at least one group or project role to grant' },
      ]);
      const many = Array.from({ length: 51 }, (_, i) => ({
        kind: 'group',
        groupId: `g${i}`,
        groupName: `G${i}`,
      }));
      expect(errorsOf(withGrants(many))).toEqual([
        { field: 'grants', message: 'A rule may grant at most 50 things; this one has 51' },
      ]);
    });

    it('names the exact grant field that is wrong', () => {
      expect(
        errorsOf(
          withGrants([
            { kind: 'group', groupId: 'g-1', groupName: 'ok' },
            { kind: 'team', id: 'x' },
            { kind: 'group', groupId: '', groupName: 'x' },
            {
              kind: 'projectRole',
              projectId: '1',
              projectKey: 'K',
              roleId: 10002,
              roleName: 'Dev',
              extra: 1,
            },
            'group:g-1',
            { kind: 'group', groupId: 'g-1', groupName: 'again' },
          ]),
        ),
      ).toEqual([
        { field: 'grants[1].kind', message: 'Unknown grant kind "team"; use "group" or "projectRole"' },
        { field: 'grants[2].groupId', message: 'Group id is required' },
        { field: 'grants[3].extra', message: 'Unknown field "extra"' },
        { field: 'grants[3].roleId', message: 'Role id must be a string, got a number' },
        { field: 'grants[4]', message: 'A grant must be an object, got a string' },
        { field: 'grants[5]', message: 'Duplicate of grants[0]' },
      ]);
    });
  });

  it('keeps an owner given as an account id, drops an empty one, and names one that is not an id', () => {
    const owned = validateRuleInput({ ...valid(), owner: '557058:owner-1' });
    expect(owned.ok && owned.rule.owner).toBe('557058:owner-1');
    for (const none of [null, '', undefined]) {
      const result = validateRuleInput({ ...valid(), owner: none });
      expect(result.ok && 'owner' in result.rule).toBe(false);
    }
    expect(errorsOf({ ...valid(), owner: 'not an id!' })).toEqual([
      { field: 'owner', message: 'The owner must be an Atlassian account id, got a string' },
    ]);
    expect(errorsOf({ ...valid(), owner: { accountId: 'x' } })).toEqual([
      { field: 'owner', message: 'The owner must be an Atlassian account id, got an object' },
    ]);
  });

  it('names the rule in every error when the id is usable', () => {
    const result = validateRuleInput({ ...valid(), name: '' });
    expect(!result.ok && result.errors.map((e) => e.ruleId)).toEqual(['r-1']);
  });
});

describe('grant keys', () => {
  it('are stable strings storage can use as ledger keys, and read back', () => {
    expect(grantKey({ kind: 'group', groupId: 'abc-123', groupName: 'Anything' })).toBe('group:abc-123');
    expect(
      grantKey({
        kind: 'projectRole',
        projectId: '10000',
        projectKey: 'K',
        roleId: '10002',
        roleName: 'Dev',
      }),
    ).toBe('role:10000:10002');
    expect(parseGrantKey('group:abc-123')).toEqual({ kind: 'group', groupId: 'abc-123' });
    expect(parseGrantKey('role:10000:10002')).toEqual({
      kind: 'projectRole',
      projectId: '10000',
      roleId: '10002',
    });
    expect(parseGrantKey('role:1')).toBeNull();
    expect(parseGrantKey('group:')).toBeNull();
    expect(parseGrantKey('team:x')).toBeNull();
  });
});
