// Settings round-trip, write-only secrets that no response ever contains, the IdP push URL, and "Test
// connection" for the org API, the SCIM directory and each group write path, with messages naming the fix.
import { ALL_RESOLVER_KEYS, type ResolverKey } from '../../../src/shared/contract';
import { DEFAULT_SETTINGS, type AppSettings } from '../../../src/shared/settings';
import type { AppHarness } from '../../support/app-harness';
import { asAdmin, call, failureOf, inviteMember, samplePayloads, startApp } from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

function orgSettings(overrides: Partial<AppSettings> = {}): AppSettings {
  const { orgId, directoryId } = app.credentials;
  return {
    ...DEFAULT_SETTINGS,
    org: { orgId, directoryId },
    groupWritePath: { mode: 'org-admin-api' },
    ...overrides,
  };
}

describe('settings', () => {
  it('round-trips settings, audits the change as the admin, and shows the push URL', async () => {
    app = startApp();
    const admin = app.credentials.siteAdmin.accountId;
    const initial = await asAdmin(app, 'settings.get', {});
    expect(initial.settings).toEqual(DEFAULT_SETTINGS);
    expect(initial.idpPushUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/x1\/[0-9a-f]+$/);
    expect(initial.secrets.map((s) => [s.name, s.isSet])).toEqual([
      ['org-api-key', false],
      ['scim-directory-key', false],
      ['webtrigger-secret', false],
    ]);

    const wanted = orgSettings({ auditRetentionDays: 90 });
    const saved = await asAdmin(app, 'settings.save', { settings: wanted });
    expect(saved.settings).toEqual(wanted);
    expect((await asAdmin(app, 'settings.get', {})).settings).toEqual(wanted);

    const audit = await asAdmin(app, 'audit.query', { action: 'settings-changed' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: admin, target: 'settings' });
    // In the Settings tab's words: labels and plain values, no field path.
    expect(audit.entries[0]!.reason).toContain('Keep the audit log for (days): 90');
    expect(audit.entries[0]!.reason).toContain('Group write path: Organization Admin API');
    expect(audit.entries[0]!.reason).not.toMatch(/groupWritePath|auditRetentionDays/);

    // Saving the same again is not a change.
    await asAdmin(app, 'settings.save', { settings: wanted });
    expect((await asAdmin(app, 'audit.query', { action: 'settings-changed' })).entries).toHaveLength(1);

    // Cross-field rules from the shared schema come back on the field.
    const missing = await call(app, admin, 'settings.save', {
      settings: {
        ...wanted,
        org: { ...wanted.org, directoryId: null },
        sources: { ...wanted.sources, scim: { enabled: true } },
      },
    });
    // One directory id serves SCIM and the Admin API: it is named once.
    expect(failureOf(missing, 'invalid').fields).toEqual([
      {
        field: 'settings.org.directoryId',
        message: 'The SCIM source needs the directory id',
        key: 'fields.scimNeedsDirectory',
      },
    ]);
  });

  it('never returns a secret in any response of a whole session, and audits secret changes without the value', async () => {
    app = startApp();
    const admin = app.credentials.siteAdmin.accountId;
    const member = inviteMember(app, 'eve');
    const secrets = {
      'org-api-key': app.credentials.orgApiKey,
      'scim-directory-key': app.site.scim.key,
      'webtrigger-secret': 'whsec-7f3a9c1d2e4b5a6f8091a2b3c4d5e6f7',
    } as const;
    const responses: string[] = [];
    const record = async (accountId: string, key: ResolverKey, payload: object) => {
      const reply = await call(app, accountId, key, payload as Record<string, unknown>);
      responses.push(JSON.stringify(reply));
      return reply;
    };

    await record(admin, 'settings.save', {
      settings: orgSettings({
        sources: {
          ...DEFAULT_SETTINGS.sources,
          scim: { enabled: true },
        },
      }),
    });
    for (const [name, value] of Object.entries(secrets)) {
      const status = await record(admin, 'settings.setSecret', { name, value });
      expect(status).toMatchObject({ ok: true, value: { name, isSet: true, updatedBy: admin } });
    }
    // Every key, as the admin and as a member, with the secrets set.
    const payloads = samplePayloads(app, member);
    for (const key of ALL_RESOLVER_KEYS) {
      if (key === 'settings.setSecret' || key === 'settings.clearSecret') continue;
      await record(admin, key, payloads[key]);
      await record(member, key, payloads[key]);
    }
    for (const target of ['org-api', 'scim', 'write-path'] as const)
      await record(admin, 'settings.testConnection', { target });
    await record(admin, 'audit.exportCsv', {});
    await record(admin, 'settings.clearSecret', { name: 'webtrigger-secret' });
    await record(admin, 'settings.get', {});

    // Every call finished inside Forge's 25 s resolver limit: the platform fails an invocation that overruns it.
    const resolverRuns = app.platform.invocations.filter((r) => r.moduleKind === 'resolver');
    expect(resolverRuns.length).toBeGreaterThanOrEqual(responses.length);
    expect(resolverRuns.every((r) => r.outcome === 'success')).toBe(true);
    const all = responses.join('\n');
    expect(responses.length).toBe(4 + 2 * (ALL_RESOLVER_KEYS.length - 2) + 6);
    // Most of the admin's calls succeeded, so the responses hold real settings, statuses and views.
    expect(responses.filter((r) => r.startsWith('{"ok":true')).length).toBeGreaterThan(30);
    expect(responses.filter((r) => r.includes('"kind":"internal"'))).toEqual([]);
    for (const value of Object.values(secrets)) {
      expect(all).not.toContain(value);
      // Not even a recognisable part of it.
      expect(all).not.toContain(value.slice(0, 8));
      expect(all).not.toContain(value.slice(-8));
    }
    const audit = await asAdmin(app, 'audit.query', { action: 'secret-changed' });
    expect(audit.entries.map((e) => e.reason).sort()).toEqual([
      'IdP push signing secret cleared.',
      'IdP push signing secret set.',
      'Organization API key set.',
      'SCIM directory API key set.',
    ]);
    expect(audit.entries.every((e) => e.actor === admin)).toBe(true);
    const status = (await asAdmin(app, 'settings.get', {})).secrets;
    expect(status.map((s) => [s.name, s.isSet])).toEqual([
      ['org-api-key', true],
      ['scim-directory-key', true],
      ['webtrigger-secret', false],
    ]);
  });

  it('tests the org API and the SCIM directory: success, and failures that name the fix', async () => {
    app = startApp();
    const admin = app.credentials.siteAdmin.accountId;
    const notConfigured = await asAdmin(app, 'settings.testConnection', { target: 'org-api' });
    expect(notConfigured).toMatchObject({
      ok: false,
      message: 'Set the organization id, the directory id, the org API key first.',
    });

    await asAdmin(app, 'settings.save', {
      settings: orgSettings({
        sources: {
          ...DEFAULT_SETTINGS.sources,
          scim: { enabled: true },
        },
      }),
    });
    await asAdmin(app, 'settings.setSecret', { name: 'org-api-key', value: app.credentials.orgApiKey });
    await asAdmin(app, 'settings.setSecret', { name: 'scim-directory-key', value: app.site.scim.key });
    const orgOk = await asAdmin(app, 'settings.testConnection', { target: 'org-api' });
    expect(orgOk.ok).toBe(true);
    expect(orgOk.checks.map((c) => c.name)).toEqual(['Configured', 'Organization', 'Directory']);
    expect(orgOk.message).toContain(app.credentials.orgName);
    const scimOk = await asAdmin(app, 'settings.testConnection', { target: 'scim' });
    expect(scimOk).toMatchObject({ ok: true, target: 'scim' });

    // A key for another organization, and a wrong SCIM key.
    await asAdmin(app, 'settings.setSecret', {
      name: 'org-api-key',
      value: app.credentials.foreignOrg.apiKey,
    });
    await asAdmin(app, 'settings.setSecret', { name: 'scim-directory-key', value: 'not-the-right-scim-key' });
    const orgBad = await asAdmin(app, 'settings.testConnection', { target: 'org-api' });
    expect(orgBad.ok).toBe(false);
    expect(orgBad.message).toMatch(/key (was refused|may not read this organization)/);
    const scimBad = await asAdmin(app, 'settings.testConnection', { target: 'scim' });
    expect(scimBad.ok).toBe(false);
    expect(scimBad.message).toContain('the directory id or its API key is wrong');

    // Verdicts on saved settings become the Overview's health.
    const overview = await asAdmin(app, 'overview.get', {});
    expect(overview.health.find((h) => h.id === 'source:scim')).toMatchObject({ state: 'failing' });
    failureOf(await call(app, admin, 'settings.testConnection', { target: 'ldap' }), 'invalid');
  });

  it('tests each group write path: a site admin to act as, a Jira-only admin, and the app account', async () => {
    app = startApp();
    const { siteAdmin, jiraAdmin } = app.credentials;
    const actAs = (adminAccountId: string) =>
      asAdmin(app, 'settings.testConnection', {
        target: 'write-path',
        settings: orgSettings({ groupWritePath: { mode: 'impersonate-admin', adminAccountId } }),
      });
    const good = await actAs(siteAdmin.accountId);
    expect(good).toMatchObject({ ok: true });
    expect(good.checks.map((c) => c.name)).toEqual([
      'Acting as the admin',
      'The admin is a site admin',
      'A real group change',
    ]);
    // The pass is a real write: the app's own account was added to a harmless group and taken out again, on the
    // site (its audit log) and in the app's audit, with the admin who ran the test as the actor.
    const probe = good.checks[2]?.message ?? '';
    const group = /added its own account to (\S+) and removed it again/.exec(probe)?.[1];
    expect(group).toBeDefined();
    const licenceGroups = ['jira-software-users', 'confluence-users'];
    expect(licenceGroups).not.toContain(group);
    const siteChanges = app.site
      .auditRecords()
      .filter((r) => r.objectItem.name === group)
      .map((r) => r.summary);
    expect(siteChanges).toEqual(expect.arrayContaining(['User added to group', 'User removed from group']));
    const audited = (await asAdmin(app, 'audit.query', {})).entries.filter((e) => e.targetName === group);
    expect(audited.map((e) => [e.action, e.outcome, e.actor])).toEqual([
      ['group-removed', 'success', siteAdmin.accountId],
      ['group-added', 'success', siteAdmin.accountId],
    ]);

    // The Jira admin has used the app (consent) but is not a site admin.
    await asAdmin(app, 'session.get', {});
    await call(app, jiraAdmin.accountId, 'session.get', {});
    const notSiteAdmin = await actAs(jiraAdmin.accountId);
    expect(notSiteAdmin.ok).toBe(false);
    expect(notSiteAdmin.message).toContain('is not a site admin (being a Jira administrator is not enough');

    const member = inviteMember(app, 'nina');
    const noConsent = await actAs(member);
    expect(noConsent.ok).toBe(false);
    expect(noConsent.checks[0]!.name).toBe('Acting as the admin');

    const appAccount = await asAdmin(app, 'settings.testConnection', {
      target: 'write-path',
      settings: orgSettings({ groupWritePath: { mode: 'app-account' } }),
    });
    expect(appAccount.ok).toBe(false);
    expect(appAccount.message).toContain('is not a site admin, so Atlassian refuses its group changes');
    // Testing a draft does not change the app's recorded health.
    const overview = await asAdmin(app, 'overview.get', {});
    expect(overview.health.find((h) => h.id === 'write-path')).toMatchObject({ state: 'not-configured' });
  });
});
