// Benchmark: an access review campaign over ~20,000 group memberships on the emulator (real app, real SDK):
// created (memberships collected page by page, reviewers assigned), opened with start notices, reminded, then
// closed with the policy removing every undecided item (hand grants, so each is settled and reported rather than
// written to Jira) and its report counted. Measured: emulated working minutes, Jira calls, invocations against
// their limits, the longest chain of async events.
//
// Import runAccessReviewBenchmark({ memberships }) from a runner (bench/run.ts, `--only reviews`).
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createManualClock } from '../emulator/clock';
import type { SiteApi, SiteRequest } from '../emulator/contracts';
import { createLatencyDelay, createPlatform, installForgeGlobals } from '../emulator/platform';
import { createSite } from '../emulator/site/site';
import { drainWithRelay, longestEventChain, RELAY_SCHEDULE, round } from './scenarios/measure';

export interface AccessReviewOptions {
  /** Memberships the campaign should cover at least (the site is seeded to hold about this many). */
  memberships: number;
}

export interface AccessReviewResult {
  memberships: number;
  reviewers: number;
  status: string;
  /** Emulated minutes of work: collecting and opening, one reminder round, closing (not the days it stays open). */
  reviewCampaignEmulatedMinutes: number;
  collectEmulatedMinutes: number;
  closeEmulatedMinutes: number;
  noticesSent: number;
  jiraCalls: number;
  invocations: number;
  failedInvocations: number;
  /** The longest invocation as a share of its limit. */
  longestInvocationOverLimit: number;
  longestEventChain: number;
  longestEventChainRoot: string;
  wallSeconds: number;
}

const ROOT = resolve(__dirname, '..');
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOURLY = 'access-reviews-every-hour';
/** Groups the benchmark leaves out: admin groups are privileged and not what owners certify. */
const ADMIN_GROUPS = /admin/i;

function countingSite(site: SiteApi, counts: Map<string, number>): SiteApi {
  return {
    get cloudId() {
      return site.cloudId;
    },
    onProductEvent: (listener) => site.onProductEvent(listener),
    installApp: (app) => site.installApp(app),
    userCanUseApp: (accountId, products) => site.userCanUseApp(accountId, products),
    products: () => site.products(),
    async handle(request: SiteRequest) {
      counts.set(request.product, (counts.get(request.product) ?? 0) + 1);
      return site.handle(request);
    },
  };
}

export async function runAccessReviewBenchmark(options: AccessReviewOptions): Promise<AccessReviewResult> {
  installForgeGlobals();
  const { runtimeDeps } = await import('../src/entry/runtime');
  const { startCampaign } = await import('../src/services/reviews/start-campaign');
  const { createSeries, getCampaign } = await import('../src/storage/review-campaign-repository');
  const { listContinuations } = await import('../src/storage/continuations-repository');
  const { DEFAULT_SETTINGS } = await import('../src/shared/settings');
  const { saveSettings } = await import('../src/storage/settings-repository');
  const { DAY_MS } = await import('../src/domain/reviews');

  const clock = createManualClock(START);
  // The seeded population holds about five memberships per person outside the admin groups.
  const site = createSite({
    clock,
    delay: createLatencyDelay('virtual'),
    validator: false,
    seed: { scale: Math.ceil(options.memberships / 4.6) },
    faults: { seed: 5, rules: [{ latencyMs: { min: 100, max: 300 } }] },
    requestLogLimit: 1,
  });
  const counts = new Map<string, number>();
  const platform = createPlatform({ appDir: ROOT, site: countingSite(site, counts), clock });
  const groups = site
    .groups()
    .filter((g) => !ADMIN_GROUPS.test(g.name) && site.groupMembers(g.name).length > 0)
    .slice(0, 50);
  // Twenty reviewers who can see the notification issue (ENG's users).
  const reviewers = site.groupMembers('jira-software-users').slice(0, 20);
  const admin = site.credentials().siteAdmin.accountId;
  const relayPending = async () => (await platform.runInContext(() => listContinuations(1))).length > 0;
  const schedules = { scheduled: [HOURLY, RELAY_SCHEDULE] };

  try {
    const wallStarted = performance.now();
    const campaign = await platform.runInContext(async () => {
      const deps = runtimeDeps(platform.contextAri);
      await saveSettings({
        ...DEFAULT_SETTINGS,
        provisioning: { ...DEFAULT_SETTINGS.provisioning, enabled: false },
      });
      const series = {
        id: 'bench-series',
        definition: {
          name: 'Benchmark review',
          scope: {
            kind: 'group-members' as const,
            groups: groups.map((g) => ({ groupId: g.groupId, groupName: g.name, owners: [] })),
          },
          reviewers: { kind: 'named' as const, accountIds: reviewers },
          fallbackReviewer: admin,
          schedule: { kind: 'once' as const },
          durationDays: 2,
          remindEveryDays: 1,
          undecided: 'remove' as const,
          notifyIssueKey: 'ENG-1',
          removeHandGrants: false,
        },
        createdBy: admin,
        createdAt: clock.now(),
        active: false,
        campaignIds: [],
        nextStartAt: null,
      };
      await createSeries(series);
      return startCampaign(deps, series, clock.now(), admin);
    });
    if (!campaign) throw new Error('the campaign did not start');
    const read = () => platform.runInContext(() => getCampaign(campaign.id));

    await drainWithRelay(platform, relayPending, DAY_MS);
    const opened = await read();
    if (opened?.status !== 'open' || opened.openedAt === null || opened.dueAt === null) {
      const failed = platform.invocations.find((i) => i.outcome !== 'success');
      throw new Error(
        `the campaign did not open: ${opened?.status} ${opened?.problem ?? ''}` +
          (failed
            ? `; first failed invocation: ${failed.functionKey} ${failed.outcome} ${String(failed.error)}`
            : ''),
      );
    }
    const collectMs = opened.openedAt - campaign.createdAt;

    // The reminder round falls a day after opening; the hourly check queues it.
    await platform.advance(opened.openedAt + DAY_MS + 60 * 60_000 - clock.now(), schedules);
    const reminderFrom = clock.now();
    await drainWithRelay(platform, relayPending, DAY_MS);
    const reminderMs = clock.now() - reminderFrom;

    // The end: the hourly check closes it; undecided items are settled by the policy and acted on.
    await platform.advance(opened.dueAt + 60 * 60_000 - clock.now(), schedules);
    await drainWithRelay(platform, relayPending, 2 * DAY_MS);
    const closed = await read();
    if (closed?.status !== 'closed' || closed.closedAt === null)
      throw new Error(`the campaign did not close: ${closed?.status} ${closed?.problem ?? ''}`);
    // The hourly check that closed it ran within the hour after the due time.
    const closeMs = closed.closedAt - opened.dueAt - 60 * 60_000;

    const invocations = platform.invocations.filter((i) => i.functionKey !== '__test-context__');
    const overLimit = invocations.reduce(
      (worst, i) => Math.max(worst, i.limitMs ? i.elapsedMs / i.limitMs : 0),
      0,
    );
    const chain = longestEventChain(platform.eventChains());
    return {
      memberships: closed.items,
      reviewers: closed.reviewers,
      status: `${closed.status}: ${closed.outcome ? JSON.stringify(closed.outcome) : ''}`,
      reviewCampaignEmulatedMinutes: round((collectMs + reminderMs + Math.max(0, closeMs)) / 60_000, 1),
      collectEmulatedMinutes: round(collectMs / 60_000, 1),
      closeEmulatedMinutes: round(Math.max(0, closeMs) / 60_000, 1),
      noticesSent: site.notifications().length,
      jiraCalls: counts.get('jira') ?? 0,
      invocations: invocations.length,
      failedInvocations: invocations.filter((i) => i.outcome !== 'success').length,
      longestInvocationOverLimit: round(overLimit, 3),
      longestEventChain: chain.pushes,
      longestEventChainRoot: chain.root,
      wallSeconds: Math.round((performance.now() - wallStarted) / 1000),
    };
  } finally {
    await platform.close();
  }
}
