// Who is never touched, and what stops a run: other sites of the org, admins, app accounts, exclusions, a
// missing org API key.
import { listInactivityRuns } from '../../../src/services/inactivity';
import { saveSettings, loadSettings } from '../../../src/storage/settings-repository';
import type { GroupWritePath } from '../../../src/shared/settings';
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
  siteGroupChanges,
  startEnv,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

async function useWritePath(groupWritePath: GroupWritePath): Promise<void> {
  await env.app.inApp(async () => {
    const { settings } = await loadSettings();
    await saveSettings({ ...settings, groupWritePath });
  });
}

describe('a multi-site organization', () => {
  it('neither saves nor dooms a user here with activity on another site', async () => {
    env = await startEnv();
    const otherSite = env.app.credentials.otherSites[0]?.cloudId;
    if (!otherSite) throw new Error('the emulated org has no second site');
    const busyElsewhere = invite(env, 'carol');
    const idleElsewhere = invite(env, 'dave');
    env.app.site.recordActivity(busyElsewhere, JIRA, T0);
    env.app.site.recordActivity(idleElsewhere, JIRA, T0);
    env.app.site.recordActivity(idleElsewhere, JIRA, T0 + 99 * DAY);
    // Carol works every day on the org's other Jira; Dave has not touched it since day 0.
    env.app.site.recordActivity(busyElsewhere, JIRA, T0 + 99 * DAY, otherSite);
    env.app.site.recordActivity(idleElsewhere, JIRA, T0, otherSite);
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });

    setDay(env, 100);
    const run = await dailyRun(env);
    expect(run?.report?.totals).toMatchObject({ act: 1, active: 1 });
    expect(env.app.groupNamesOf(busyElsewhere)).toEqual(['confluence-users']);
    expect(env.app.groupNamesOf(idleElsewhere)).toEqual(['confluence-users', 'jira-software-users']);
    const [removal] = await auditOf(env, { accountId: busyElsewhere, action: 'licence-removed' });
    expect(removal?.reason).toMatch(/^Last active in Jira on 2026-01-05 \(100 days ago\)/);
  });
});

describe('exclusions always win', () => {
  it('never warns or acts on admins, app accounts, excluded groups or accounts, or people added recently', async () => {
    env = await startEnv();
    const plain = invite(env, 'erin');
    const inExcludedGroup = invite(env, 'frank', ['confluence-admins']);
    const listed = invite(env, 'grace');
    const jiraAdmin = invite(env, 'heidi', ['jira-administrators']);
    const siteAdmin = env.admin;
    const app = env.app.appAccountId;
    env.app.site.setGroupMembership(app, 'jira-software-users', true);
    env.app.site.setGroupMembership(siteAdmin, 'jira-software-users', true);
    for (const person of [plain, inExcludedGroup, listed, jiraAdmin, siteAdmin, app])
      env.app.site.recordActivity(person, JIRA, T0);
    await savePolicy(env, {
      jira: { warnDaysBefore: 0 },
      exclusions: {
        groupIds: [groupId(env, 'confluence-admins')],
        accountIds: [listed],
        recentlyAddedDays: 30,
      },
    });
    setDay(env, 95);
    const newcomer = invite(env, 'ivan');

    setDay(env, 100);
    const run = await dailyRun(env);
    expect(env.app.groupNamesOf(plain)).toEqual(['confluence-users']);
    for (const untouched of [inExcludedGroup, listed, jiraAdmin, siteAdmin, app, newcomer]) {
      expect(siteGroupChanges(env, untouched).filter((c) => c.startsWith('removed'))).toEqual([]);
      expect(await auditOf(env, { accountId: untouched })).toEqual([]);
    }
    const jira = run?.report?.products.find((p) => p.product === JIRA);
    // The seeded site admin is also in confluence-admins; the seed's Jira admin counts with Heidi as an admin.
    expect(jira?.exclusions).toMatchObject({
      'excluded-group': 2,
      'excluded-account': 1,
      'site-admin': 3,
      'non-atlassian-account': 1,
      'recently-added-to-org': 1,
    });
    expect(run?.execution).toEqual({ done: 1, dropped: 0, failed: 0 });
  });
});

describe('without the org API key', () => {
  it('stops the run with that reason and touches nobody', async () => {
    env = await startEnv({ orgKey: false });
    const idle = invite(env, 'judy');
    env.app.site.recordActivity(idle, JIRA, T0);
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    const before = env.app.site.requestLog().length;

    setDay(env, 120);
    const run = await dailyRun(env);
    expect(run).toMatchObject({ status: 'stopped', mode: 'live' });
    expect(run?.stopReason).toMatch(/the org API key is not set in Settings.*nobody was warned or acted on/);
    expect(env.app.groupNamesOf(idle)).toEqual(['confluence-users', 'jira-software-users']);
    expect(env.webhookPosts).toEqual([]);
    const calls = env.app.site.requestLog().slice(before);
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
    expect(calls.filter((c) => c.product === 'api')).toEqual([]);
    expect((await auditOf(env, { runId: run?.id })).map((e) => e.action)).toEqual(['job-finished']);
    // The next day stops the same way rather than quietly doing nothing.
    setDay(env, 121);
    await dailyRun(env);
    const runs = await env.inApp(() => listInactivityRuns());
    expect(runs.map((r) => r.status)).toEqual(['stopped', 'stopped']);
  });
});

describe('the group write path the settings choose', () => {
  it('removes through Jira as the impersonated site admin', async () => {
    env = await startEnv();
    await useWritePath({ mode: 'impersonate-admin', adminAccountId: env.admin });
    const idle = invite(env, 'liam');
    env.app.site.recordActivity(idle, JIRA, T0);
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    setDay(env, 100);
    const run = await dailyRun(env);
    expect(run?.execution).toEqual({ done: 1, dropped: 0, failed: 0 });
    expect(env.app.groupNamesOf(idle)).toEqual(['confluence-users']);
    const jiraWrites = env.app.site
      .requestLog()
      .filter((r) => r.method === 'DELETE' && r.path.startsWith('/rest/api/3/group/user'));
    expect(jiraWrites.map((r) => [r.principal, r.status])).toEqual([['user', 200]]);
  });

  it("records a failure, naming the fix, when the app's own account may not change groups", async () => {
    env = await startEnv();
    await useWritePath({ mode: 'app-account' });
    const idle = invite(env, 'mia');
    env.app.site.recordActivity(idle, JIRA, T0);
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    setDay(env, 100);
    const run = await dailyRun(env);
    expect(run?.execution).toEqual({ done: 0, dropped: 0, failed: 1 });
    expect(env.app.groupNamesOf(idle)).toEqual(['confluence-users', 'jira-software-users']);
    const [failure] = await auditOf(env, { accountId: idle, action: 'licence-removed' });
    expect(failure?.outcome).toBe('failed');
    expect(failure?.reason).toMatch(
      /was refused \(403\)\. Check the group write path and its credentials in Settings\./,
    );
  });
});
