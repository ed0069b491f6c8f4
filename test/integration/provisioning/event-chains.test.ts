// Long runs and Forge's limit on chains of async events (1,000 push requests downstream of one root invocation):
// a backfill's planning and the daily pass, delivered in a chain that has spent its budget, are refused the push
// the way Forge refuses it, park their work, and the relay trigger (a new root) continues them to the end.
import { QUEUE_LIMITS } from '../../../emulator/platform';
import { runtimeDeps } from '../../../src/entry/runtime';
import { jobProgress, startJob } from '../../../src/services/jobs/backfill';
import { listContinuations } from '../../../src/storage/continuations-repository';
import { listParked } from '../../../src/storage/rate-governor-repository';
import { getUserStates } from '../../../src/storage/user-state-repository';
import { AppHarness } from '../../support/app-harness';
import { configure, everyoneRule, NO_OPTIONAL_SOURCES, orgApiSettings } from './provisioning-setup';

const RELAY = { scheduled: ['long-runs-every-five-minutes'] };
let app: AppHarness;
afterEach(() => app.close());

async function start(users: number): Promise<void> {
  app = AppHarness.start({ seed: { scale: users }, rateLimits: 'off' });
  const base = orgApiSettings(app);
  await configure(
    app,
    {
      ...base,
      sources: NO_OPTIONAL_SOURCES,
    },
    [everyoneRule(app, 'confluence-engineering', 'all-staff')],
  );
}

/** A chain that has made its 1,000 push requests (of events nobody will receive). */
function spentChain(): { chainId: string; root: string } {
  const chain = { chainId: 'spent-chain', root: 'resolver:jit-access-jira-admin' };
  for (let i = 0; i < QUEUE_LIMITS.maxPushesPerChain; i++)
    app.platform.queue.push('__spent__', 'spent', [{ body: { i } }], app.clock.now(), chain);
  app.platform.queue.cancelJob('__spent__', 'spent');
  return chain;
}

/** Takes the queued message of `queue` and delivers it as part of `chain` (as if its chain were that long). */
async function deliverInChain(queue: string, chain: { chainId: string; root: string }) {
  const [event] = app.platform.queue.takeDue(app.clock.now(), 1);
  if (!event || event.queueName !== queue)
    throw new Error(`expected one ${queue} message, got ${event?.queueName}`);
  const outcome = await app.platform.runConsumer(queue, event.body, { chain, eventId: event.eventId });
  app.platform.queue.complete(event.seq, 'succeeded');
  return outcome;
}

const relayRuns = () =>
  app.platform.invocations.filter((r) => r.moduleKey === 'long-runs-every-five-minutes');

it('continues a backfill whose planning chain is spent from the relay, a new chain, to the end', async () => {
  await start(450);
  const job = await app.inApp(() =>
    startJob('backfill', app.credentials.siteAdmin.accountId, runtimeDeps(app.credentials.siteAri)),
  );
  const spent = spentChain();
  const planning = await deliverInChain('jobs', spent);
  expect(planning.record.outcome).toBe('success');
  // Forge refused the page push: the users are listed again by the continuation, nothing went to the queue.
  expect(app.platform.eventChains().find((c) => c.chainId === spent.chainId)?.pushes).toBe(1_000);
  expect(await app.inApp(() => listContinuations(10))).toHaveLength(1);
  await app.drain({ scheduled: false });
  expect((await app.inApp(() => jobProgress(job.id)))?.status).toBe('planning');

  await app.advance(5 * 60_000, RELAY);
  await app.drain({ scheduled: false });
  const progress = await app.inApp(() => jobProgress(job.id));
  const people = app.site.accounts(0, 1_000).accounts.filter((a) => a.accountType === 'atlassian');
  expect(progress).toMatchObject({ status: 'done', planningDone: true, total: people.length, failed: 0 });
  expect(await app.inApp(() => listContinuations(10))).toEqual([]);
  // Everything after the relay ran in the relay's chain, far from the limit.
  const relayAt = app.platform.invocations.findIndex((r) => r.moduleKey === 'long-runs-every-five-minutes');
  const relay = app.platform.invocations[relayAt];
  const after = app.platform.invocations.slice(relayAt);
  const relayChain = app.platform.eventChains().find((c) => c.chainId === relay?.chainId);
  expect(relayChain).toMatchObject({ root: 'scheduledTrigger:long-runs-every-five-minutes' });
  expect(relayChain!.pushes).toBeLessThan(50);
  expect(
    after.filter((r) => r.moduleKey === 'jobs-consumer').every((r) => r.chainId === relay?.chainId),
  ).toBe(true);
});

it('hands a daily-pass page whose chain is spent to the relay instead of failing it, and every user is evaluated', async () => {
  await start(120);
  await app.platform.runScheduled('daily-pass-every-day');
  const scan = await deliverInChain('jobs', spentChain());
  // The page's provisioning push was refused for the chain limit; the message is parked, not failed or retried.
  expect(scan.record.outcome).toBe('success');
  expect(scan.record.retryRequested).toBeUndefined();
  expect(await app.inApp(() => listContinuations(10))).toHaveLength(1);

  await app.advance(5 * 60_000, RELAY);
  await app.drain({ scheduled: false });
  const people = app.site
    .accounts(0, 1_000)
    .accounts.filter((a) => a.accountType === 'atlassian')
    .map((a) => a.accountId);
  const states = await app.inApp(() => getUserStates(people));
  expect(people.filter((id) => !states.has(id))).toEqual([]);
  expect(relayRuns()).toHaveLength(1);
});

it('lets the rate releaser stop in a spent chain: the user stays parked and the backstop starts a new releaser', async () => {
  await start(5);
  const accountId = app.jitLogin('rae.release@acme.example', 'Rae Release');
  // The login's events are noticed: the user is parked and one releaser is queued, a second or so ahead.
  await app.advance(100, { scheduled: false });
  const queued = app.platform.queue.takeDue(app.clock.now() + 60_000, 10);
  expect(queued.map((e) => e.body.kind)).toEqual(['release-parked']);
  const releaser = queued[0]!;
  // It runs in a chain that has spent its pushes: Forge refuses its push of the user's message.
  const released = await app.platform.runConsumer('jobs', releaser.body, { chain: spentChain() });
  app.platform.queue.complete(releaser.seq, 'succeeded');
  expect(released.record.outcome).toBe('success');
  await app.drain({ scheduled: false });
  expect((await app.inApp(() => listParked(10))).map((u) => u.accountId)).toEqual([accountId]);
  expect(app.groupNamesOf(accountId)).not.toContain('confluence-engineering');

  await app.advance(5 * 60_000, { scheduled: ['backstop-every-five-minutes'] });
  await app.drain({ scheduled: false });
  expect(app.groupNamesOf(accountId)).toContain('confluence-engineering');
});
