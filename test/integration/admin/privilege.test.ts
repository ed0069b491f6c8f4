// Privilege escalation, tried from the attacker's side on the emulated site with the real SDK: a Jira-only or a
// Confluence-only administrator (not a site admin) trying to grant admin groups through rules, backfills, pushed
// and SCIM attributes, a target that becomes privileged after its rule was saved, and every organization-wide
// setting. Each attempt is refused and leaves the site and the app's storage as they were.
import type { Rule } from '../../../src/domain/rules';
import type { AuditEntry } from '../../../src/shared/audit';
import type { OverviewView } from '../../../src/shared/contract';
import { signPush, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../src/services/provisioning/idp-push';
import { queryAudit } from '../../../src/storage/audit-repository';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { setSecret } from '../../../src/storage/secrets-repository';
import type { AppHarness } from '../../support/app-harness';
import { dailyRun, invite, JIRA, savePolicy, setDay, startEnv, T0 } from '../inactivity/inactivity-env';
import { configure, orgApiSettings, rule, scimProfile } from '../provisioning/provisioning-setup';
import {
  asAdmin,
  call,
  CONFLUENCE_PAGE,
  failureOf,
  groupOf,
  inviteMember,
  JIRA_PAGE,
  samplePayloads,
  snapshot,
  startApp,
} from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

const MINUTE = 60_000;

interface Attacker {
  who: string;
  accountId: string;
  page: Record<string, unknown>;
}

/** The site admin configured the org API key as the write path, as in the reproduced escalation. */
async function siteWithWritePath(): Promise<AppHarness> {
  const started = startApp();
  const base = orgApiSettings(started);
  await configure(started, { ...base, sources: { ...base.sources, scim: { enabled: false } } }, []);
  return started;
}

function jiraAdmin(): Attacker {
  return { who: 'a Jira-only admin', accountId: app.credentials.jiraAdmin.accountId, page: JIRA_PAGE };
}

function confluenceAdmin(): Attacker {
  const accountId = inviteMember(app, 'wanda.wiki');
  app.site.setGroupMembership(accountId, 'confluence-admins', true);
  return { who: 'a Confluence-only admin', accountId, page: CONFLUENCE_PAGE };
}

function selfRule(accountId: string, group: string, id = 'me'): Rule {
  const { groupId, name } = groupOf(app, group);
  return rule({
    id,
    when: `user.accountId -eq "${accountId}"`,
    grants: [{ kind: 'group', groupId, groupName: name }],
  });
}

async function auditOf(query: { accountId?: string; action?: AuditEntry['action'] }): Promise<AuditEntry[]> {
  return app.inApp(async () => (await queryAudit({ ...query, limit: 100 })).entries);
}

function healthOf(overview: OverviewView) {
  return overview.health.find((h) => h.id === 'privileged-targets');
}

describe.each([['jira'], ['confluence']] as const)('a %s-only administrator', (product) => {
  const attackerOf = () => (product === 'jira' ? jiraAdmin() : confluenceAdmin());

  it('cannot save a rule granting themselves site-admins, org-admins, jira-administrators or confluence-admins', async () => {
    app = await siteWithWritePath();
    const attacker = attackerOf();
    const before = snapshot(app);
    for (const group of ['site-admins', 'org-admins', 'jira-administrators', 'confluence-admins']) {
      const reply = await call(
        app,
        attacker.accountId,
        'rules.save',
        { rule: selfRule(attacker.accountId, group) },
        attacker.page,
      );
      const error = failureOf(reply, 'invalid');
      expect(error.fields).toEqual([
        {
          field: 'rule.grants[0]',
          message: expect.stringMatching(
            new RegExp(
              `^Group "${group}" is privileged: .+\\. Only a site admin can manage rules that grant a privileged target\\.$`,
            ),
          ) as unknown,
        },
      ]);
    }
    // Disguising the group under a harmless name changes nothing: the id decides.
    const disguised = selfRule(attacker.accountId, 'site-admins');
    disguised.grants = [{ ...disguised.grants[0]!, groupName: 'friendly-team' } as Rule['grants'][number]];
    const disguisedError = failureOf(
      await call(app, attacker.accountId, 'rules.save', { rule: disguised }, attacker.page),
      'invalid',
    );
    expect(disguisedError.fields?.[0]?.message).toMatch(
      /^Group "friendly-team" is privileged: .*site administrator/,
    );
    expect(snapshot(app)).toEqual(before);
    expect(app.groupNamesOf(attacker.accountId)).not.toContain('site-admins');
  });

  it('runs a backfill over a rule that grants a privileged group: nothing is granted, each refusal is audited', async () => {
    app = await siteWithWritePath();
    const attacker = attackerOf();
    // A rule saved before privileged targets were checked (stored directly, as an older version would have).
    await configure(
      app,
      orgApiSettings(app, {
        sources: { ...orgApiSettings(app).sources, scim: { enabled: false } },
      }),
      [selfRule(attacker.accountId, 'site-admins', 'legacy')],
    );
    const groupsBefore = app.site.groups().map((g) => [g.name, app.site.groupMembers(g.name).length]);
    const started = await call(app, attacker.accountId, 'jobs.startBackfill', {}, attacker.page);
    expect(started.ok).toBe(true);
    await app.drain();
    expect(app.groupNamesOf(attacker.accountId)).not.toContain('site-admins');
    expect(app.site.groups().map((g) => [g.name, app.site.groupMembers(g.name).length])).toEqual(
      groupsBefore,
    );
    const writes = app.site
      .requestLog()
      .filter((r) => r.method === 'POST' && r.path.includes('/memberships'));
    expect(writes).toEqual([]);
    const refused = await auditOf({ accountId: attacker.accountId, action: 'grant-refused' });
    expect(refused).toContainEqual(
      expect.objectContaining({
        runId: started.ok ? started.value.id : '',
        target: `group:${groupOf(app, 'site-admins').groupId}`,
        targetName: 'site-admins',
        ruleId: 'legacy',
        outcome: 'skipped',
        actor: 'app',
        reason: expect.stringMatching(
          /^Refused to grant group "site-admins": it is privileged: .*site-admin groups/,
        ) as unknown,
      }),
    );
    expect(await app.inApp(() => ledgerForAccount(attacker.accountId))).toEqual([]);
  });

  it('is refused every organization-wide setting, and nothing changes', async () => {
    app = await siteWithWritePath();
    const attacker = attackerOf();
    const samples = samplePayloads(app, attacker.accountId);
    const impersonateMe = {
      settings: {
        ...samples['settings.save'].settings,
        groupWritePath: { mode: 'impersonate-admin', adminAccountId: attacker.accountId },
      },
    };
    const attempts: Array<[Parameters<typeof call>[2], Record<string, unknown>, RegExp]> = [
      ['settings.save', impersonateMe, /Only a site admin can change organization-wide settings/],
      [
        'settings.save',
        { settings: { ...samples['settings.save'].settings, auditRetentionDays: 7 } },
        /site admin/,
      ],
      ['settings.setSecret', { name: 'org-api-key', value: 'ATCTT3xAttackerKey00000' }, /site admin/],
      ['settings.setSecret', { name: 'scim-directory-key', value: 'attacker-scim-key-0000' }, /site admin/],
      ['settings.setSecret', { name: 'webtrigger-secret', value: 'attacker-push-secret' }, /site admin/],
      ['settings.clearSecret', { name: 'org-api-key' }, /site admin/],
      [
        'settings.testConnection',
        { target: 'write-path', ...impersonateMe },
        /test settings that are not saved/,
      ],
      [
        'security.allow',
        { key: `group:${groupOf(app, 'site-admins').groupId}`, acknowledgeRisk: true },
        /allow-list/,
      ],
      ['security.disallow', { key: `group:${groupOf(app, 'site-admins').groupId}` }, /allow-list/],
      ['security.mark', { groupId: groupOf(app, 'finance-team').groupId }, /mark groups privileged/],
      ['security.unmark', { groupId: groupOf(app, 'finance-team').groupId }, /mark groups privileged/],
    ];
    const before = snapshot(app);
    for (const [key, payload, message] of attempts) {
      const error = failureOf(
        await call(app, attacker.accountId, key, payload, attacker.page),
        'forbidden',
        message,
      );
      expect(error.message).toMatch(/but not a site admin\. Nothing was changed\.$/);
    }
    // Suspension is organization-wide: a policy that suspends is a site admin's to save.
    const view = await call(app, attacker.accountId, 'inactivity.policy.get', {}, attacker.page);
    if (!view.ok) throw new Error(JSON.stringify(view.error));
    const jiraKey = Object.keys(view.value.policy.products)[0]!;
    const suspending = {
      ...view.value.policy,
      products: {
        ...view.value.policy.products,
        [jiraKey]: { ...view.value.policy.products[jiraKey]!, enabled: true, action: 'suspend' as const },
      },
    };
    failureOf(
      await call(app, attacker.accountId, 'inactivity.policy.save', { policy: suspending }, attacker.page),
      'forbidden',
      /Suspension is organization-wide/,
    );
    expect(snapshot(app)).toEqual(before);
    // They still read the settings, told why they cannot change them.
    const settings = await call(app, attacker.accountId, 'settings.get', {}, attacker.page);
    expect(settings.ok && settings.value.readOnly).toMatch(/can be changed by site admins only/);
    const connection = await call(
      app,
      attacker.accountId,
      'settings.testConnection',
      { target: 'write-path' },
      attacker.page,
    );
    expect(connection.ok).toBe(true);
  });
});

describe('a site admin', () => {
  it('allow-lists a privileged target one by one, confirming the risk, audited; only then may a rule grant it', async () => {
    app = await siteWithWritePath();
    const admin = app.credentials.siteAdmin.accountId;
    const target = `group:${groupOf(app, 'jira-administrators').groupId}`;
    const rule = selfRule(app.credentials.jiraAdmin.accountId, 'jira-administrators', 'jira-admins');
    const refused = failureOf(await call(app, admin, 'rules.save', { rule }), 'invalid');
    expect(refused.fields?.[0]?.message).toMatch(
      /only after a site admin allow-lists it .*confirming the risk/,
    );
    // No confirmation, no allowance.
    const unconfirmed = failureOf(await call(app, admin, 'security.allow', { key: target }), 'invalid');
    expect(unconfirmed.fields?.map((f) => f.field)).toEqual(['acknowledgeRisk']);
    const plain = failureOf(
      await call(app, admin, 'security.allow', {
        key: `group:${groupOf(app, 'sales-team').groupId}`,
        acknowledgeRisk: true,
      }),
      'invalid',
    );
    expect(plain.fields?.[0]?.message).toMatch(/is not privileged/);

    const view = await asAdmin(app, 'security.allow', { key: target, acknowledgeRisk: true });
    expect(view.targets.find((t) => t.key === target)).toMatchObject({
      name: 'jira-administrators',
      allowance: { by: admin },
      reasons: [expect.stringMatching(/Administer Jira/) as unknown],
    });
    const [entry] = await auditOf({ action: 'privileged-changed' });
    expect(entry).toMatchObject({ actor: admin, target, targetName: 'jira-administrators' });
    expect(entry?.reason).toMatch(/^Allowed rules to grant jira-administrators, having confirmed the risk\./);
    // A Jira admin still may not manage a rule granting it; the site admin now may.
    failureOf(
      await call(app, app.credentials.jiraAdmin.accountId, 'rules.save', { rule }),
      'invalid',
      /grants\[0\]/,
    );
    expect((await asAdmin(app, 'rules.save', { rule })).created).toBe(true);
    const withdrawn = await asAdmin(app, 'security.disallow', { key: target });
    expect(withdrawn.allowances).toEqual([]);
  });
});

describe('write time', () => {
  it('refuses a group that became privileged after its rule was saved: nothing granted, audited, shown as health', async () => {
    app = await siteWithWritePath();
    const team = groupOf(app, 'marketing-team');
    const staff = rule({
      id: 'staff',
      when: 'user.emailDomain -eq "acme.example"',
      grants: [{ kind: 'group', groupId: team.groupId, groupName: team.name }],
    });
    await asAdmin(app, 'rules.save', { rule: staff });
    // A Jira admin grants Administer Jira to the team the rule hands out.
    app.site.setGlobalPermission('ADMINISTER', 'marketing-team', true);
    // Within the snapshot's refresh (the backstop reads the site once the snapshot is 15 minutes old).
    await app.advance(16 * MINUTE);
    const newcomer = app.jitLogin('nina.new@acme.example', 'Nina New');
    await app.drain();
    expect(app.groupNamesOf(newcomer)).not.toContain('marketing-team');
    const [refusal] = await auditOf({ accountId: newcomer, action: 'grant-refused' });
    expect(refusal).toMatchObject({ ruleId: 'staff', targetName: 'marketing-team', outcome: 'skipped' });
    expect(refusal?.reason).toMatch(/Administer Jira global permission/);
    expect(await app.inApp(() => ledgerForAccount(newcomer))).toEqual([]);
    const health = healthOf(await asAdmin(app, 'overview.get', {}));
    expect(health).toMatchObject({ state: 'awaiting-admin', message: { text: refusal?.reason } });
  });

  it('reads the site itself when its snapshot is over 30 minutes old and no backstop refreshed it', async () => {
    app = await siteWithWritePath();
    const team = groupOf(app, 'support-agents');
    await asAdmin(app, 'rules.save', {
      rule: rule({
        id: 'staff',
        when: 'user.emailDomain -eq "acme.example"',
        grants: [{ kind: 'group', groupId: team.groupId, groupName: team.name }],
      }),
    });
    app.site.setGlobalPermission('CONFLUENCE_ADMINISTER', 'support-agents', true);
    await app.advance(31 * MINUTE, { scheduled: false });
    const newcomer = app.jitLogin('oscar.other@acme.example', 'Oscar Other');
    await app.drain({ scheduled: false });
    expect(app.groupNamesOf(newcomer)).not.toContain('support-agents');
    const [refusal] = await auditOf({ accountId: newcomer, action: 'grant-refused' });
    expect(refusal?.reason).toMatch(/administer Confluence/);
  });

  it('refuses a pushed attribute or a SCIM department that steers a rule toward an admin group', async () => {
    app = startApp();
    const base = orgApiSettings(app);
    await configure(app, base, [
      // Rules saved before privileged targets were checked: the attributes decide who matches.
      rule({ id: 'pushed', when: 'user.custom.role -eq "it-admin"', grants: [groupGrantOf('site-admins')] }),
      rule({ id: 'scim', when: 'user.department -eq "Identity"', grants: [groupGrantOf('org-admins')] }),
    ]);
    const secret = 'whsec_0123456789abcdef0123456789abcdef';
    await app.inApp(() =>
      setSecret('webtrigger-secret', secret, { accountId: 'admin', at: app.clock.now() }),
    );
    const mallory = app.jitLogin('mallory@acme.example', 'Mallory');
    await app.drain();
    const body = JSON.stringify({ accountId: mallory, attributes: { role: 'it-admin' } });
    const timestamp = String(Math.floor(app.clock.now() / 1000));
    const response = await fetch(await app.platform.webTriggerUrl('idp-attribute-push'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signPush(secret, timestamp, body),
      },
      body,
    });
    expect(response.status).toBe(202);
    await app.drain();
    app.site.scim.createUser(scimProfile('mallory@acme.example', 'Mallory', 'Identity', 'Engineer'));
    await app.drain();
    expect(app.groupNamesOf(mallory)).not.toContain('site-admins');
    expect(app.groupNamesOf(mallory)).not.toContain('org-admins');
    const refused = (await auditOf({ accountId: mallory, action: 'grant-refused' })).map((a) => [
      a.ruleId,
      a.targetName,
    ]);
    expect(refused).toEqual(
      expect.arrayContaining([
        ['pushed', 'site-admins'],
        ['scim', 'org-admins'],
      ]),
    );
    expect(
      app.site.requestLog().filter((r) => r.method === 'POST' && r.path.includes('/memberships')),
    ).toEqual([]);
  });

  it('treats a project role that carries Administer Projects as privileged, at save and once it gains it', async () => {
    app = await siteWithWritePath();
    const jira = app.credentials.jiraAdmin.accountId;
    const role = (roleId: string, roleName: string) => ({
      kind: 'projectRole' as const,
      projectId: '10000',
      projectKey: 'ENG',
      roleId,
      roleName,
    });
    const eng = (roleId: string, roleName: string, id: string) =>
      rule({ id, when: 'user.emailDomain -eq "acme.example"', grants: [role(roleId, roleName)] });
    const refused = failureOf(
      await call(app, jira, 'rules.save', { rule: eng('10002', 'Administrators', 'eng-admins') }),
      'invalid',
    );
    expect(refused.fields?.[0]?.message).toMatch(
      /^Role "Administrators" in project ENG is privileged: .*Administer Projects in project ENG/,
    );
    expect((await call(app, jira, 'rules.save', { rule: eng('10000', 'Developers', 'eng-devs') })).ok).toBe(
      true,
    );
    // Developers gain Administer Projects in ENG's scheme after the rule was saved.
    app.site.setProjectPermission('ENG', 'ADMINISTER_PROJECTS', { projectRole: 'Developers' }, true);
    await app.advance(16 * MINUTE);
    const newcomer = app.jitLogin('pat.project@acme.example', 'Pat Project');
    await app.drain();
    expect(app.site.projectRoleActors('ENG', 'Developers').users).not.toContain(newcomer);
    const [refusal] = await auditOf({ accountId: newcomer, action: 'grant-refused' });
    expect(refusal?.reason).toMatch(/Administer Projects in project ENG/);
  });
});

describe('reading which targets are privileged', () => {
  it('does not keep users waiting under a tight burst limit when provisioning must read the site itself', async () => {
    app = startApp({ rateLimits: { burstPerSecond: 2 } });
    const base = orgApiSettings(app);
    await configure(app, { ...base, sources: { ...base.sources, scim: { enabled: false } } }, [
      rule({
        id: 'staff',
        when: 'user.emailDomain -eq "acme.example"',
        grants: [groupGrantOf('sales-team')],
      }),
    ]);
    // No snapshot is stored yet: the first worker reads Jira's and Confluence's admin groups itself.
    const people = Array.from({ length: 8 }, (_, i) => app.jitLogin(`rush${i}@acme.example`, `Rush ${i}`));
    await app.drain({ maxMs: 30 * MINUTE });
    for (const person of people)
      expect([person, app.groupNamesOf(person)]).toContainEqual(expect.arrayContaining(['sales-team']));
  });
});

describe('what a product admin may grant', () => {
  it('keeps a Jira admin to Jira and a Confluence admin to Confluence, for saving, deleting and disabling', async () => {
    app = await siteWithWritePath();
    const jira = jiraAdmin();
    const wiki = confluenceAdmin();
    const grantRule = (id: string, group: string) => ({
      ...selfRule(jira.accountId, group, id),
      enabled: false,
    });
    const save = (who: Attacker, r: Rule) => call(app, who.accountId, 'rules.save', { rule: r }, who.page);
    expect(
      failureOf(await save(jira, grantRule('j1', 'confluence-users')), 'invalid').fields?.[0]?.message,
    ).toMatch(/grants Confluence access\. As a Jira administrator who is not a site admin/);
    expect(
      failureOf(await save(wiki, grantRule('w1', 'jira-software-users')), 'invalid').fields?.[0]?.message,
    ).toMatch(/grants Jira access\. As a Confluence administrator/);
    const roleRule = rule({
      id: 'w2',
      when: 'user.emailDomain -eq "acme.example"',
      enabled: false,
      grants: [
        {
          kind: 'projectRole',
          projectId: '10000',
          projectKey: 'ENG',
          roleId: '10000',
          roleName: 'Developers',
        },
      ],
    });
    failureOf(await save(wiki, roleRule), 'invalid', /grants\[0\]/);
    expect((await save(jira, roleRule)).ok).toBe(true);
    expect((await save(jira, grantRule('j2', 'jira-developers'))).ok).toBe(true);
    expect((await save(wiki, grantRule('w3', 'confluence-engineering'))).ok).toBe(true);
    // The site admin's Confluence rule is not the Jira admin's to change or remove.
    await asAdmin(app, 'rules.save', { rule: grantRule('wiki-access', 'confluence-users') });
    const before = snapshot(app);
    failureOf(
      await call(app, jira.accountId, 'rules.delete', { id: 'wiki-access' }),
      'forbidden',
      /grants Confluence access/,
    );
    failureOf(
      await call(app, jira.accountId, 'rules.setEnabled', { id: 'wiki-access', enabled: true }),
      'forbidden',
      /grants Confluence access/,
    );
    failureOf(
      await call(app, wiki.accountId, 'rules.delete', { id: 'w2' }, wiki.page),
      'forbidden',
      /Jira project role/,
    );
    // Priorities decide which group of an exclusive set wins: moving someone else's rule is not theirs to do.
    const order = await asAdmin(app, 'rules.list', {});
    const reversed = order.rules.map((r) => r.id).reverse();
    failureOf(
      await call(app, jira.accountId, 'rules.reorder', { ids: reversed }),
      'forbidden',
      /wiki-access/,
    );
    expect(snapshot(app)).toEqual(before);
  });
});

describe('suspension, an organization-wide inactivity action', () => {
  it('is a site admin’s to approve and to change, exclusions included; a Jira admin changes nothing', async () => {
    const env = await startEnv();
    app = env.app;
    const [ada, bob] = [invite(env, 'ada'), invite(env, 'bob')];
    for (const person of [ada, bob]) app.site.recordActivity(person, JIRA, T0);
    await savePolicy(env, { jira: { action: 'suspend', warnDaysBefore: 0 }, brake: { maxActionsPerRun: 1 } });
    setDay(env, 100);
    const held = await dailyRun(env);
    expect(held?.status).toBe('awaiting-review');
    const jira = app.credentials.jiraAdmin.accountId;
    const before = snapshot(app);
    failureOf(
      await call(app, jira, 'inactivity.review.approve', { runId: held!.id, approval: { approve: 'all' } }),
      'forbidden',
      /^Only a site admin can approve the run of .*: it suspends accounts for .*organization-wide\. You are a Jira administrator/,
    );
    failureOf(
      await call(app, jira, 'inactivity.exclusions.save', {
        accountIds: [],
        groupIds: [],
        recentlyAddedDays: 0,
      }),
      'forbidden',
      /Suspension is organization-wide.*exclusions included/,
    );
    expect(snapshot(app)).toEqual(before);
    // Declining a held run suspends nobody: any admin may.
    const declined = await call(app, jira, 'inactivity.review.approve', {
      runId: held!.id,
      approval: { approve: 'none' },
    });
    expect(declined.ok).toBe(true);
    await app.drain({ scheduled: false });
    expect(app.site.account(ada)?.active).toBe(true);
  });
});

function groupGrantOf(name: string): Rule['grants'][number] {
  const { groupId } = groupOf(app, name);
  return { kind: 'group', groupId, groupName: name };
}
