// The Admin API calls the sweep makes outlive the retirements Atlassian's changelog announces: after 2027-06-30,
// when GET …/directories/{directoryId}/users stops working, a run still reads every person's directory entry.
import {
  dailyRun,
  invite,
  JIRA,
  savePolicy,
  setDay,
  startEnv,
  T0,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

it('decides people in a run after 2027-06-30, reading the directory through the search', async () => {
  env = await startEnv();
  const idle = invite(env, 'otto');
  env.app.site.recordActivity(idle, JIRA, T0);
  await env.app.drain({ scheduled: false });
  await savePolicy(env, { jira: { warnDaysBefore: 0 } });
  setDay(env, 600);
  expect(env.app.clock.now()).toBeGreaterThan(Date.UTC(2027, 5, 30, 23, 59, 59));
  const run = await dailyRun(env);
  expect(run).toMatchObject({ status: 'completed' });
  expect(run?.execution).toMatchObject({ done: 1, failed: 0 });
  expect(env.app.groupNamesOf(idle)).not.toContain('jira-software-users');
  const directoryCalls = env.app.site
    .requestLog()
    .filter((r) => r.product === 'api' && r.route?.includes('/directories/{directoryId}/users'));
  expect(directoryCalls.length).toBeGreaterThan(0);
  expect(directoryCalls.every((r) => r.method === 'POST' && r.route?.endsWith('/users/search'))).toBe(true);
});
