// Hostile and malformed payloads get field-level errors naming what is wrong, log nothing (a client's mistake is
// not the app's failure) and change nothing: wrong types at every field of every key, unknown and prototype keys
// at every level, huge strings, and cursors the page never issued.
import { ALL_RESOLVER_KEYS, type ResolverKey } from '../../../src/shared/contract';
import type { AppHarness } from '../../support/app-harness';
import { dailyRun, invite, JIRA, savePolicy, setDay, startEnv, T0 } from '../inactivity/inactivity-env';
import { asAdmin, call, draftRule, failureOf, samplePayloads, snapshot, startApp } from './admin-setup';

let app: AppHarness;
let logged: jest.SpyInstance;
beforeEach(() => (logged = jest.spyOn(console, 'error')));
afterEach(async () => {
  logged.mockRestore();
  await app.close();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of a payload with its field path as the resolver names it (`rule.grants[0].groupId`). */
function leaves(value: Json, path = ''): Array<[string, Json]> {
  if (Array.isArray(value))
    return value.length === 0 ? [[path, value]] : value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return path ? [[path, value]] : [];
    return entries.flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

/** Every object in a payload (the root included) with its path. */
function objects(value: Json, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objects(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => objects(v, path ? `${path}.${k}` : k))];
}

/** A deep copy with the value at `path` replaced (or, for `extraKey`, a key added to the object there). */
function edited<T extends Json>(
  payload: T,
  path: string,
  change: (parent: Record<string, Json> | Json[], key: string) => void,
): T {
  const copy = JSON.parse(JSON.stringify(payload)) as T;
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let parent: Json = copy;
  for (const part of parts.slice(0, -1)) parent = (parent as Record<string, Json>)[part] as Json;
  change(parent as Record<string, Json>, parts[parts.length - 1] ?? '');
  return copy;
}

/** Values of a different JSON type than the sample's (never null: some fields are nullable on purpose). */
function otherTypes(sample: Json): Json[] {
  if (typeof sample === 'string') return [7, ['x'], { s: 'x' }];
  if (typeof sample === 'number') return ['7', true];
  if (typeof sample === 'boolean') return ['true', 0];
  if (Array.isArray(sample)) return ['x', { length: 0 }];
  return ['x', 1, []];
}

/** A named field that is the field at fault, one of its parents, or one of its children. */
function names(named: string[], path: string): boolean {
  return named.some(
    (f) => f === path || path.startsWith(`${f}.`) || path.startsWith(`${f}[`) || f.startsWith(`${path}.`),
  );
}

async function expectInvalid(key: ResolverKey, payload: unknown, path: string): Promise<void> {
  const reply = await call(app, app.credentials.siteAdmin.accountId, key, payload as Record<string, unknown>);
  const summary = `${key} ${path} = ${JSON.stringify(payload).slice(0, 120)}`;
  if (reply.ok) throw new Error(`accepted: ${summary}`);
  const named = (reply.error.fields ?? []).map((f) => f.field);
  expect({ summary, kind: reply.error.kind, named: names(named, path) }).toEqual({
    summary,
    kind: 'invalid',
    named: true,
  });
}

const HUGE = 'x'.repeat(200_000);

describe('payload validation', () => {
  it('answers every kind of bad payload with the fields at fault, and changes nothing', async () => {
    app = startApp();
    const admin = app.credentials.siteAdmin.accountId;
    const rule = draftRule(app);
    const samples = samplePayloads(app, admin);
    const cases: Array<[ResolverKey, unknown, string[]]> = [
      [
        'rules.save',
        { rule: { ...rule, priority: 'first', enabled: 'yes' } },
        ['rule.enabled', 'rule.priority'],
      ],
      ['rules.save', { rule: { ...rule, name: HUGE } }, ['rule.name']],
      ['rules.save', { rule: { ...rule, condition: { text: HUGE, dialect: 'entra' } } }, ['rule.condition']],
      ['rules.save', { rule: { ...rule, grants: [] } }, ['rule.grants']],
      ['rules.save', { rule: { ...rule, admin: true } }, ['rule.admin']],
      ['rules.save', { rule, extra: 1 }, ['extra']],
      ['rules.save', JSON.parse('{"rule": {"__proto__": {"isAdmin": true}}}') as unknown, ['rule.__proto__']],
      ['rules.save', JSON.parse('{"__proto__": {"polluted": true}}') as unknown, ['rule', '__proto__']],
      ['rules.save', { rule: { ...rule, id: '../../etc' } }, ['rule.id']],
      ['rules.setEnabled', { id: rule.id, enabled: 'false' }, ['enabled']],
      ['rules.reorder', { ids: 'sales-staff' }, ['ids']],
      ['rules.testOnUser', { accountId: 'bob; DROP TABLE', ruleId: rule.id }, ['accountId']],
      ['rules.testOnUser', { accountId: admin, ruleId: rule.id, draft: rule }, ['ruleId']],
      ['rules.checkExpression', { text: HUGE, dialect: 'entra' }, ['text']],
      ['rules.checkExpression', { text: 'x', dialect: 'scim' }, ['dialect']],
      ['audit.query', { limit: 1000, from: 10, to: 5 }, ['limit']],
      ['audit.query', { from: 10, to: 5 }, ['from']],
      ['audit.query', { action: 'everything' }, ['action']],
      ['audit.exportCsv', { cursor: HUGE }, ['cursor']],
      ['settings.setSecret', { name: 'org-api-key', value: 123 }, ['value']],
      ['settings.setSecret', { name: 'root-password', value: 'abcdefghij' }, ['name']],
      ['settings.setSecret', { name: 'org-api-key', value: ' padded-key ' }, ['value']],
      ['settings.setSecret', { name: 'org-api-key', value: HUGE }, ['value']],
      [
        'settings.save',
        {
          settings: {
            ...samples['settings.save'].settings,
            auditRetentionDays: 1,
            groupWritePath: { mode: 'impersonate-admin', adminAccountId: '' },
          },
        },
        ['settings.groupWritePath.adminAccountId', 'settings.auditRetentionDays'],
      ],
      ['inactivity.policy.save', { policy: { schemaVersion: 1 } }, ['policy.products']],
      [
        'inactivity.review.approve',
        { runId: 'r', approval: { approve: 'accounts', accountIds: [] } },
        ['approval.accountIds'],
      ],
      ['catalogue.groups', { ids: Array.from({ length: 51 }, (_, i) => `g${i}`) }, ['ids']],
      ['overview.get', { weeks: 0 }, ['weeks']],
    ];
    const before = snapshot(app);
    for (const [key, payload, fields] of cases) {
      const reply = await call(app, admin, key, payload as Record<string, unknown>);
      const error = failureOf(reply, 'invalid', /^Please correct/);
      const named = (error.fields ?? []).map((f) => f.field);
      expect({
        key,
        payload: JSON.stringify(payload).slice(0, 80),
        named: fields.filter((f) => named.includes(f)),
      }).toEqual({
        key,
        payload: JSON.stringify(payload).slice(0, 80),
        named: fields,
      });
      for (const field of error.fields ?? []) expect(field.message.length).toBeGreaterThan(3);
    }
    expect(snapshot(app)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('names an unknown field as unknown, and a huge one by its length', async () => {
    app = startApp();
    const admin = app.credentials.siteAdmin.accountId;
    const reply = await call(app, admin, 'rules.save', {
      rule: { ...draftRule(app), name: HUGE },
      sneaky: true,
    });
    const fields = failureOf(reply, 'invalid').fields ?? [];
    expect(fields).toEqual(
      expect.arrayContaining([
        {
          field: 'sneaky',
          message: 'Unknown field "sneaky"',
          key: 'fields.unknownField',
          values: { name: 'sneaky' },
        },
        { field: 'rule.name', message: 'Name is 200000 characters long; the limit is 100' },
      ]),
    );
  });

  it('names a value of the wrong type at every field of every key, logs nothing and changes nothing', async () => {
    app = startApp();
    const samples = samplePayloads(app, app.credentials.siteAdmin.accountId) as unknown as Record<
      ResolverKey,
      Json
    >;
    const before = snapshot(app);
    let cases = 0;
    for (const key of ALL_RESOLVER_KEYS)
      for (const [path, value] of leaves(samples[key]))
        for (const wrong of otherTypes(value)) {
          await expectInvalid(
            key,
            edited(samples[key], path, (parent, name) => {
              (parent as Record<string, Json>)[name] = wrong;
            }),
            path,
          );
          cases++;
        }
    expect(cases).toBeGreaterThan(150);
    expect(snapshot(app)).toEqual(before);
    expect(logged).not.toHaveBeenCalled();
  });

  it('names unknown and prototype keys at every level of every payload, and nothing is polluted', async () => {
    app = startApp();
    const samples = samplePayloads(app, app.credentials.siteAdmin.accountId) as unknown as Record<
      ResolverKey,
      Json
    >;
    const before = snapshot(app);
    for (const key of ALL_RESOLVER_KEYS)
      for (const path of objects(samples[key])) {
        // Products are keyed by product key, so a new key there is a (bad) product, named under its own path.
        const extraName = path.endsWith('products') ? 'x y' : 'sneaky';
        await expectInvalid(
          key,
          edited({ root: samples[key] }, path ? `root.${path}.${extraName}` : `root.${extraName}`, (p, n) => {
            (p as Record<string, Json>)[n] = true;
          }).root,
          path ? `${path}.${extraName}` : extraName,
        );
        for (const hostile of ['__proto__', 'constructor']) {
          const target = path ? `${path}.${hostile}` : hostile;
          const text = JSON.stringify(samples[key]);
          // Inserted as text: a JavaScript literal would set the prototype instead of adding an own key.
          const payload = JSON.parse(
            path === ''
              ? text.replace(/^\{/, `{"${hostile}": {"polluted": true},`).replace(/,}$/, '}')
              : JSON.stringify(
                  edited(samples[key], `${path}.placeholder-key`, (p, n) => {
                    (p as Record<string, Json>)[n] = { polluted: true };
                  }),
                ).replace('"placeholder-key"', `"${hostile}"`),
          ) as unknown;
          if (path.endsWith('products')) continue;
          await expectInvalid(key, payload, target);
        }
      }
    expect(snapshot(app)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers a cursor the page never issued with "invalid" on cursor, on every key that pages', async () => {
    const env = await startEnv();
    app = env.app;
    const [ada, bob] = [invite(env, 'ada'), invite(env, 'bob')];
    for (const person of [ada, bob]) app.site.recordActivity(person, JIRA, T0);
    await savePolicy(env, { jira: { warnDaysBefore: 0 }, brake: { maxActionsPerRun: 1 } });
    setDay(env, 100);
    const held = await dailyRun(env);
    expect(held?.status).toBe('awaiting-review');
    const runId = held!.id;
    // Every paged list has rows and a cursor of its own, so a forged cursor is really used.
    expect((await asAdmin(app, 'audit.query', { limit: 1 })).cursor).toBeDefined();
    expect((await asAdmin(app, 'inactivity.review.get', { limit: 1 })).cursor).toBeDefined();
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const forged = [
      '!!!',
      '__proto__',
      b64('not json'),
      b64('123'),
      b64('{"k":5}'),
      b64('{"r":{"a":1},"k":"x"}'),
      ' ',
      'a\u0000b',
      '\u202e',
      'x'.repeat(5000),
    ];
    const before = snapshot(app);
    const keys: Array<[ResolverKey, Record<string, unknown>]> = [
      ['audit.query', {}],
      ['audit.exportCsv', {}],
      ['inactivity.runs.report', { runId }],
      ['inactivity.runs.actions', { runId }],
      ['inactivity.review.get', {}],
    ];
    for (const [key, payload] of keys)
      for (const cursor of forged) {
        const reply = await call(app, env.admin, key, { ...payload, cursor });
        const error = failureOf(reply, 'invalid');
        expect([key, cursor.slice(0, 20), error.fields?.map((f) => f.field)]).toEqual([
          key,
          cursor.slice(0, 20),
          ['cursor'],
        ]);
      }
    expect(snapshot(app)).toEqual(before);
    expect(logged).not.toHaveBeenCalled();
  });
});
