// Where licence grant dates come from: the site's audit log read once per run (far enough back for the policy,
// then forward), and the app's own records for what the audit log does not list yet. What it costs, and what
// happens when the audit log cannot be read or names groups an attacker chose.
import { AtlassianApiError } from '../../../src/clients/api-error';
import type { JiraClient } from '../../../src/clients/jira-client';
import {
  restoreInactivityUser,
  startInactivityDryRun,
  type RunReportPage,
} from '../../../src/services/inactivity';
import { catchUpGrantHistory } from '../../../src/services/inactivity/grant-history';
import { loadRunContext } from '../../../src/services/inactivity/run-context';
import { SWEEP_TUNING } from '../../../src/services/inactivity/sweep-tuning';
import { allHealth } from '../../../src/storage/health-repository';
import {
  DAY,
  JIRA,
  T0,
  auditOf,
  dailyRun,
  groupId,
  invite,
  savePolicy,
  setDay,
  startEnv,
  dryRunReport,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

const dryRun = (): Promise<RunReportPage> => dryRunReport(env);

const exclusionsOf = (report: RunReportPage | undefined, product = JIRA) =>
  report?.run.report?.products.find((p) => p.product === product)?.exclusions;

const auditReads = () =>
  env.app.site.requestLog().filter((r) => r.path.startsWith('/rest/api/3/auditing/record')).length;

describe('a user the clean-up removed and an admin gave Jira back', () => {
  it('is left alone even before the audit log lists the change, then counted from the restore', async () => {
    env = await startEnv();
    const jim = invite(env, 'jim');
    env.app.site.recordActivity(jim, JIRA, T0);
    await savePolicy(env, { jira: { warnDaysBefore: 0 }, exclusions: { recentlyAddedDays: 30 } });
    setDay(env, 100);
    expect((await dailyRun(env))?.execution).toEqual({ done: 1, dropped: 0, failed: 0 });
    expect(env.app.groupNamesOf(jim)).toEqual(['confluence-users']);

    // The audit log lists changes late: neither the removal nor the restore is in it yet.
    env.app.site.setAuditLag(DAY);
    setDay(env, 100, 5);
    await env.inApp((deps) => restoreInactivityUser(deps, { accountId: jim, by: env.admin }));
    expect(env.app.groupNamesOf(jim)).toContain('jira-software-users');
    setDay(env, 100, 6);
    const sameDay = await dryRun();
    // The app's own restore record says when: recently given, not "idle since day 0" (which would act now).
    expect(exclusionsOf(sameDay)).toMatchObject({ 'recently-added-to-product': 1 });
    expect(sameDay.run.report?.totals).toMatchObject({ act: 0, warn: 0 });

    env.app.site.setAuditLag(0);
    setDay(env, 131);
    const later = await dailyRun(env);
    expect(later?.report?.totals).toMatchObject({ act: 0, active: 1 });
    setDay(env, 190, 6);
    const due = await dailyRun(env);
    expect(due?.execution).toEqual({ done: 1, dropped: 0, failed: 0 });
    const removals = await auditOf(env, { accountId: jim, action: 'licence-removed' });
    // Newest first.
    expect(removals.map((e) => e.reason)).toEqual([
      expect.stringMatching(
        /^Given Jira again on 2026-04-15 \(90 days ago\), after last using it on 2026-01-05; counted as last activity/,
      ),
      expect.stringMatching(/^Last active in Jira on 2026-01-05 \(100 days ago\)/),
    ]);
  });
});

describe('the first run on a site', () => {
  it('reads the audit log back as far as the policy looks, not only the recently-added days', async () => {
    env = await startEnv();
    // Hana and Ida joined on day 0 and never used Jira; Hana lost it and got it back on day 500.
    const hana = invite(env, 'hana');
    const ida = invite(env, 'ida');
    setDay(env, 500);
    env.app.site.setGroupMembership(hana, 'jira-software-users', false);
    setDay(env, 500, 2);
    env.app.site.setGroupMembership(hana, 'jira-software-users', true);
    await savePolicy(env, { jira: { inactiveAfterDays: 90, warnDaysBefore: 7 } });

    setDay(env, 540);
    const first = await dryRun();
    expect(first.entries.map((e) => [e.accountId, e.outcome])).toEqual([[ida, 'warn']]);
    expect(exclusionsOf(first)).toMatchObject({ 'recently-added-to-product': 0, 'grant-date-unknown': 0 });

    setDay(env, 583, 3);
    await dailyRun(env);
    const [warning] = await auditOf(env, { accountId: hana, action: 'inactivity-warned' });
    expect(warning?.reason).toMatch(/^Never used Jira; given it on 2027-05-20 \(83 days ago\)/);
  });
});

describe('the cost of knowing grant dates', () => {
  it('reads the audit log about once per page, however many users each page holds', async () => {
    env = await startEnv();
    const people = Array.from({ length: 120 }, (_, i) => invite(env, `p${i}`));
    for (const person of people) env.app.site.recordActivity(person, JIRA, T0 + 50 * DAY);
    await savePolicy(env);
    setDay(env, 100);
    const before = auditReads();
    const run = await dailyRun(env);
    const pages = run?.progress.pages ?? 0;
    expect(run?.progress.users).toBeGreaterThanOrEqual(120);
    expect(pages).toBeGreaterThanOrEqual(3);
    // One read for the history step, at most one forward read per page; none per user.
    expect(auditReads() - before).toBeLessThanOrEqual(pages + 1);
    expect(run?.report?.totals.active).toBe(120);
  });
});

describe('an audit log the app may not read', () => {
  it('makes every grant date unknown: the user is left alone, never judged long idle', async () => {
    env = await startEnv();
    const idle = invite(env, 'kim');
    env.app.site.recordActivity(idle, JIRA, T0);
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    setDay(env, 120);
    const started = await env.inApp((deps) => startInactivityDryRun(deps, { by: env.admin }));
    if (started.status !== 'started') throw new Error('dry run not started');
    const refused = new AtlassianApiError('jira', 'forbidden', 403, 'GET /rest/api/3/auditing/record', {
      errorMessages: ['You do not have permission to view the audit log.'],
    });
    const result = await env.inApp(async (deps) => {
      const ctx = await loadRunContext(deps, started.runId);
      if (!ctx) throw new Error('no run');
      const jira = Object.create(ctx.clients.jira) as JiraClient;
      jira.auditRecords = () => Promise.reject(refused);
      return catchUpGrantHistory(
        { ...ctx, clients: { ...ctx.clients, jira } },
        { now: deps.now(), maxCalls: 5, outOfTime: () => false, freshMs: SWEEP_TUNING.grantHistoryFreshMs },
      );
    });
    expect(result).toMatchObject({ complete: true, auditCalls: 0 });
    expect(result.view.unavailable).toMatch(
      /^the site's audit log could not be read: jira GET \/rest\/api\/3\/auditing\/record failed: 403/,
    );
    expect(result.view.since.size).toBe(0);
  });

  it('stops a run whose audit log reads keep failing from deciding anyone on a partial history', async () => {
    env = await startEnv();
    const idle = invite(env, 'lou');
    env.app.site.recordActivity(idle, JIRA, T0);
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    env.app.site.setFaults({
      seed: 3,
      rules: [{ product: 'jira', pathPrefix: '/rest/api/3/auditing/record', errorRate: 1 }],
    });
    setDay(env, 120);
    const run = await dailyRun(env);
    // Retried until the delivery limit, then the run fails naming why; it never decides on a partial history.
    expect(run?.status).toBe('failed');
    expect(run?.stopReason).toMatch(/^Its grants step failed 8 times in a row \(last: .*auditing\/record/);
    expect(run?.progress.pages).toBe(0);
    expect(env.app.groupNamesOf(idle)).toContain('jira-software-users');
    expect(await auditOf(env, { accountId: idle })).toEqual([]);
  });
});

describe('group names an attacker chose', () => {
  it('indexes a licence group called __proto__ like any other', async () => {
    env = await startEnv();
    const scim = env.app.site.scim;
    const created = scim.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'mo@acme.example',
      emails: [{ value: 'mo@acme.example', primary: true }],
      name: { givenName: 'Mo', familyName: 'Proto' },
      displayName: 'Mo Proto',
    });
    const mo = String(
      (created['urn:scim:schemas:extension:atlassian-external:1.0'] as Record<string, unknown>)[
        'atlassianAccountId'
      ],
    );
    const scimId = String(created['id']);
    const group = scim.createGroup({ displayName: '__proto__', members: [{ value: scimId }] });
    const protoGroup = groupId(env, '__proto__');
    await savePolicy(env, {
      extraProducts: {
        'proto-app': {
          displayName: 'Proto App',
          licenceGroupIds: [protoGroup],
          enabled: true,
          inactiveAfterDays: 90,
          neverActive: 'count-from-added',
          action: 'report',
          warnDaysBefore: 0,
        },
      },
    });
    // Taken out of the group and put back through the identity provider on day 300.
    setDay(env, 300);
    scim.patchGroup(String(group['id']), [{ op: 'remove', path: `members[value eq "${scimId}"]` }]);
    setDay(env, 300, 2);
    scim.patchGroup(String(group['id']), [{ op: 'add', path: 'members', value: [{ value: scimId }] }]);

    setDay(env, 310);
    const report = await dryRun();
    expect(exclusionsOf(report, 'proto-app')).toMatchObject({
      'recently-added-to-product': 1,
      'grant-date-unknown': 0,
    });
    expect(report.entries.filter((e) => e.accountId === mo && e.product === 'proto-app')).toEqual([]);
    const health = await env.inApp(() => allHealth());
    expect(health.find((h) => h.component === 'inactivity-grant-history')).toMatchObject({ ok: true });
  });
});
