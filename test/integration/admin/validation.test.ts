// Hostile and malformed payloads get field-level errors naming what is wrong, and change nothing.
import type { ResolverKey } from '../../../src/shared/contract';
import type { AppHarness } from '../../support/app-harness';
import { call, draftRule, failureOf, samplePayloads, snapshot, startApp } from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

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
        { field: 'sneaky', message: 'Unknown field "sneaky"' },
        { field: 'rule.name', message: 'Name is 200000 characters long; the limit is 100' },
      ]),
    );
  });
});
