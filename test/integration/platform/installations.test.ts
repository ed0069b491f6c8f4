// Installations as Forge documents them (platform/forge/app-compatibility): storage, scheduled triggers and events
// belong to an installation. Installed into Jira and separately into Confluence, an app has two, apart in every
// way; with `app.compatibility` (Jira required, Confluence optional) it has one that serves both, and serves
// Confluence only where the site has it.
import { join } from 'node:path';
import { createManualClock } from '../../../emulator/clock';
import { createLatencyDelay, createPlatform, type ForgePlatform } from '../../../emulator/platform';
import { StubSite } from '../../support/stub-site';

const FIXTURES = join(__dirname, '../../fixtures');
let platform: ForgePlatform;
let site: StubSite;
afterEach(() => platform.close());

function start(
  fixture: 'two-products' | 'cross-app',
  products: Array<'jira' | 'confluence'> = ['jira', 'confluence'],
) {
  site = new StubSite(createLatencyDelay('virtual'));
  site.siteProducts = products;
  platform = createPlatform({
    appDir: join(FIXTURES, fixture),
    site,
    clock: createManualClock(),
    // Both fixtures run the platform fixture app's handlers.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loadHandler: (file) => require(join(FIXTURES, 'platform-app/src', file)) as Record<string, unknown>,
  });
}

const page = (product: 'jira' | 'confluence', key: string, payload: Record<string, unknown> = {}) =>
  platform.invokeResolver<Record<string, unknown>>({
    key,
    payload,
    accountId: '557058:admin',
    extension: { type: product === 'jira' ? 'jira:adminPage' : 'confluence:globalSettings' },
  });

function emit(product: 'jira' | 'confluence'): void {
  site.emit({
    eventType: `avi:${product}:created:user`,
    payload: { eventType: `avi:${product}:created:user`, user: { accountId: `u-${product}` } },
  });
}

const keysIn = (i: number, prefix: string) =>
  platform.installations[i]!.storage.dump()
    .map((e) => e.key)
    .filter((k) => k.startsWith(prefix));

describe('without app.compatibility, installed into Jira and into Confluence', () => {
  beforeEach(() => {
    start('two-products');
    platform.install('confluence');
  });

  it('has two installations, each with its own context ARI and its own storage', async () => {
    expect(platform.installations.map((i) => i.contextAri)).toEqual([
      `ari:cloud:jira::site/${site.cloudId}`,
      `ari:cloud:confluence::site/${site.cloudId}`,
    ]);
    expect(await page('jira', 'install-context')).toEqual({
      installContext: platform.installations[0]!.contextAri,
    });
    expect(await page('confluence', 'install-context')).toEqual({
      installContext: platform.installations[1]!.contextAri,
    });
    await page('jira', 'kv-set', { key: 'settings', value: { from: 'jira' } });
    expect(await page('jira', 'kv-get', { key: 'settings' })).toEqual({ value: { from: 'jira' } });
    // The Confluence installation's settings page sees none of it.
    expect(await page('confluence', 'kv-get', { key: 'settings' })).toEqual({ value: null });
  });

  it('runs every scheduled trigger once per installation: two runs each interval', async () => {
    await platform.advance(5 * 60_000);
    expect(keysIn(0, 'schedule:')).toHaveLength(1);
    expect(keysIn(1, 'schedule:')).toHaveLength(1);
  });

  it('delivers Jira events to the Jira installation and Confluence events to the Confluence one', async () => {
    emit('jira');
    emit('confluence');
    await platform.drain();
    const triggers = platform.invocations.filter((r) => r.moduleKind === 'trigger');
    expect(triggers).toHaveLength(2);
    expect(keysIn(0, 'delivery:')).toHaveLength(1);
    expect(keysIn(1, 'delivery:')).toHaveLength(1);
  });

  it('refuses a Confluence call from the Jira installation: it does not serve Confluence', async () => {
    const call = await page('jira', 'confluence-current-user');
    expect(call).toMatchObject({ ok: false, name: 'PROXY_ERR' });
    expect(String(call.message)).toMatch(/PRODUCT_NOT_INSTALLED/);
    expect(await page('confluence', 'confluence-current-user')).toMatchObject({ ok: true });
  });
});

describe('with app.compatibility (Jira required, Confluence optional)', () => {
  it('has one installation serving both: one storage, one run of each schedule, both products’ events', async () => {
    start('cross-app');
    expect(platform.installations).toHaveLength(1);
    expect(platform.installation.products).toEqual(['jira', 'confluence']);
    expect(() => platform.install('confluence')).not.toThrow();
    expect(platform.installations).toHaveLength(1);
    // Both pages run in the one installation (its context is Jira's, the required app's).
    expect(await page('confluence', 'install-context')).toEqual({
      installContext: `ari:cloud:jira::site/${site.cloudId}`,
    });
    await page('jira', 'kv-set', { key: 'settings', value: { from: 'jira' } });
    expect(await page('confluence', 'kv-get', { key: 'settings' })).toEqual({ value: { from: 'jira' } });
    emit('jira');
    emit('confluence');
    await platform.advance(5 * 60_000);
    expect(keysIn(0, 'schedule:')).toHaveLength(1);
    expect(keysIn(0, 'delivery:')).toHaveLength(2);
    expect(await page('jira', 'confluence-current-user')).toMatchObject({ ok: true });
  });

  it('serves Jira alone on a site without Confluence: no Confluence page or events; the site answers 404 under /wiki', async () => {
    start('cross-app', ['jira']);
    expect(platform.installation.products).toEqual(['jira']);
    await expect(page('confluence', 'install-context')).rejects.toThrow(
      /no installation serving confluence.*confluence:globalSettings module is not shown/,
    );
    emit('confluence');
    await platform.drain();
    expect(platform.invocations.filter((r) => r.moduleKind === 'trigger')).toHaveLength(0);
    // The call reaches the site, which has no Confluence.
    expect(await page('jira', 'confluence-current-user')).toMatchObject({ ok: true, status: 404 });
    expect(() => platform.install('confluence')).toThrow(/The site has no confluence|compatibility/);
  });
});
