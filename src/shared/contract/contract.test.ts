// The contract's payload validation: field paths from zod and from the domain validators, positions, unknown keys.
import { returns } from './endpoint';
import { empty } from './fields';
import { ALL_RESOLVER_KEYS, PAYLOAD_SCHEMAS, mergeSections, parsePayload } from './index';

const rule = {
  id: 'r1',
  name: 'Rule',
  enabled: true,
  priority: 0,
  condition: { text: 'user.department -eq "Sales"', dialect: 'entra' },
  grants: [{ kind: 'group', groupId: 'g1', groupName: 'G1' }],
  onUnmatch: 'keep',
};

describe('parsePayload', () => {
  it('has a schema for every key', () => {
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...ALL_RESOLVER_KEYS].sort());
    expect(new Set(ALL_RESOLVER_KEYS).size).toBe(ALL_RESOLVER_KEYS.length);
  });

  it('passes a valid rule through as the domain normalised it', () => {
    const result = parsePayload('rules.save', { rule: { ...rule, name: '  Rule  ' } });
    expect(result).toEqual({ ok: true, value: { rule: { ...rule, description: '' } } });
  });

  it('maps domain field paths into the payload and keeps condition positions', () => {
    const result = parsePayload('rules.save', {
      rule: {
        ...rule,
        condition: { text: 'user.department -eq', dialect: 'entra' },
        grants: [rule.grants[0], { kind: 'group', groupId: 'bad id', groupName: 'X' }],
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({ field: 'rule.condition', line: 1, column: 20 }),
      {
        field: 'rule.grants[1].groupId',
        message: 'Group id may contain only letters, digits, ".", "_" and "-"',
      },
    ]);
  });

  it('names unknown and prototype keys one by one, at their place', () => {
    const result = parsePayload('audit.query', JSON.parse('{"limit": 5, "__proto__": {}, "extra": 1}'));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: '__proto__',
          message: 'Unknown field "__proto__"',
          key: 'fields.unknownField',
          values: { name: '__proto__' },
        },
        {
          field: 'extra',
          message: 'Unknown field "extra"',
          key: 'fields.unknownField',
          values: { name: 'extra' },
        },
      ],
    });
    const nested = parsePayload('inactivity.review.approve', {
      runId: 'r',
      approval: { approve: 'all', also: true },
    });
    expect(nested).toEqual({
      ok: false,
      errors: [
        {
          field: 'approval.also',
          message: 'Unknown field "also"',
          key: 'fields.unknownField',
          values: { name: 'also' },
        },
      ],
    });
  });

  it('prefixes inactivity policy errors with the payload field', () => {
    const result = parsePayload('inactivity.policy.save', { policy: { schemaVersion: 1 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toContain('policy.products');
  });

  it('names the policy field itself, not "policy.policy", when the policy is not an object or has extra keys', () => {
    const fieldsOf = (input: unknown) => {
      const result = parsePayload('inactivity.policy.save', input);
      return result.ok ? [] : result.errors.map((e) => e.field);
    };
    expect(fieldsOf({ policy: [] })).toEqual(['policy']);
    expect(fieldsOf({ policy: { schemaVersion: 1, sneaky: true } })).toContain('policy.sneaky');
  });

  it('refuses unknown settings fields at any depth instead of dropping them', () => {
    const settings = {
      sources: {
        email: true,
        scim: { enabled: false },
        orgDirectory: { enabled: false },
        pushed: true,
      },
      org: { orgId: null, directoryId: null },
      groupWritePath: { mode: 'app-account' },
      provisioning: { enabled: true, coalesceSeconds: 2 },
      auditRetentionDays: 180,
    };
    expect(parsePayload('settings.save', { settings }).ok).toBe(true);
    const nested = {
      ...settings,
      sources: { ...settings.sources, scim: { ...settings.sources.scim, token: 'x' } },
    };
    expect(parsePayload('settings.save', { settings: nested })).toEqual({
      ok: false,
      errors: [
        {
          field: 'settings.sources.scim.token',
          message: 'Unknown field "token"',
          key: 'fields.unknownField',
          values: { name: 'token' },
        },
      ],
    });
  });

  it('refuses a cursor with spaces, control or non-ASCII characters before storage sees it', () => {
    for (const cursor of [' ', 'a b', 'a\u0000b', '\u202e'])
      expect(parsePayload('audit.query', { cursor })).toEqual({
        ok: false,
        errors: [{ field: 'cursor', message: 'Not a cursor this page issued', key: 'fields.notCursor' }],
      });
    expect(parsePayload('audit.query', { cursor: 'eyJrIjoieCJ9' }).ok).toBe(true);
  });

  it('treats a missing payload as an empty one', () => {
    expect(parsePayload('rules.list', undefined)).toEqual({ ok: true, value: {} });
    expect(parsePayload('rules.get', undefined)).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
  });
});

describe('the merged contract', () => {
  it('refuses a key that two feature sections both declare', () => {
    const first = { 'rules.list': { payload: empty, response: returns<number>() } };
    const second = { 'rules.list': { payload: empty, response: returns<string>() } };
    expect(() => mergeSections(first, second)).toThrow(
      'Resolver key "rules.list" is declared by two contract sections',
    );
  });
});
