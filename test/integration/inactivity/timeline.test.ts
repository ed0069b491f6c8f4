// The clean-up on the clock: warned at day 83, acted on at day 90, saved by a login on day 85; the removal frees
// exactly that product's seat, and a restore puts back exactly what was removed.
import { restoreInactivityUser } from '../../../src/services/inactivity';
import {
  DAY,
  JIRA,
  T0,
  auditOf,
  dailyRun,
  groupId,
  invite,
  jiraSeatsUsed,
  savePolicy,
  setDay,
  siteGroupChanges,
  startEnv,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

describe('a 90-day Jira clean-up with 7 days of warning', () => {
  it('warns at day 83, removes Jira at day 90 unless the user came back, and restores exactly', async () => {
    env = await startEnv();
    const alice = invite(env, 'alice');
    const bob = invite(env, 'bob');
    for (const person of [alice, bob]) {
      env.app.site.recordActivity(person, JIRA, T0);
      env.app.site.recordActivity(person, 'confluence', T0);
    }
    await savePolicy(env);
    const groupsBefore = env.app.groupNamesOf(alice);
    expect(groupsBefore).toEqual(['confluence-users', 'jira-software-users']);

    setDay(env, 82);
    const day82 = await dailyRun(env);
    expect(day82).toMatchObject({ status: 'completed', mode: 'live' });
    expect(day82?.report?.totals.warn).toBe(0);
    expect(env.webhookPosts).toHaveLength(0);

    setDay(env, 83);
    const day83 = await dailyRun(env);
    expect(day83?.report?.totals).toMatchObject({ warn: 2, act: 0 });
    expect(env.webhookPosts.map((p) => p['accountId']).sort()).toEqual([alice, bob].sort());
    expect(env.webhookPosts[0]?.['text']).toMatch(
      /Your Jira access will end on Apr 5, 2026 \(UTC\) unless you use it/,
    );
    expect(
      (await auditOf(env, { accountId: alice, action: 'inactivity-warned' })).map((e) => e.reason),
    ).toEqual([expect.stringMatching(/^Last active in Jira on 2026-01-05 \(83 days ago\); .*Warned now/)]);

    setDay(env, 85);
    env.app.site.recordActivity(bob, JIRA, T0 + 85 * DAY);
    const seatsBefore = await jiraSeatsUsed(env);

    setDay(env, 90);
    const day90 = await dailyRun(env);
    expect(day90).toMatchObject({ status: 'completed', execution: { done: 1, dropped: 0, failed: 0 } });
    expect(day90?.report?.totals).toMatchObject({ act: 1, 'cancel-warning': 1 });

    // Alice lost exactly Jira; Bob, who came back on day 85, kept it.
    expect(env.app.groupNamesOf(alice)).toEqual(['confluence-users']);
    expect(env.app.site.account(alice)?.products).toEqual(['confluence']);
    expect(env.app.groupNamesOf(bob)).toEqual(groupsBefore);
    expect(await jiraSeatsUsed(env)).toBe(seatsBefore - 1);
    expect(siteGroupChanges(env, alice).filter((c) => c.startsWith('removed'))).toEqual([
      'removed jira-software-users',
    ]);
    expect(siteGroupChanges(env, bob).filter((c) => c.startsWith('removed'))).toEqual([]);
    const removal = await auditOf(env, { accountId: alice, action: 'licence-removed' });
    expect(removal).toEqual([
      expect.objectContaining({
        outcome: 'success',
        target: JIRA,
        runId: day90?.id,
        targetName: 'Jira (groups jira-software-users)',
        reason: expect.stringMatching(
          /Last active in Jira on 2026-01-05 \(90 days ago\); warned on 2026-03-29.*Removed from/,
        ) as unknown,
      }),
    ]);
    expect(await auditOf(env, { accountId: bob, action: 'inactivity-warning-cancelled' })).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(/after the warning\. Warning of 2026-03-29 cancelled\./) as unknown,
      }),
    ]);

    // The next day's run does not act again on anyone.
    setDay(env, 91);
    const day91 = await dailyRun(env);
    expect(day91?.execution ?? { done: 0 }).toMatchObject({ done: 0 });
    expect(siteGroupChanges(env, alice).filter((c) => c.startsWith('removed'))).toHaveLength(1);

    // Restore: exactly the removed group comes back, and a second restore finds nothing left to do.
    const restored = await env.inApp((deps) =>
      restoreInactivityUser(deps, { accountId: alice, by: env.admin }),
    );
    expect(restored.restored).toEqual([
      expect.objectContaining({
        status: 'restored',
        regrantedGroupIds: [groupId(env, 'jira-software-users')],
      }),
    ]);
    expect(env.app.groupNamesOf(alice)).toEqual(groupsBefore);
    expect(await jiraSeatsUsed(env)).toBe(seatsBefore);
    // The audit names the group and the product, and the actor column names the admin (not the reason).
    expect(await auditOf(env, { accountId: alice, action: 'access-restored' })).toEqual([
      expect.objectContaining({
        outcome: 'success',
        actor: env.admin,
        targetName: 'Jira',
        reason: expect.stringMatching(/^Re-added to jira-software-users \(removed by the run of /) as unknown,
      }),
    ]);
    const again = await env.inApp((deps) => restoreInactivityUser(deps, { accountId: alice, by: env.admin }));
    expect(again.restored).toEqual([]);
    expect(again.message).toMatch(/Nothing to restore/);
  });
});

describe('a product Jira does not report', () => {
  it('is cleaned up through the licence groups the admin declared for it, and only that product', async () => {
    env = await startEnv();
    const kim = invite(env, 'kim');
    env.app.site.recordActivity(kim, JIRA, T0 + 95 * DAY);
    env.app.site.recordActivity(kim, 'confluence', T0);
    await savePolicy(env, {
      jira: { warnDaysBefore: 0 },
      extraProducts: {
        confluence: {
          displayName: 'Confluence',
          licenceGroupIds: [groupId(env, 'confluence-users')],
          enabled: true,
          inactiveAfterDays: 90,
          neverActive: 'count-from-added',
          action: 'remove-licence',
          warnDaysBefore: 0,
        },
      },
    });
    const jiraSeats = await jiraSeatsUsed(env);

    setDay(env, 100);
    const run = await dailyRun(env);
    expect(run?.catalogue.map((p) => p.key)).toEqual([JIRA, 'confluence']);
    expect(run?.execution).toEqual({ done: 1, dropped: 0, failed: 0 });
    expect(env.app.groupNamesOf(kim)).toEqual(['jira-software-users']);
    expect(env.app.site.account(kim)?.products).toEqual([JIRA]);
    expect(await jiraSeatsUsed(env)).toBe(jiraSeats);
    const [removal] = await auditOf(env, { accountId: kim, action: 'licence-removed' });
    expect(removal).toMatchObject({ target: 'confluence', outcome: 'success' });
    expect(removal?.reason).toMatch(/^Last active in Confluence on 2026-01-05 \(100 days ago\)/);
  });
});

describe('warnings as Jira notifications', () => {
  it('notify each warned person once on the configured issue, on the demo org', async () => {
    env = await startEnv({ seed: 'demo' });
    await savePolicy(env, { notifications: { jiraNotify: { issueKey: 'ENG-1' } } });
    const run = await dailyRun(env);
    const warned = (await auditOf(env, { runId: run?.id, action: 'inactivity-warned' })).map(
      (e) => e.accountId,
    );
    expect(warned.length).toBe(run?.report?.totals.warn);
    expect(warned.length).toBeGreaterThan(0);
    const sent = env.app.site.notifications();
    expect(sent.every((n) => n.issueKey === 'ENG-1' && n.byAccountId === env.app.appAccountId)).toBe(true);
    const recipients = sent.map((n) =>
      (n.to as { users: Array<{ accountId: string }> }).users.map((u) => u.accountId),
    );
    expect(recipients.flat().sort()).toEqual([...warned].sort());
    expect(sent[0]?.subject).toMatch(
      /^Your Jira access will end on [A-Z][a-z]{2} \d{1,2}, \d{4} \(UTC\) unless you use it$/,
    );
  });
});
