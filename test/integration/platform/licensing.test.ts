// The licence Forge passes a paid app: in the context of every kind of function (trigger, scheduled trigger,
// consumer, web trigger, resolver) and in getAppContext(), for the installation it belongs to, switchable between
// active, evaluation, inactive and none from tests and from the control API `npm start` serves.
import { createManualClock } from '../../../emulator/clock';
import { handlePlatformControl, type LicenseState } from '../../../emulator/platform';
import { handleControl } from '../../../emulator/site/control-api';
import { createSite } from '../../../emulator/site/site';
import type { SeenLicense } from '../../fixtures/platform-app/src';
import { startFixturePlatform, type FixturePlatform } from './platform-fixture';

let env: FixturePlatform;
const seen = (): SeenLicense[] =>
  ((globalThis as { __fixtureSeenLicenses?: SeenLicense[] }).__fixtureSeenLicenses ??= []);
beforeEach(() => {
  env = startFixturePlatform();
  seen().length = 0;
});
afterEach(() => env.platform.close());

/** Runs one function of every module kind and returns what each was told. */
async function runEveryKind(): Promise<Map<string, SeenLicense>> {
  env.site.emit({
    eventType: 'avi:jira:created:user',
    payload: { eventType: 'avi:jira:created:user', user: { accountId: 'u1' } },
  });
  await env.platform.drain();
  await env.platform.runScheduled('every-five-minutes');
  await env.platform.runConsumer('work', { action: 'noop' });
  await env.platform.runWebTrigger('echo-hook', { body: '{}' });
  await env.platform.invokeResolver({ key: 'license', accountId: 'admin-1' });
  return new Map(seen().map((s) => [s.kind, s]));
}

const KINDS = ['trigger', 'scheduledTrigger', 'consumer', 'webtrigger', 'resolver'];

it('passes an active licence to every kind of function, in its context and in getAppContext(), as a production installation', async () => {
  const byKind = await runEveryKind();
  expect([...byKind.keys()].sort()).toEqual([...KINDS].sort());
  for (const kind of KINDS) {
    const s = byKind.get(kind)!;
    expect(s.fromContext).toMatchObject({
      active: true,
      isActive: true,
      isEvaluation: false,
      trialEndDate: null,
    });
    expect(s.fromAppContext).toEqual(s.fromContext);
    expect(s.environmentType).toBe('PRODUCTION');
  }
});

it('passes an evaluation licence with its trial end 30 days after it was given', async () => {
  const given = env.platform.clock.now();
  env.platform.setLicense('evaluation');
  const byKind = await runEveryKind();
  for (const kind of KINDS)
    expect(byKind.get(kind)!.fromContext).toMatchObject({
      active: true,
      isEvaluation: true,
      trialEndDate: new Date(given + 30 * 86_400_000).toISOString(),
    });
});

it('passes an inactive licence as active: false, and none at all when the state is none', async () => {
  env.platform.setLicense('inactive');
  for (const [, s] of await runEveryKind())
    expect(s.fromContext).toMatchObject({ active: false, isActive: false });
  seen().length = 0;
  env.platform.setLicense('none');
  for (const [, s] of await runEveryKind()) {
    expect(s.fromContext).toBeNull();
    expect(s.fromAppContext).toBeNull();
  }
});

it('starts the installation of an app with app.licensing enabled with an active licence', () => {
  expect(env.platform.manifest.licensingEnabled).toBe(true);
  expect(env.platform.installation.license).toBe('active');
});

describe('the control API', () => {
  const site = createSite({ clock: createManualClock(), validator: false, seed: 'empty' });
  const control = (method: string, path: string, body?: unknown) =>
    handleControl(site, method, path, body, {
      extraRoutes: (m, p, b) => handlePlatformControl(env.platform, m, p, b),
    });

  it('lists and switches each installation licence through every state', async () => {
    expect(control('GET', '/__emulator/license').body).toEqual({
      installations: [{ id: env.platform.installation.id, products: ['jira'], license: 'active' }],
    });
    for (const state of ['evaluation', 'inactive', 'none', 'active'] satisfies LicenseState[]) {
      const reply = control('PUT', '/__emulator/license', { state, product: 'jira' });
      expect(reply.status).toBe(200);
      expect(env.platform.installation.license).toBe(state);
    }
    env.platform.setLicense('inactive');
    await env.platform.invokeResolver({ key: 'license', accountId: 'admin-1' });
    expect(seen().at(-1)?.fromContext).toMatchObject({ active: false });
  });

  it('refuses an unknown state, an unknown field or a product without an installation, changing nothing', () => {
    expect(control('PUT', '/__emulator/license', { state: 'paid' }).status).toBe(400);
    expect(control('PUT', '/__emulator/license', { state: 'inactive', site: 'x' }).status).toBe(400);
    expect(control('PUT', '/__emulator/license', { state: 'inactive', product: 'confluence' }).status).toBe(
      404,
    );
    expect(control('DELETE', '/__emulator/license').status).toBe(405);
    expect(env.platform.installation.license).toBe('active');
  });
});
