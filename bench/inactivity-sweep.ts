// Benchmark: one daily inactivity sweep over a 100,000-user site on the emulator (real app, real SDK), measured.
//
// Import runInactivitySweepBenchmark({ users }) from a runner, or run directly:
//   npx tsx bench/inactivity-sweep.ts [--users 100000] [--quick]      (--quick: a tenth of the users)
//
// What it measures: Admin API and other Atlassian calls, invocations, the longest invocation against its limit,
// the run's emulated duration (paced under the org's Admin API budget), wall time and the process's peak memory.
// Every Atlassian call is charged 100–300 ms of virtual latency, so invocation times are realistic while the
// benchmark itself does not wait for them. OpenAPI checking of each request is off here (the tests keep it on).
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createManualClock } from '../emulator/clock';
import type { SiteApi, SiteRequest } from '../emulator/contracts';
import { createLatencyDelay, createPlatform, installForgeGlobals } from '../emulator/platform';
import { createSite } from '../emulator/site/site';
import { drainWithRelay, longestEventChain } from './scenarios/measure';

export interface InactivitySweepOptions {
  users: number;
}

export interface InactivitySweepResult {
  /** People seeded (the site also has its admins and the app's account). */
  users: number;
  runStatus: string;
  usersDecided: number;
  licensedUsers: number;
  warned: number;
  plannedActions: number;
  adminApiCalls: number;
  lastActiveCalls: number;
  otherAtlassianCalls: number;
  /** Admin API calls refused with 429 (the sweep paces itself, so ideally 0). */
  rateLimitedCalls: number;
  invocations: number;
  failedInvocations: number;
  longestInvocationMs: number;
  longestInvocationLimitMs: number;
  /** Push requests in the longest chain of async events (Forge refuses the 1,001st). */
  longestEventChain: number;
  longestEventChainRoot: string;
  /** Emulated time from the daily trigger to the run's end: the pacing under ~200 last-active calls/minute. */
  emulatedRunMs: number;
  wallMs: number;
  seedWallMs: number;
  peakRssMb: number;
}

const ROOT = resolve(__dirname, '..');
const START = Date.UTC(2026, 0, 5, 2, 0, 0);

function countingSite(site: SiteApi, counts: Map<string, number>, limited: { count: number }): SiteApi {
  return {
    get cloudId() {
      return site.cloudId;
    },
    onProductEvent: (listener) => site.onProductEvent(listener),
    installApp: (app) => site.installApp(app),
    userCanUseApp: (accountId, products) => site.userCanUseApp(accountId, products),
    products: () => site.products(),
    async handle(request: SiteRequest) {
      const path = request.path.split('?')[0] ?? '';
      const kind =
        request.product === 'api' && path.endsWith('/last-active-dates')
          ? 'last-active'
          : request.product === 'api' && path.startsWith('/admin/')
            ? 'admin'
            : request.product;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      const response = await site.handle(request);
      if (response.status === 429 && request.product === 'api') limited.count += 1;
      return response;
    },
  };
}

export async function runInactivitySweepBenchmark(
  options: InactivitySweepOptions,
): Promise<InactivitySweepResult> {
  if (!Number.isInteger(options.users) || options.users < 1)
    throw new RangeError(`users must be a positive whole number, got ${options.users}`);
  installForgeGlobals();
  // The app's modules load only after the Forge globals exist (the SDK binds its transport when first loaded).
  const { runtimeDeps } = await import('../src/entry/runtime');
  const services = await import('../src/services/inactivity');
  const { defaultInactivityPolicy } = await import('../src/domain/inactivity');
  const { DEFAULT_SETTINGS } = await import('../src/shared/settings');
  const { saveSettings } = await import('../src/storage/settings-repository');
  const { setSecret } = await import('../src/storage/secrets-repository');
  const { listContinuations } = await import('../src/storage/continuations-repository');

  const clock = createManualClock(START);
  const seedStarted = performance.now();
  const site = createSite({
    clock,
    delay: createLatencyDelay('virtual'),
    validator: false,
    seed: { scale: options.users },
    faults: { seed: 7, rules: [{ latencyMs: { min: 100, max: 300 } }] },
    requestLogLimit: 1,
  });
  const seedWallMs = performance.now() - seedStarted;
  const counts = new Map<string, number>();
  const limited = { count: 0 };
  const platform = createPlatform({ appDir: ROOT, site: countingSite(site, counts, limited), clock });
  const credentials = site.credentials();
  const admin = credentials.siteAdmin.accountId;
  let webhookPosts = 0;
  platform.registerExternal('hooks.slack.com', () => {
    webhookPosts += 1;
    return new Response('ok', { status: 200 });
  });

  try {
    await platform.runInContext(async () => {
      const deps = runtimeDeps(platform.contextAri);
      await saveSettings({
        ...DEFAULT_SETTINGS,
        org: { orgId: credentials.orgId, directoryId: credentials.directoryId },
        groupWritePath: { mode: 'org-admin-api' },
      });
      await setSecret('org-api-key', credentials.orgApiKey, { accountId: admin, at: clock.now() });
      const products = await services.getInactivityProducts(deps);
      const policy = defaultInactivityPolicy(
        products.map(({ key, displayName, licenceGroupIds }) => ({ key, displayName, licenceGroupIds })),
      );
      const jira = policy.products['jira-software'];
      if (!jira) throw new Error('the seeded site reports no Jira product');
      const saved = await services.saveInactivityPolicy(
        deps,
        {
          ...policy,
          products: { ...policy.products, 'jira-software': { ...jira, enabled: true } },
          notifications: { webhook: { url: 'https://hooks.slack.com/services/T000/B000/bench' } },
        },
        admin,
      );
      if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join('; '));
    });
    counts.clear();

    const wallStarted = performance.now();
    const runStartedAt = clock.now();
    const fired = await platform.runScheduled('inactivity-sweep-daily');
    if (fired.record.outcome !== 'success') throw new Error(`daily trigger failed: ${fired.record.error}`);
    // The relay continues the sweep in a new chain of async events every few hundred pages (Forge refuses the
    // 1,001st push of one chain).
    await drainWithRelay(
      platform,
      async () => (await platform.runInContext(() => listContinuations(1))).length > 0,
      3 * 86_400_000,
    );
    const wallMs = performance.now() - wallStarted;
    const [run] = await platform.runInContext(() => services.listInactivityRuns({ limit: 1 }));
    if (!run) throw new Error('the sweep recorded no run');

    const invocations = platform.invocations.filter((i) => i.functionKey !== '__test-context__');
    const longest = invocations.reduce((a, b) => (b.elapsedMs > a.elapsedMs ? b : a), invocations[0]!);
    const runEnd = run.finishedAt ?? clock.now();
    const chain = longestEventChain(platform.eventChains());
    return {
      users: options.users,
      runStatus: run.status + (run.stopReason ? ` (${run.stopReason})` : ''),
      usersDecided: run.report?.users ?? 0,
      licensedUsers: run.licensedUsers ?? 0,
      warned: run.report?.totals.warn ?? 0,
      plannedActions:
        (run.report?.plannedActions.removeLicence ?? 0) + (run.report?.plannedActions.suspend ?? 0),
      adminApiCalls: (counts.get('admin') ?? 0) + (counts.get('last-active') ?? 0),
      lastActiveCalls: counts.get('last-active') ?? 0,
      otherAtlassianCalls: (counts.get('jira') ?? 0) + (counts.get('confluence') ?? 0) + webhookPosts,
      rateLimitedCalls: limited.count,
      invocations: invocations.length,
      failedInvocations: invocations.filter((i) => i.outcome !== 'success').length,
      longestInvocationMs: longest.elapsedMs,
      longestInvocationLimitMs: longest.limitMs,
      longestEventChain: chain.pushes,
      longestEventChainRoot: chain.root,
      emulatedRunMs: runEnd - runStartedAt,
      wallMs,
      seedWallMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await platform.close();
  }
}

function printResult(result: InactivitySweepResult): void {
  const hours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;
  const rows: Array<[string, string]> = [
    ['users seeded', result.users.toLocaleString('en')],
    ['run', result.runStatus],
    ['users decided', result.usersDecided.toLocaleString('en')],
    ['licensed users', result.licensedUsers.toLocaleString('en')],
    ['warned', result.warned.toLocaleString('en')],
    ['actions planned', result.plannedActions.toLocaleString('en')],
    [
      'Admin API calls',
      `${result.adminApiCalls.toLocaleString('en')} (last-active ${result.lastActiveCalls.toLocaleString('en')})`,
    ],
    ['other calls (Jira, webhook)', result.otherAtlassianCalls.toLocaleString('en')],
    ['Admin API 429s', result.rateLimitedCalls.toLocaleString('en')],
    [
      'invocations',
      `${result.invocations.toLocaleString('en')} (${result.failedInvocations} failed or killed)`,
    ],
    [
      'longest invocation',
      `${(result.longestInvocationMs / 1000).toFixed(1)} s of its ${(result.longestInvocationLimitMs / 1000).toFixed(0)} s limit`,
    ],
    [
      'longest chain of async events',
      `${result.longestEventChain} push requests (${result.longestEventChainRoot})`,
    ],
    ['emulated run duration', hours(result.emulatedRunMs)],
    [
      'wall time (sweep)',
      `${(result.wallMs / 1000).toFixed(1)} s (seeding ${(result.seedWallMs / 1000).toFixed(1)} s)`,
    ],
    ['peak memory (RSS)', `${result.peakRssMb.toFixed(0)} MB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('Inactivity sweep benchmark');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`--${name} needs a positive whole number`);
  return value;
}

if (require.main === module) {
  const full = argNumber('users', 100_000);
  const users = process.argv.includes('--quick') ? Math.max(1, Math.round(full / 10)) : full;
  runInactivitySweepBenchmark({ users })
    .then(printResult)
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
