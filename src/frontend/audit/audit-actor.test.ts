// The audit's "Who" column: a person, a rule by name, or the app's job; never an id on its own.
import { auditActor } from './audit-actor';

const rules = new Map([['rule-1', 'Acme engineers']]);

it('names an admin who acted as a person', () => {
  expect(auditActor({ actor: '712020:abc', action: 'settings-changed', ruleId: '' }, rules)).toEqual({
    kind: 'person',
    accountId: '712020:abc',
  });
});

it('names the rule behind automatic provisioning, and a deleted rule as such', () => {
  expect(auditActor({ actor: 'app', action: 'group-added', ruleId: 'rule-1' }, rules)).toEqual({
    kind: 'rule',
    ruleId: 'rule-1',
    name: 'Acme engineers',
  });
  expect(auditActor({ actor: 'app', action: 'group-added', ruleId: 'rule-gone' }, rules)).toEqual({
    kind: 'rule',
    ruleId: 'rule-gone',
    name: null,
  });
});

it('names the app job for work no person or rule did', () => {
  expect(auditActor({ actor: 'app', action: 'licence-removed', ruleId: '' }, rules)).toEqual({
    kind: 'system',
    label: 'audit.actors.inactivityJob',
  });
  expect(auditActor({ actor: 'app', action: 'job-finished', ruleId: '' }, rules)).toMatchObject({
    label: 'audit.actors.backgroundJob',
  });
  expect(auditActor({ actor: 'idp', action: 'attributes-pushed', ruleId: '' }, rules)).toMatchObject({
    label: 'audit.actors.identityProvider',
  });
  expect(auditActor({ actor: 'app', action: 'provision-failed', ruleId: '' }, rules)).toEqual({
    kind: 'system',
    label: 'audit.actors.provisioning',
  });
});
