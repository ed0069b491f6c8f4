// The Rules tab's backend: save, list, enable, reorder and delete rules (audited, with the admin as actor),
// positioned expression errors, "test on a user" that writes nothing, and an impact preview run to completion.
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/settings';
import type { AppHarness } from '../../support/app-harness';
import { asAdmin, call, draftRule, failureOf, groupOf, snapshot, startApp } from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

/** Departments come from the organization directory (Admin API), as on a real managed site. */
async function configureDirectorySource(): Promise<void> {
  const { orgId, directoryId, orgApiKey } = app.credentials;
  const settings: AppSettings = {
    ...DEFAULT_SETTINGS,
    sources: { ...DEFAULT_SETTINGS.sources, orgDirectory: { enabled: true } },
    org: { orgId, directoryId },
    groupWritePath: { mode: 'org-admin-api' },
  };
  await asAdmin(app, 'settings.save', { settings });
  await asAdmin(app, 'settings.setSecret', { name: 'org-api-key', value: orgApiKey });
}

/** People the identity provider put in its sales group (synced to the site as `idp-sales`). */
function salesPeople(): string[] {
  return app.site
    .accounts(0, 1000)
    .accounts.filter((a) => a.accountType === 'atlassian' && a.active && a.groups.includes('idp-sales'))
    .map((a) => a.accountId);
}

describe('rules', () => {
  it('saves, lists, enables, reorders and deletes rules, auditing each change as the admin', async () => {
    app = startApp();
    const admin = app.credentials.siteAdmin.accountId;
    const sales = draftRule(app);
    const support = draftRule(app, {
      id: 'support',
      name: 'Support agents',
      priority: 20,
      condition: { text: 'user.department -eq "Support"', dialect: 'entra' },
      grants: [{ kind: 'group', ...groupOf(app, 'support-agents'), groupName: 'support-agents' }].map(
        ({ groupId, groupName }) => ({ kind: 'group' as const, groupId, groupName }),
      ),
    });

    const created = await asAdmin(app, 'rules.save', { rule: sales, expectedUpdatedAt: null });
    app.clock.advance(1000);
    expect(created.created).toBe(true);
    expect(created.rule).toMatchObject({
      id: 'sales-staff',
      updatedBy: admin,
      canonicalText: 'user.groups -any (_ -eq "idp-sales")',
    });
    await asAdmin(app, 'rules.save', { rule: support });
    app.clock.advance(1000);

    let list = await asAdmin(app, 'rules.list', {});
    expect(list.rules.map((r) => r.id)).toEqual(['sales-staff', 'support']);
    expect(list.nextPriority).toBe(30);

    // Saving over a rule changed since the page loaded it is refused; with the right version it goes through.
    const stale = await call(app, admin, 'rules.save', {
      rule: { ...sales, name: 'Sales (stale)' },
      expectedUpdatedAt: created.rule.updatedAt! - 1,
    });
    failureOf(stale, 'conflict', /changed by .* since you opened it/);
    const dup = await call(app, admin, 'rules.save', { rule: sales, expectedUpdatedAt: null });
    failureOf(dup, 'conflict', /already exists/);
    app.clock.advance(1000);
    const edited = await asAdmin(app, 'rules.save', {
      rule: { ...sales, name: 'Sales team' },
      expectedUpdatedAt: created.rule.updatedAt,
    });
    expect(edited).toMatchObject({ created: false, rule: { name: 'Sales team' } });
    app.clock.advance(1000);

    const disabled = await asAdmin(app, 'rules.setEnabled', { id: 'support', enabled: false });
    expect(disabled.enabled).toBe(false);
    app.clock.advance(1000);
    list = await asAdmin(app, 'rules.reorder', { ids: ['support', 'sales-staff'] });
    app.clock.advance(1000);
    expect(list.rules.map((r) => [r.id, r.priority])).toEqual([
      ['support', 0],
      ['sales-staff', 10],
    ]);
    const partial = await call(app, admin, 'rules.reorder', { ids: ['support'] });
    failureOf(partial, 'conflict', /reload and reorder again/);
    const unknown = await call(app, admin, 'rules.reorder', { ids: ['support', 'sales-staff', 'nope'] });
    expect(failureOf(unknown, 'invalid').fields).toEqual([
      { field: 'ids[2]', message: 'There is no rule "nope"' },
    ]);

    expect(await asAdmin(app, 'rules.delete', { id: 'support' })).toEqual({ id: 'support', deleted: true });
    failureOf(await call(app, admin, 'rules.get', { id: 'support' }), 'not-found', /no rule "support"/);
    failureOf(await call(app, admin, 'rules.delete', { id: 'support' }), 'not-found');
    expect((await asAdmin(app, 'rules.list', {})).rules.map((r) => r.name)).toEqual(['Sales team']);

    const audit = await asAdmin(app, 'audit.query', { action: 'rule-changed' });
    expect(audit.entries.map((e) => [e.actor, e.target, e.reason]).reverse()).toEqual([
      [admin, 'rule:sales-staff', expect.stringMatching(/^Rule "Sales staff" created/) as unknown],
      [admin, 'rule:support', expect.stringMatching(/^Rule "Support agents" created/) as unknown],
      [admin, 'rule:sales-staff', 'Rule "Sales team" changed (name).'],
      [admin, 'rule:support', expect.stringMatching(/^Rule "Support agents" disabled/) as unknown],
      [admin, 'rules:order', 'Rules reordered: "Support agents" 20→0.'],
      [admin, 'rule:support', expect.stringMatching(/^Rule "Support agents" deleted/) as unknown],
    ]);
  });

  it('answers expression errors with their line and column, and saves nothing', async () => {
    app = startApp();
    const admin = app.credentials.siteAdmin.accountId;
    const text = 'user.department -eq "Sales"\n  -and user.jobTitle -eqq "Manager"';
    const check = await asAdmin(app, 'rules.checkExpression', { text, dialect: 'entra' });
    expect(check.ok).toBe(false);
    expect(check.errors[0]).toMatchObject({ field: 'text', line: 2, column: 22 });
    expect(check.errors[0]!.message).toMatch(/^Line 2, column 22: /);

    const before = snapshot(app);
    const reply = await call(app, admin, 'rules.save', {
      rule: draftRule(app, { condition: { text, dialect: 'entra' } }),
    });
    const error = failureOf(reply, 'invalid');
    expect(error.fields).toEqual([
      expect.objectContaining({ field: 'rule.condition', line: 2, column: 22 }) as unknown,
    ]);
    // A group that does not exist on the site is named at its place in the rule.
    const ghost = await call(app, admin, 'rules.save', {
      rule: draftRule(app, { grants: [{ kind: 'group', groupId: 'no-such-group', groupName: 'Ghosts' }] }),
    });
    expect(failureOf(ghost, 'invalid').fields).toEqual([
      {
        field: 'rule.grants[0].groupId',
        message: 'Group "Ghosts" (id no-such-group) does not exist on this site',
        key: 'rules.problems.ruleSet.groupMissing',
        values: { name: 'Ghosts', id: 'no-such-group' },
      },
    ]);
    expect(snapshot(app)).toEqual(before);

    const okay = await asAdmin(app, 'rules.checkExpression', {
      text: 'user.department == "Sales"',
      dialect: 'okta',
    });
    expect(okay).toEqual({ ok: true, errors: [], canonical: 'user.department -eq "Sales"' });
  });

  it('tests a draft rule on a user: attributes with sources, the trace and the plan, writing nothing', async () => {
    app = startApp();
    await configureDirectorySource();
    const person = salesPeople().find((id) => !app.groupNamesOf(id).includes('sales-team'));
    expect(person).toBeDefined();
    const rule = draftRule(app, {
      condition: {
        text: 'user.groups -any (_ -eq "idp-sales") -and user.accountType -eq "atlassian"',
        dialect: 'entra',
      },
    });
    const before = snapshot(app);
    const result = await asAdmin(app, 'rules.testOnUser', { accountId: person!, draft: rule });
    expect(snapshot(app)).toEqual(before);

    expect(result.attributes).toMatchObject({ accountId: person, accountType: 'atlassian' });
    expect(result.attributes.groups).toContain('idp-sales');
    expect(result.sources.find((s) => s.source === 'org-directory')).toMatchObject({ status: 'ok' });
    expect(result.evaluated).toMatchObject({ ruleId: 'sales-staff', from: 'draft', matched: true });
    expect(result.evaluated!.trace[0]).toMatchObject({ kind: 'and', result: true });
    expect(result.evaluated!.trace.find((t) => t.attribute === 'user.accountType')).toMatchObject({
      actual: 'atlassian',
      result: true,
    });
    expect(result.evaluated!.trace.find((t) => t.kind === 'any')).toMatchObject({
      attribute: 'user.groups',
      result: true,
      matchingValues: ['idp-sales'],
    });
    const sales = groupOf(app, 'sales-team');
    expect(result.plan.add.map((a) => a.grantKey)).toEqual([`group:${sales.groupId}`]);
    expect(result.plan.matchedRuleIds).toEqual(['sales-staff']);

    // A saved rule by id, on someone it does not match.
    await asAdmin(app, 'rules.save', { rule });
    const other = app.credentials.jiraAdmin.accountId;
    const miss = await asAdmin(app, 'rules.testOnUser', { accountId: other, ruleId: 'sales-staff' });
    expect(miss.evaluated).toMatchObject({ from: 'saved', matched: false });
    expect(miss.plan.add).toEqual([]);

    const nobody = await call(app, app.credentials.siteAdmin.accountId, 'rules.testOnUser', {
      accountId: '557058:00000000-0000-0000-0000-000000000000',
      ruleId: 'sales-staff',
    });
    failureOf(nobody, 'not-found', /No user 557058/);
  });

  it('previews the impact of the rules across the site in a job, changing no one', async () => {
    app = startApp();
    await configureDirectorySource();
    await asAdmin(app, 'rules.save', { rule: draftRule(app) });
    const expected = salesPeople().filter((id) => !app.groupNamesOf(id).includes('sales-team'));
    expect(expected.length).toBeGreaterThan(0);
    const groupsBefore = snapshot(app).groups;
    const writesBefore = snapshot(app).siteWrites;

    const started = await asAdmin(app, 'jobs.startPreview', {});
    expect(started).toMatchObject({ kind: 'preview', dryRun: true, status: 'planning' });
    const again = await call(app, app.credentials.siteAdmin.accountId, 'jobs.startPreview', {});
    failureOf(again, 'conflict', /already running/);
    await app.drain();

    const done = await asAdmin(app, 'jobs.get', { jobId: started.id });
    expect(done.status).toBe('done');
    const sales = groupOf(app, 'sales-team');
    const gain = done.gains.find((g) => g.grantKey === `group:${sales.groupId}`);
    expect(gain?.count).toBe(expected.length);
    expect(gain?.sampleAccountIds.every((id) => expected.includes(id))).toBe(true);
    expect(done.losses).toEqual([]);
    expect(snapshot(app).groups).toEqual(groupsBefore);
    expect(snapshot(app).siteWrites).toBe(writesBefore);
    expect((await asAdmin(app, 'jobs.list', {})).jobs.map((j) => j.id)).toContain(started.id);
    failureOf(
      await call(app, app.credentials.siteAdmin.accountId, 'jobs.get', { jobId: 'nope' }),
      'not-found',
    );
  });

  it('starts and cancels a backfill', async () => {
    app = startApp();
    const started = await asAdmin(app, 'jobs.startBackfill', {});
    expect(started).toMatchObject({ kind: 'backfill', dryRun: false });
    const cancelled = await asAdmin(app, 'jobs.cancel', { jobId: started.id });
    expect(cancelled.status).toBe('cancelled');
    // Who cancelled is the audit's actor; the message shown on the page quotes no account id.
    expect(cancelled.message).toBe('Cancelled by an admin');
    const finished = await asAdmin(app, 'audit.query', { action: 'job-finished' });
    expect(finished.entries.map((e) => [e.reason, e.actor])).toEqual([
      ['Cancelled.', app.credentials.siteAdmin.accountId],
    ]);
  });
});
