// Nobody loses access without having been told: with no notification channel, warned users are listed and left
// alone until a channel is set (and then get the full notice), unless an admin confirmed acting on them anyway.
import {
  DAY,
  JIRA,
  T0,
  WEBHOOK,
  auditOf,
  dailyRun,
  invite,
  savePolicy,
  setDay,
  startEnv,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

/** Erin last used Jira on day 0: warned on day 83 (90 days, 7 days' notice), due on day 90. */
function idleErin(): string {
  const erin = invite(env, 'erin');
  env.app.site.recordActivity(erin, JIRA, T0);
  return erin;
}

it('by default leaves a user whose warning reached nobody alone, lists them, and warns them once a channel is set', async () => {
  env = await startEnv();
  const erin = idleErin();
  await savePolicy(env, { notifications: {} });

  setDay(env, 84);
  await dailyRun(env);
  const [warned] = await auditOf(env, { accountId: erin, action: 'inactivity-warned' });
  expect(warned?.reason).toMatch(/No notification channel is configured: the user was not told/);

  setDay(env, 92);
  const due = await dailyRun(env);
  expect(env.app.groupNamesOf(erin)).toContain('jira-software-users');
  expect(await auditOf(env, { accountId: erin, action: 'licence-removed' })).toEqual([]);
  const [skipped] = await auditOf(env, { accountId: erin, action: 'inactivity-skipped' });
  expect(skipped).toMatchObject({ outcome: 'skipped', targetName: 'Jira' });
  expect(skipped?.reason).toMatch(
    /Not done: the user was never told \(the policy has no notification channel\)/,
  );
  expect(due?.report?.notTold).toBe(1);

  // A channel is set: Erin is told now and given the full seven days from today.
  await savePolicy(env, { notifications: { webhook: { url: WEBHOOK } } });
  setDay(env, 93);
  await dailyRun(env);
  const [delivered] = (await auditOf(env, { accountId: erin, action: 'inactivity-warned' })).filter((e) =>
    e.reason.includes('delivered now'),
  );
  expect(delivered?.reason).toContain(
    `Due on or after ${new Date(T0 + 100 * DAY).toISOString().slice(0, 10)}`,
  );
  expect(env.app.groupNamesOf(erin)).toContain('jira-software-users');
});

it('acts on a user nobody told only when the saved policy says an admin confirmed it', async () => {
  env = await startEnv();
  const erin = idleErin();
  await savePolicy(env, { notifications: { actWhenNotTold: true } });
  setDay(env, 84);
  await dailyRun(env);
  setDay(env, 92);
  const run = await dailyRun(env);
  expect(env.app.groupNamesOf(erin)).not.toContain('jira-software-users');
  expect(run?.report?.notTold).toBe(0);
});
