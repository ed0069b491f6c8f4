// Forge's delivery semantics against the sweep: invocations killed mid-way and redelivered, every message delivered
// twice at once, and an Admin API that keeps answering 429. Nobody is acted on or warned twice.
import { createLatencyDelay } from '../../../emulator/platform';
import { getInactivityRunActions, restoreInactivityUser } from '../../../src/services/inactivity';
import { getWarnings } from '../../../src/storage/inactivity-user-repository';
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

function idle(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => {
    const id = invite(env, `${prefix}${i}`);
    env.app.site.recordActivity(id, JIRA, T0);
    return id;
  });
}

function removalsOnSite(people: string[]): number[] {
  return people.map(
    (id) => siteGroupChanges(env, id).filter((c) => c === 'removed jira-software-users').length,
  );
}

const timeouts = () => env.app.platform.invocations.filter((i) => i.outcome === 'timeout');

describe('a consumer killed mid-way and redelivered', () => {
  it('finishes the removals it had started without making any twice, and records them exactly', async () => {
    env = await startEnv();
    const people = idle(4, 'kill');
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    // Each membership removal takes 70 s: the second one in an invocation runs past the 120 s limit after the
    // site has already made it, so Forge kills the consumer before the app can record it.
    env.app.site.setFaults({
      seed: 1,
      rules: [{ product: 'api', method: 'DELETE', pathPrefix: '/admin/v2/orgs/', latencyMs: 70_000 }],
    });

    setDay(env, 100);
    const run = await dailyRun(env);
    expect(timeouts().length).toBeGreaterThan(0);
    expect(run).toMatchObject({ status: 'completed', execution: { done: 4, dropped: 0, failed: 0 } });
    expect(removalsOnSite(people)).toEqual([1, 1, 1, 1]);
    for (const id of people) {
      expect(env.app.groupNamesOf(id)).toEqual(['confluence-users']);
      expect(await auditOf(env, { accountId: id, action: 'licence-removed' })).toHaveLength(1);
    }
    // The row of a removal interrupted by the kill still names the group, so a restore puts it back.
    const rows = await env.inApp(() => getInactivityRunActions(run?.id ?? ''));
    const jiraGroup = groupId(env, 'jira-software-users');
    expect(
      rows.rows.map((r) => r.results.map((x) => (x.kind === 'remove-licence' ? x.removedGroupIds : []))),
    ).toEqual(people.map(() => [[jiraGroup]]));
    env.app.site.setFaults(null);
    for (const id of people) {
      const restored = await env.inApp((deps) =>
        restoreInactivityUser(deps, { accountId: id, by: env.admin }),
      );
      expect(restored.restored).toEqual([
        expect.objectContaining({ status: 'restored', regrantedGroupIds: [jiraGroup] }),
      ]);
      expect(env.app.groupNamesOf(id)).toEqual(['confluence-users', 'jira-software-users']);
    }
  });

  it('a page killed while sending warnings never warns anyone twice, and resends an unconfirmed notice later', async () => {
    env = await startEnv();
    const people = idle(4, 'warn');
    await savePolicy(env);
    // Each webhook post costs the sending invocation 50 s: the third one ends past the 120 s limit.
    const charge = createLatencyDelay('virtual');
    env.app.platform.registerExternal('hooks.slack.com', async (request) => {
      env.webhookPosts.push((await request.json()) as Record<string, unknown>);
      await charge(50_000);
      return new Response('ok', { status: 200 });
    });

    setDay(env, 85);
    const run = await dailyRun(env);
    expect(timeouts().length).toBeGreaterThan(0);
    expect(run?.status).toBe('completed');
    const notices = () => people.map((id) => env.webhookPosts.filter((p) => p['accountId'] === id).length);
    expect(notices().every((n) => n <= 1)).toBe(true);
    for (const id of people)
      expect(await auditOf(env, { accountId: id, action: 'licence-removed' })).toEqual([]);

    // Notices whose sending was cut off stay unconfirmed ('pending'): the retry of the page within the claim
    // lease did not resend them. The next day's run sends each of those once more, and then never again.
    const states = await env.inApp(() => getWarnings(people, [JIRA]));
    const pending = people.filter((id) => states.get(id)?.[0]?.delivery === 'pending');
    expect(people.every((id) => states.get(id)?.length === 1)).toBe(true);
    expect(pending.length).toBeGreaterThan(0);
    const before = notices();
    env.app.platform.registerExternal('hooks.slack.com', async (request) => {
      env.webhookPosts.push((await request.json()) as Record<string, unknown>);
      return new Response('ok', { status: 200 });
    });
    setDay(env, 86);
    await dailyRun(env);
    expect(notices()).toEqual(people.map((id, i) => (before[i] ?? 0) + (pending.includes(id) ? 1 : 0)));
    setDay(env, 87);
    const afterResend = notices();
    await dailyRun(env);
    expect(notices()).toEqual(afterResend);
  });
});

describe('every message delivered twice at once', () => {
  it('still warns and removes each user exactly once', async () => {
    env = await startEnv({ duplicateDeliveryRate: 1 });
    const warnLater = idle(3, 'dup');
    await savePolicy(env);
    setDay(env, 84);
    await dailyRun(env);
    expect(warnLater.map((id) => env.webhookPosts.filter((p) => p['accountId'] === id).length)).toEqual([
      1, 1, 1,
    ]);

    setDay(env, 91);
    const run = await dailyRun(env);
    expect(run).toMatchObject({ status: 'completed', execution: { done: 3, dropped: 0, failed: 0 } });
    expect(removalsOnSite(warnLater)).toEqual([1, 1, 1]);
    for (const id of warnLater) {
      expect(await auditOf(env, { accountId: id, action: 'licence-removed' })).toHaveLength(1);
      expect(await auditOf(env, { accountId: id, action: 'inactivity-warned' })).toHaveLength(1);
    }
  });
});

describe('the Admin API budget', () => {
  const lastActiveCalls = () =>
    env.app.site.requestLog().filter((r) => r.path.includes('/last-active-dates')).length;

  it("reuses yesterday's activity for active users, and fetches it again before it is too old to trust", async () => {
    env = await startEnv();
    const active = idle(3, 'busy');
    for (const id of active) env.app.site.recordActivity(id, JIRA, T0 + 95 * DAY);
    const nearWarning = invite(env, 'edge');
    env.app.site.recordActivity(nearWarning, JIRA, T0 + 18 * DAY);
    await savePolicy(env);
    const calls: number[] = [];
    for (const day of [100, 101, 102]) {
      setDay(env, day);
      const before = lastActiveCalls();
      await dailyRun(env);
      calls.push(lastActiveCalls() - before);
    }
    // Day 100 fetches all four; day 101 only the user crossing the warning point (83 days since day 18);
    // day 102 the three active users again (their day-100 data is older than 30 hours), while the warned user,
    // in grace until day 108, reuses day-101 data.
    expect(calls).toEqual([4, 1, 3]);
    expect(env.webhookPosts.map((p) => p['accountId'])).toEqual([nearWarning]);
  });
});

describe('a 429 storm on the Admin API', () => {
  it('is paced through: the run waits out every Retry-After and decides everyone', async () => {
    env = await startEnv({ rateLimits: { lastActivePerMinute: 4 } });
    const people = idle(14, 'storm');
    await savePolicy(env, { jira: { warnDaysBefore: 0 } });
    setDay(env, 100);
    const startedAt = env.app.clock.now();
    const run = await dailyRun(env);
    expect(run).toMatchObject({ status: 'completed', execution: { done: 14, dropped: 0, failed: 0 } });
    expect(run?.progress.rateLimitedWaits).toBeGreaterThan(0);
    expect(removalsOnSite(people)).toEqual(people.map(() => 1));
    const limited = env.app.site.requestLog().filter((r) => r.rateLimited);
    expect(limited.length).toBeGreaterThan(0);
    // 14 people's activity at 4 a minute takes several emulated minutes; nothing was given up.
    expect(env.app.clock.now() - startedAt).toBeGreaterThan(3 * 60_000);
  });
});
