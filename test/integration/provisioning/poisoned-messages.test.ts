// A poisoned message: one that fails on every delivery. Forge retries an async event after runtime errors and
// timeouts for a day; the app stops after MAX_DELIVERIES and records what it was doing as failed, with the reason,
// instead of spending the installation's storage quota and Atlassian's budget all day.
import { runtimeDeps } from '../../../src/entry/runtime';
import { MAX_DELIVERIES } from '../../../src/services/delivery-limit';
import { jobProgress, startJob } from '../../../src/services/jobs/backfill';
import { getUserState } from '../../../src/storage/user-state-repository';
import { AppHarness } from '../../support/app-harness';
import { configure, everyoneRule, orgApiSettings } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

async function start(options: Parameters<typeof AppHarness.start>[0] = {}): Promise<void> {
  app = AppHarness.start(options);
  await configure(app, orgApiSettings(app), [everyoneRule(app)]);
}

/** Forge kills every invocation of `moduleKey` at its first call to the site: a message that always times out. */
function killAtFirstSiteCall(moduleKey: string): void {
  app.platform.operationGate = (operation) => {
    if (operation.moduleKey === moduleKey && operation.kind !== 'storage' && operation.kind !== 'queue')
      operation.kill();
    return Promise.resolve();
  };
}

const runsOf = (moduleKey: string) => app.platform.invocations.filter((r) => r.moduleKey === moduleKey);

it('stops a provisioning message killed on every delivery after 8 tries and records its users as failed', async () => {
  await start();
  killAtFirstSiteCall('provision-consumer');
  const accountId = app.jitLogin('pat.poison@acme.example', 'Pat Poison');
  await app.drain({ maxMs: 2 * 86_400_000 });

  const runs = runsOf('provision-consumer');
  // Two messages: Jira's "user created", and Confluence's copy looked at five minutes later (nothing had evaluated
  // the user yet: the first message was still being retried). Each: eight deliveries killed, the ninth gives up at
  // once (Forge would have gone on for a day, about 100 times).
  const messages = new Map<string, typeof runs>();
  for (const run of runs) {
    const key = run.eventId ?? run.invocationId;
    messages.set(key, [...(messages.get(key) ?? []), run]);
  }
  expect(messages.size).toBe(2);
  for (const deliveries of messages.values())
    expect(deliveries.map((r) => r.outcome)).toEqual([
      ...Array<string>(MAX_DELIVERIES).fill('timeout'),
      'success',
    ]);
  expect(runs.at(-1)!.startedAt - runs[0]!.startedAt).toBeLessThan(2 * 3_600_000);
  const state = await app.inApp(() => getUserState(accountId));
  expect(state).toMatchObject({ status: 'failed' });
  expect(state?.message).toMatch(
    /^Provisioning this user failed 8 times in a row \(last: FUNCTION_TIME_OUT\), so it was stopped rather than retried all day\. The daily pass will try again\.$/,
  );
  expect(app.platform.queue.counts()).toMatchObject({ pending: 0, running: 0 });
});

it('counts a backfill page that fails on every delivery as failed users, and the job still finishes', async () => {
  await start({ seed: { scale: 30 }, rateLimits: 'off' });
  const job = await app.inApp(() =>
    startJob('backfill', app.credentials.siteAdmin.accountId, runtimeDeps(app.credentials.siteAri)),
  );
  // Pages die at their first call about a user, every time; planning (listing users) goes through.
  app.platform.operationGate = (operation) => {
    if (
      operation.moduleKey === 'jobs-consumer' &&
      operation.kind === 'product' &&
      !operation.path.startsWith('/rest/api/3/users/search')
    )
      operation.kill();
    return Promise.resolve();
  };
  await app.drain({ maxMs: 2 * 86_400_000 });
  const progress = await app.inApp(() => jobProgress(job.id));
  const people = app.site.accounts(0, 100).accounts.filter((a) => a.accountType === 'atlassian');
  expect(progress).toMatchObject({ status: 'done', total: people.length, failed: people.length, done: 0 });
  const pages = runsOf('jobs-consumer').filter((r) => r.outcome === 'timeout');
  // Two pages of 25, each tried eight times, then given up on its ninth delivery.
  expect(pages).toHaveLength(2 * MAX_DELIVERIES);
  expect(app.platform.queue.counts()).toMatchObject({ pending: 0, running: 0 });
});
