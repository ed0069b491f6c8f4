// `npm start`: the whole emulator in one process — the Forge platform running this repo's app on the real SDK,
// the emulated Atlassian site seeded with the demo org, and one HTTP server with the local preview.
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRealClock } from './clock';
import { invocationLog } from './invocation-log';
import { installForgeGlobals } from './platform/runtime-globals';
import type { PreviewBundles } from './preview/build/preview-bundles';

// The wall clock first: createRealClock captures Date.now, and after installForgeGlobals Date.now inside an
// invocation reads the emulated clock, which would then read itself forever.
const clock = createRealClock();
// Before anything can load an @forge/* module: the SDK binds its transport when first required.
installForgeGlobals();

const REPO_ROOT = resolve(__dirname, '..');
// EMULATOR_DATA_DIR moves everything start-up writes (KVS, preview bundles) out of .local, e.g. for a test
// that must start clean and leave a developer's own data alone.
const DATA_DIR = process.env.EMULATOR_DATA_DIR
  ? resolve(process.env.EMULATOR_DATA_DIR)
  : join(REPO_ROOT, '.local');

function line(label: string, value: string): string {
  return `  ${label.padEnd(32)} ${value}`;
}

async function main(): Promise<void> {
  // Loaded after the globals above, and in this order, so nothing reaches @forge/* first.
  const { createSite } = await import('./site/site');
  const { createSiteMount } = await import('./site/http-server');
  const { createPlatform } = await import('./platform');
  const { handlePlatformControl } = await import('./platform/platform-control');
  const { startEmulatorServer, parsePort, PortInUseError } = await import('./server');
  const { buildPreviewBundles, describeBuild, APP_ENTRY, HOST_ENTRY } =
    await import('./preview/build/preview-bundles');
  const { createPreviewRoutes } = await import('./preview/server/preview-routes');

  const port = parsePort(process.env.PORT);
  let server: Awaited<ReturnType<typeof startEmulatorServer>>;
  try {
    // Listen first: a taken port fails in a second, not after the bundles are built.
    server = await startEmulatorServer({ port });
  } catch (e) {
    if (e instanceof PortInUseError) {
      console.error(`npm start: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }

  const site = createSite({ clock, seed: 'demo' });
  const storageDir = join(DATA_DIR, 'emulator');
  mkdirSync(storageDir, { recursive: true });
  const storagePath = join(storageDir, 'forge-storage.sqlite');
  const invocations = invocationLog(
    (l) => console.log(l),
    () => clock.now(),
  );
  const platform = createPlatform({
    appDir: REPO_ROOT,
    site,
    clock,
    storagePath,
    onInvocation: (r) => invocations.record(r),
  });
  platform.useWebTriggerBaseUrl(server.url);

  const cacheDir = join(DATA_DIR, 'preview');
  let bundles: PreviewBundles;
  try {
    bundles = await buildPreviewBundles({ repoRoot: REPO_ROOT, cacheDir });
  } catch (e) {
    // Keep serving: the page shows the build error and rebuilds on every load until the code compiles again.
    console.error(
      `The admin page did not build (shown in the browser until fixed): ${e instanceof Error ? e.message : String(e)}`,
    );
    const unbuilt = (name: string, entry: string) => ({
      dir: join(cacheDir, name),
      entry,
      cached: false,
      buildMs: 0,
    });
    bundles = { host: unbuilt('host', HOST_ENTRY), app: { ...unbuilt('app', APP_ENTRY), isDemo: false } };
  }
  server.setReady(
    {
      webTriggers: platform.webTriggerHandler,
      preview: createPreviewRoutes({
        platform,
        site,
        bundles,
        rebuild: () => buildPreviewBundles({ repoRoot: REPO_ROOT, cacheDir }),
      }),
      site: createSiteMount(site, {
        clock,
        extraRoutes: (method, path, body) => handlePlatformControl(platform, method, path, body),
      }),
    },
    () => ({ siteUrl: site.siteUrl, cloudId: site.cloudId, now: new Date(clock.now()).toISOString() }),
  );
  platform.startPump();

  const credentials = site.credentials();
  const webTriggers = await Promise.all(
    platform.manifest.webtriggers.map(async (w) =>
      line(`web trigger ${w.key}`, await platform.webTriggerUrl(w.key)),
    ),
  );
  console.log(
    [
      '',
      'JIT Access — local emulator (not Atlassian)',
      line('Admin page (local preview)', `${server.url}/`),
      line('Health', `${server.url}/__emulator/health`),
      line('Emulated site', `${credentials.siteUrl} (cloudId ${credentials.cloudId})`),
      line('Site REST base', `${server.url} (Jira /rest/api/3, Confluence /wiki, Admin /admin, SCIM /scim)`),
      line('Site control API', `${server.url}/__emulator/ (see emulator/site/README.md)`),
      line('Site admin (Basic auth)', `${credentials.siteAdmin.email} / ${credentials.siteAdmin.apiToken}`),
      line('Org', `${credentials.orgName} (${credentials.orgId})`),
      line('Org API key (Bearer)', credentials.orgApiKey),
      line('SCIM directory id', credentials.directoryId),
      line('SCIM directory key', credentials.scimKey),
      ...(webTriggers.length > 0 ? webTriggers : [line('Web triggers', 'none in manifest.yml')]),
      line('Forge storage (KVS)', relative(REPO_ROOT, storagePath)),
      line('Preview bundles', describeBuild(bundles, REPO_ROOT)),
      '',
      `Listening on ${server.url} — Ctrl-C to stop.`,
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      console.log('\nForced exit.');
      process.exit(130);
    }
    stopping = true;
    invocations.stop();
    console.log(`\n${signal}: shutting down…`);
    const done = Promise.all([server.close(), platform.close()]);
    done.then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('shutdown failed:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('npm start failed:', e);
  process.exit(1);
});
