// The npm-start server end to end in-process: health before and after ready, the preview page and bundles,
// the preview API against the real platform and site, the site's mount, and a clear refusal of a taken port.
import { join, resolve } from 'node:path';
import { createManualClock } from '../clock';
import { installForgeGlobals } from '../platform/runtime-globals';
import { createPlatform, type ForgePlatform } from '../platform';
import { createSiteMount } from '../site/http-server';
import { createSite } from '../site/site';
import { PortInUseError, startEmulatorServer, type EmulatorServer } from '../server';
import { buildPreviewBundles } from './build/preview-bundles';
import { createPreviewRoutes } from './server/preview-routes';

const repoRoot = resolve(__dirname, '..', '..');
let server: EmulatorServer;
let platform: ForgePlatform;
let healthBeforeReady: number;
let previewDeps: Parameters<typeof createPreviewRoutes>[0];

beforeAll(async () => {
  const clock = createManualClock();
  installForgeGlobals();
  const site = createSite({ clock, validator: false });
  platform = createPlatform({ appDir: repoRoot, site, clock });
  server = await startEmulatorServer({ port: 0 });
  healthBeforeReady = (await fetch(`${server.url}/__emulator/health`)).status;
  const bundles = await buildPreviewBundles({ repoRoot, cacheDir: join(repoRoot, '.local', 'preview') });
  platform.useWebTriggerBaseUrl(server.url);
  previewDeps = { platform, site, bundles };
  server.setReady({
    webTriggers: platform.webTriggerHandler,
    preview: createPreviewRoutes(previewDeps),
    site: createSiteMount(site, { clock }),
  });
}, 180_000);

afterAll(async () => {
  await server.close();
  await platform.close();
});

async function get(path: string): Promise<Response> {
  return fetch(`${server.url}${path}`);
}

async function post(path: string, body: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
}

describe('emulator server', () => {
  it('answers health 503 while starting and 200 when ready', async () => {
    expect(healthBeforeReady).toBe(503);
    const health = await get('/__emulator/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });

  it('serves the preview page, labelled as not Atlassian, and its bundles', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Local preview');
    expect(html).toContain('not Atlassian');
    expect(html).toContain('<script type="module" src="/__preview/host/host.js"></script>');
    for (const asset of ['/__preview/host/host.js', '/__preview/host/host.css', '/__preview/app/app.js']) {
      const response = await get(asset);
      expect([asset, response.status]).toEqual([asset, 200]);
      expect((await response.text()).length).toBeGreaterThan(1000);
    }
  });

  it('refuses paths that would leave the bundle folder', async () => {
    expect((await get('/__preview/host/..%2F..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('offers the seeded site admin, the Jira admin and an ordinary member as viewers', async () => {
    const state = (await (await get('/__preview/state')).json()) as {
      personas: Array<{ email: string; role: string }>;
      context: { extension: { type: string } };
    };
    expect(state.personas.map((p) => p.role)).toEqual([
      'site admin',
      'Jira admin, not a site admin',
      'member, not an admin',
    ]);
    expect(state.personas[0]?.email).toBe('avery.admin@acme.example');
    expect(state.context.extension.type).toBe('jira:adminPage');
  });

  it('runs invoke on the platform and hands a failure back as the page would see it', async () => {
    const state = (await (await get('/__preview/state')).json()) as {
      personas: Array<{ accountId: string }>;
    };
    const reply = await post(
      '/__preview/invoke',
      JSON.stringify({
        accountId: state.personas[0]?.accountId,
        functionKey: 'no-such-resolver-key',
        payload: {},
      }),
    );
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { ok: boolean; error?: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error?.message.length).toBeGreaterThan(0);
  });

  it('answers bad preview requests with a 400 naming the problem', async () => {
    const unknownUser = await post(
      '/__preview/invoke',
      JSON.stringify({ accountId: 'nobody', functionKey: 'x' }),
    );
    expect(unknownUser.status).toBe(400);
    expect(await unknownUser.json()).toEqual({ error: 'no account nobody on the emulated site' });
    const notJson = await post('/__preview/invoke', 'not json');
    expect(notJson.status).toBe(400);
  });

  it('mounts the site: its REST API refuses an anonymous caller, its control API answers', async () => {
    expect((await get('/rest/api/3/myself')).status).toBe(401);
    const credentials = await get('/__emulator/credentials');
    expect(credentials.status).toBe(200);
  });

  it('answers 404 for anything nobody serves', async () => {
    expect((await get('/definitely/not/here')).status).toBe(404);
  });

  it('shows the build error instead of the page when the UI Kit page does not build', async () => {
    const broken = await startEmulatorServer({ port: 0 });
    try {
      broken.setReady({
        webTriggers: platform.webTriggerHandler,
        preview: createPreviewRoutes({
          ...previewDeps,
          rebuild: () =>
            Promise.reject(new Error('src/frontend/index.tsx:3:7: ERROR: Expected ";" but found "<"')),
        }),
      });
      const page = await fetch(`${broken.url}/`);
      expect(page.status).toBe(500);
      expect(await page.text()).toContain(
        'index.tsx:3:7: ERROR: Expected &quot;;&quot; but found &quot;&lt;&quot;',
      );
    } finally {
      await broken.close();
    }
  });

  it('refuses a taken port with a message that says what to do', async () => {
    const attempt = startEmulatorServer({ port: server.port });
    await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
    await expect(attempt).rejects.toThrow('PORT=');
  });
});
