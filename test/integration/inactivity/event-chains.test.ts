// The sweep and Forge's limit on chains of async events: a run carries its chain's push count from step to step
// and, once it has spent its budget, parks its next step for the relay trigger (a new root) instead of pushing
// it, so no chain nears 1,000 push requests however many users the site has.
import { CHAIN_BUDGET } from '../../../src/services/chain-relay';
import { listInactivityRuns } from '../../../src/services/inactivity';
import { listContinuations } from '../../../src/storage/continuations-repository';
import { dailyRun, DAY, invite, savePolicy, setDay, startEnv, type InactivityEnv } from './inactivity-env';

const RELAY = { scheduled: ['long-runs-every-five-minutes'] };
let env: InactivityEnv;
afterEach(() => env.app.close());

it('parks the next step of a run whose chain spent its budget, and the relay continues the run in a new chain', async () => {
  env = await startEnv();
  const people = ['ada', 'bo', 'cy'].map((handle) => invite(env, handle));
  await env.app.drain({ scheduled: false });
  await savePolicy(env);
  setDay(env, 100);
  const fired = await env.app.platform.runScheduled('inactivity-sweep-daily');
  expect(fired.record.outcome).toBe('success');

  // The first step arrives carrying a chain that has already made the run's whole budget of pushes.
  const [first] = env.app.platform.queue.takeDue(env.app.clock.now(), 1);
  expect(first?.body).toMatchObject({ kind: 'grants', chain: 1 });
  await env.app.platform.runConsumer('inactivity-sweep', { ...first!.body, chain: CHAIN_BUDGET });
  env.app.platform.queue.complete(first!.seq, 'succeeded');
  const parked = await env.inApp(() => listContinuations(10));
  expect(parked.map((c) => c.body)).toEqual([
    expect.objectContaining({ kind: 'page', startAt: 0, chain: 0 }),
  ]);
  await env.app.drain({ scheduled: false });
  expect((await latestRun())?.status).toBe('collecting');

  // Within five minutes the relay pushes it as the first push of its own chain, and the run completes.
  await env.app.advance(5 * 60_000, RELAY);
  await env.app.drain({ scheduled: false, maxMs: DAY });
  const run = await latestRun();
  expect(run).toMatchObject({ status: 'completed' });
  expect(run?.report?.users).toBeGreaterThanOrEqual(people.length);
  const all = env.app.platform.invocations;
  const relayAt = all.findIndex((r) => r.moduleKey === 'long-runs-every-five-minutes');
  const relay = all[relayAt];
  const pages = all.slice(relayAt).filter((r) => r.moduleKey === 'inactivity-sweep-consumer');
  expect(pages.length).toBeGreaterThan(0);
  expect(pages.every((r) => r.chainId === relay?.chainId)).toBe(true);
  expect(Math.max(...env.app.platform.eventChains().map((c) => c.pushes))).toBeLessThan(CHAIN_BUDGET);
});

async function latestRun() {
  const [latest] = await env.inApp(() => listInactivityRuns({ limit: 1 }));
  return latest;
}

it('runs a small sweep without the relay: a short run stays in the chain its trigger started', async () => {
  env = await startEnv();
  invite(env, 'dee');
  await savePolicy(env);
  setDay(env, 100);
  const run = await dailyRun(env);
  expect(run?.status).toBe('completed');
  expect(await env.inApp(() => listContinuations(10))).toEqual([]);
  const chains = env.app.platform.eventChains();
  expect(chains[0]?.root).toBe('scheduledTrigger:inactivity-sweep-daily');
});
