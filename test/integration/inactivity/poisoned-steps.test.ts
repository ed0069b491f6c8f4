// A sweep step that fails on every delivery: Forge would retry it for a day; the app stops after MAX_DELIVERIES
// and fails the run with the reason, so the admin sees why and tomorrow's run starts over.
import { MAX_DELIVERIES } from '../../../src/services/delivery-limit';
import { dailyRun, invite, savePolicy, setDay, startEnv, type InactivityEnv } from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

it('fails the run with the reason when a page is killed on every delivery, instead of retrying it all day', async () => {
  env = await startEnv();
  invite(env, 'ada');
  await env.app.drain({ scheduled: false });
  await savePolicy(env);
  setDay(env, 100);
  // Every page dies at its first Admin API call (as if it always ran out of time).
  env.app.platform.operationGate = (operation) => {
    if (operation.moduleKey === 'inactivity-sweep-consumer' && operation.kind === 'egress') operation.kill();
    return Promise.resolve();
  };
  const run = await dailyRun(env);
  const pages = env.app.platform.invocations.filter(
    (r) => r.moduleKey === 'inactivity-sweep-consumer' && r.outcome === 'timeout',
  );
  expect(pages).toHaveLength(MAX_DELIVERIES);
  expect(run).toMatchObject({ status: 'failed' });
  expect(run?.stopReason).toMatch(
    /^Its page step failed 8 times in a row \(last: FUNCTION_TIME_OUT\).*The next daily run starts over\.$/,
  );
  expect(env.app.platform.queue.counts()).toMatchObject({ pending: 0, running: 0 });
});
