// The platform's delivery dials through the control API `npm start` serves (/__emulator/delivery): duplicate
// deliveries and lost product events can be rehearsed against a running app, not only from tests.
import { createManualClock } from '../../../emulator/clock';
import { handlePlatformControl } from '../../../emulator/platform';
import { handleControl } from '../../../emulator/site/control-api';
import { createSite } from '../../../emulator/site/site';
import { startFixturePlatform, type FixturePlatform } from './platform-fixture';

let env: FixturePlatform;
beforeEach(() => (env = startFixturePlatform()));
afterEach(() => env.platform.close());

const site = createSite({ clock: createManualClock(), validator: false, seed: 'empty' });
const control = (method: string, path: string, body?: unknown) =>
  handleControl(site, method, path, body, {
    extraRoutes: (m, p, b) => handlePlatformControl(env.platform, m, p, b),
  });

function emitUserCreated(): void {
  env.site.emit({
    eventType: 'avi:jira:created:user',
    payload: { eventType: 'avi:jira:created:user', user: { accountId: 'u1' } },
  });
}
const triggerRuns = () => env.platform.invocations.filter((r) => r.moduleKind === 'trigger').length;

it('turns on duplicate delivery: every product event then reaches its trigger twice', async () => {
  expect(control('GET', '/__emulator/delivery')).toEqual({
    status: 200,
    body: { duplicateDeliveryRate: 0, eventLossRate: 0 },
  });
  expect(control('PUT', '/__emulator/delivery', { duplicateDeliveryRate: 1 })).toEqual({
    status: 200,
    body: { duplicateDeliveryRate: 1, eventLossRate: 0 },
  });
  emitUserCreated();
  await env.platform.drain();
  expect(triggerRuns()).toBe(2);
});

it('turns on event loss: a product event then never arrives', async () => {
  expect(control('PUT', '/__emulator/delivery', { eventLossRate: 1 }).status).toBe(200);
  emitUserCreated();
  await env.platform.drain();
  expect(triggerRuns()).toBe(0);
});

it('refuses a rate outside 0..1 or an unknown dial with a 400 naming it, changing nothing', () => {
  expect(control('PUT', '/__emulator/delivery', { eventLossRate: 2 })).toEqual({
    status: 400,
    body: { error: 'eventLossRate must be a number from 0 to 1, got 2' },
  });
  expect(control('PUT', '/__emulator/delivery', { duplicateRate: 1 })).toEqual({
    status: 400,
    body: { error: 'Unknown dial(s) duplicateRate: only duplicateDeliveryRate and eventLossRate.' },
  });
  expect(control('GET', '/__emulator/delivery').body).toEqual({ duplicateDeliveryRate: 0, eventLossRate: 0 });
  // Routes neither the site nor the platform knows stay a 404.
  expect(control('GET', '/__emulator/nothing-here').status).toBe(404);
});
