// Benchmark scenarios for provisioning on the emulator (latency and rate limits on): a single JIT login's
// event-to-access time and call cost, a burst of logins against the rate ceiling, and a backfill.
import { performance } from 'node:perf_hooks';
import { AppHarness } from '../../test/support/app-harness';
import {
  configure,
  groupGrant,
  orgApiSettings,
  rule,
  SALES_DEVELOPERS,
  scimProfile,
} from '../../test/integration/provisioning/provisioning-setup';
import { runtimeDeps } from '../../src/entry/runtime';
import { jobProgress, startJob } from '../../src/services/jobs/backfill';
import { queryAudit } from '../../src/storage/audit-repository';
import { listContinuations } from '../../src/storage/continuations-repository';
import type { Rule } from '../../src/domain/rules';
import {
  callMix,
  callsBy,
  drainWithRelay,
  isGrantWrite,
  longestEventChain,
  longestOverLimit,
  NOMINAL_LATENCY,
  percentile,
  round,
} from './measure';
import type { RequestLogEntry } from '../../emulator/site/request-pipeline';

const DEPARTMENTS = ['Sales', 'Engineering', 'Support', 'Finance'] as const;

function standardRules(app: AppHarness): Rule[] {
  return [
    rule({
      id: 'sales',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'sales-team'), groupGrant(app, 'confluence-sales'), SALES_DEVELOPERS],
    }),
    rule({
      id: 'engineering',
      when: 'user.department -eq "Engineering"',
      grants: [groupGrant(app, 'jira-developers'), groupGrant(app, 'confluence-engineering')],
    }),
    rule({
      id: 'support',
      when: 'user.department -eq "Support" -or user.jobTitle -startsWith "Support"',
      grants: [groupGrant(app, 'support-agents')],
    }),
    rule({
      id: 'finance',
      when: 'user.department -in ["Finance", "Accounting"]',
      grants: [groupGrant(app, 'finance-team')],
    }),
  ];
}

export interface SingleLoginResult {
  logins: number;
  eventToAccessP50Seconds: number;
  eventToAccessP95Seconds: number;
  callsPerUser: number;
  floorPerUser: number;
  /** The old floor: three attribute reads (Jira user, email, profile) plus one write per grant. */
  callsPerUserOverFloor: number;
  readCallsPerUser: number;
  writeCallsPerUser: number;
  /** All calls over the grant writes needed (the floor with no reads at all). */
  callsPerUserOverGrantFloor: number;
  longestInvocationOverLimit: number;
}

/** Logins spread in time at nominal latency: how long until the last grant lands, and what it costs. */
export async function singleLoginScenario(options: { logins: number }): Promise<SingleLoginResult> {
  const app = AppHarness.start({ faults: NOMINAL_LATENCY, requestLogLimit: 1_000_000 });
  try {
    await configure(app, orgApiSettings(app), standardRules(app));
    const durations: number[] = [];
    let calls = 0;
    let floor = 0;
    let grantsNeeded = 0;
    const made: RequestLogEntry[] = [];
    for (let i = 0; i < options.logins; i++) {
      const email = `jit.user${i}@acme.example`;
      const department = DEPARTMENTS[i % DEPARTMENTS.length] as string;
      const loggedInAt = app.clock.now();
      const before = app.platform.invocations.length;
      const accountId = app.jitLogin(email, `JIT User ${i}`);
      app.site.scim.createUser(scimProfile(email, `JIT User ${i}`, department));
      await app.advance(30_000);
      const runs = app.platform.invocations.slice(before).filter((r) => r.moduleKey === 'provision-consumer');
      const done = Math.max(...runs.map((r) => r.startedAt + r.elapsedMs));
      durations.push(done - loggedInAt);
      const own = callsBy(app.site.requestLog(), new Set(runs.map((r) => r.invocationId)));
      calls += own.length;
      made.push(...own);
      const grants = await app.inApp(
        async () =>
          (await queryAudit({ accountId, limit: 50 })).entries.filter((e) => e.outcome === 'success').length,
      );
      // The floor: read the Jira user, the email and the SCIM profile, then one write per grant needed.
      floor += 3 + grants;
      grantsNeeded += grants;
    }
    return {
      logins: options.logins,
      eventToAccessP50Seconds: round(percentile(durations, 50) / 1000),
      eventToAccessP95Seconds: round(percentile(durations, 95) / 1000),
      callsPerUser: round(calls / options.logins),
      floorPerUser: round(floor / options.logins),
      callsPerUserOverFloor: round(calls / floor, 3),
      ...callMix(made, options.logins, grantsNeeded),
      longestInvocationOverLimit: round(longestOverLimit(app.platform.invocations).ratio, 3),
      ...chainFigures(app),
    };
  } finally {
    await app.close();
  }
}

/** Push requests in the longest chain of async events (Forge allows 1,000) and the invocation that started it. */
function chainFigures(app: AppHarness): { longestEventChain: number; longestEventChainRoot: string } {
  const chain = longestEventChain(app.platform.eventChains());
  return { longestEventChain: chain.pushes, longestEventChainRoot: chain.root };
}

/** Counts of times in consecutive buckets from `start`, as "n n n ...". */
function tally(times: number[], start: number, bucketMs: number): string {
  const counts: number[] = [];
  for (const t of times) {
    const i = Math.max(0, Math.floor((t - start) / bucketMs));
    while (counts.length <= i) counts.push(0);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.join(' ');
}

export interface BurstResult {
  logins: number;
  arrivalPerSecond: number;
  ceilingGrantsPerSecond: number;
  secondsUntilAllProvisioned: number;
  achievedGrantsPerSecond: number;
  burstThroughputOverCeiling: number;
  rateLimited429s: number;
  readCallsPerUser: number;
  writeCallsPerUser: number;
  callsPerUserOverGrantFloor: number;
  retries: number;
  lostUsers: number;
  duplicateGrants: number;
  wallSeconds: number;
  longestInvocationOverLimit: number;
  /** Forge storage is metered too (4,000 write and 4,000 read 10 KB-units a minute per installation). */
  storageWritesPerUser: number;
  storageReadsPerUser: number;
  storageRefusals: number;
  /** Successful grants, and 429s, per ten emulated seconds from the first login: where the time went. */
  grantsPerTenSeconds: string;
  rateLimitedPerTenSeconds: string;
  storageRefusalsByMinute: Record<string, number>;
  /** Storage units per user by operation and key family, largest first. */
  storageUnitsPerUserByUse: Record<string, number>;
}

/**
 * N logins within one emulated minute, writing through Jira's own group API (the app account is a site admin),
 * under a per-endpoint burst budget below the arrival rate, so the budget is the ceiling.
 */
export async function burstScenario(options: {
  logins: number;
  burstPerSecond: number;
  /** Print a second-by-second timeline between these emulated seconds (from the first login). */
  trace?: [number, number];
}): Promise<BurstResult> {
  const started = performance.now();
  const app = AppHarness.start({
    faults: NOMINAL_LATENCY,
    rateLimits: { burstPerSecond: options.burstPerSecond },
    parallelism: 20,
    requestLogLimit: 1_000_000,
  });
  try {
    const base = orgApiSettings(app);
    await configure(
      app,
      {
        ...base,
        sources: {
          email: true,
          scim: { enabled: false },
          orgDirectory: { enabled: false },
          pushed: false,
        },
        groupWritePath: { mode: 'app-account' },
      },
      [
        rule({
          id: 'staff',
          when: 'user.emailDomain -eq "acme.example"',
          grants: [groupGrant(app, 'confluence-engineering')],
        }),
      ],
    );
    app.site.setGroupMembership(app.appAccountId, 'site-admins', true);
    const first = app.clock.now();
    const perSecond = Math.ceil(options.logins / 60);
    const accountIds: string[] = [];
    for (let i = 0; i < options.logins; i++) {
      accountIds.push(app.jitLogin(`burst.user${i}@acme.example`, `Burst User ${i}`));
      if ((i + 1) % perSecond === 0) await app.advance(1_000, { scheduled: false });
    }
    await app.drain({ maxMs: 24 * 3_600_000 });
    const runs = app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer');
    const last = Math.max(...runs.map((r) => r.startedAt + r.elapsedMs));
    const seconds = (last - first) / 1000;
    if (options.trace) {
      // Second by second: what the site answered and which functions started (to see where time went).
      const [from, to] = options.trace;
      for (let sec = from; sec < to; sec++) {
        const lo = first + sec * 1000;
        const hi = lo + 1000;
        const reqs = app.site.requestLog().filter((r) => r.at >= lo && r.at < hi);
        const by = new Map<string, number>();
        for (const r of reqs) {
          const k = `${r.method} ${r.path.split('?')[0]} ${r.status}`;
          by.set(k, (by.get(k) ?? 0) + 1);
        }
        const inv = new Map<string, number>();
        for (const r of app.platform.invocations.filter((r) => r.startedAt >= lo && r.startedAt < hi))
          inv.set(r.moduleKey, (inv.get(r.moduleKey) ?? 0) + 1);
        console.log(
          `  t=${sec}s`,
          JSON.stringify(Object.fromEntries(by)),
          JSON.stringify(Object.fromEntries(inv)),
        );
      }
    }
    if (options.trace)
      for (const r of runs.filter((x) => x.retryRequested || x.outcome !== 'success'))
        console.log(
          '  retry',
          (r.startedAt - first) / 1000,
          r.elapsedMs,
          r.outcome,
          r.attempt,
          JSON.stringify(r.retryRequested),
          r.error ?? '',
        );
    const members = new Set(app.site.groupMembers('confluence-engineering'));
    const lost = accountIds.filter((id) => !members.has(id)).length;
    const writes = app.site
      .requestLog()
      .filter((r) => r.method === 'POST' && r.path.startsWith('/rest/api/3/group/user') && r.status < 300);
    const granted = new Set(writes.map((w) => w.seq)).size;
    // Each user needs GET /user, GET /user/email and POST /group/user: each endpoint has its own burst budget,
    // so the ceiling is that budget (users per second), unless logins arrive slower than it.
    const ceiling = Math.min(options.burstPerSecond, options.logins / 60);
    return {
      logins: options.logins,
      arrivalPerSecond: round(options.logins / 60),
      ceilingGrantsPerSecond: round(ceiling),
      secondsUntilAllProvisioned: round(seconds),
      achievedGrantsPerSecond: round(options.logins / seconds),
      burstThroughputOverCeiling: round(options.logins / seconds / ceiling, 3),
      rateLimited429s: app.site.requestLog().filter((r) => r.status === 429).length,
      ...callMix(
        callsBy(app.site.requestLog(), new Set(runs.map((r) => r.invocationId))),
        options.logins,
        options.logins,
      ),
      // Users evaluated more than once (their first evaluation was refused or put back), from the site's log.
      retries:
        app.site.requestLog().filter((r) => r.method === 'GET' && r.path.startsWith('/rest/api/3/user?'))
          .length - options.logins,
      lostUsers: lost,
      duplicateGrants: granted - (options.logins - lost),
      wallSeconds: round((performance.now() - started) / 1000),
      longestInvocationOverLimit: round(longestOverLimit(app.platform.invocations).ratio, 3),
      ...chainFigures(app),
      storageWritesPerUser: round(app.platform.kvsQuota.usage.writes / options.logins),
      storageReadsPerUser: round(app.platform.kvsQuota.usage.reads / options.logins),
      storageRefusals: app.platform.kvsQuota.usage.refused,
      grantsPerTenSeconds: tally(
        writes.map((w) => w.at),
        first,
        10_000,
      ),
      rateLimitedPerTenSeconds: tally(
        app.site
          .requestLog()
          .filter((r) => r.status === 429)
          .map((r) => r.at),
        first,
        10_000,
      ),
      storageRefusalsByMinute: Object.fromEntries(
        [...app.platform.kvsQuota.refusalsByMinute].map(([label, n]) => {
          const [minute, kind] = label.split(' ');
          return [`minute ${Number(minute) - Math.floor(first / 60_000)} ${kind}`, n];
        }),
      ),
      storageUnitsPerUserByUse: Object.fromEntries(
        [...app.platform.kvsQuota.usageByLabel]
          .sort((a, b) => b[1] - a[1])
          .map(([label, units]) => [label, round(units / options.logins)]),
      ),
    };
  } finally {
    await app.close();
  }
}

export interface BackfillResult {
  /** REST calls per user by method, route and status (the twelve largest). */
  callsPerUserByRoute: Record<string, number>;
  users: number;
  rules: number;
  emulatedSeconds: number;
  wallSeconds: number;
  callsPerUser: number;
  readCallsPerUser: number;
  writeCallsPerUser: number;
  callsPerUserOverGrantFloor: number;
  emulatedHours: number;
  /** Successful grant writes per emulated minute from the start: where the time went. */
  grantWritesPerMinute: string;
  rateLimited429s: number;
  storageWritesPerUser: number;
  storageReadsPerUser: number;
  storageRefusals: number;
  invocations: number;
  peakHeapMb: number;
  longestInvocationOverLimit: number;
  longestInvocation: string;
}

/** Backfill of an existing site with many rules, at nominal latency and default rate limits. */
export async function backfillScenario(options: { users: number; rules: number }): Promise<BackfillResult> {
  const app = AppHarness.start({
    seed: { scale: options.users },
    faults: NOMINAL_LATENCY,
    parallelism: 10,
    requestLogLimit: 2_000_000,
  });
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  const started = performance.now();
  try {
    const base = orgApiSettings(app);
    const groups = app.site
      .groups()
      .filter(
        (g) =>
          !g.synced &&
          ![
            'site-admins',
            'org-admins',
            'jira-administrators',
            'confluence-admins',
            'atlassian-addons-admin',
          ].includes(g.name),
      );
    const rules: Rule[] = Array.from({ length: options.rules }, (_, i) =>
      rule({
        id: `r${i}`,
        priority: i,
        when:
          i % 2
            ? `user.department -eq "${DEPARTMENTS[i % DEPARTMENTS.length] as string}" -and user.active -eq true`
            : `user.jobTitle -contains "${['Engineer', 'Manager', 'Analyst', 'Agent', 'Designer'][i % 5] as string}"`,
        grants: [groupGrant(app, (groups[i % groups.length] as { name: string }).name)],
      }),
    );
    await configure(
      app,
      {
        ...base,
        sources: {
          email: true,
          scim: { enabled: false },
          orgDirectory: { enabled: true },
          pushed: false,
        },
      },
      rules,
    );
    // What the backfill must change, at least: the memberships that differ afterwards (one write each).
    const membersBefore = new Map(
      app.site.groups().map((g) => [g.name, new Set(app.site.groupMembers(g.name))]),
    );
    const before = app.platform.invocations.length;
    const startedAt = app.clock.now();
    const job = await app.inApp(() =>
      startJob('backfill', app.credentials.siteAdmin.accountId, runtimeDeps(app.credentials.siteAri)),
    );
    await drainWithRelay(
      app.platform,
      async () => (await app.inApp(() => listContinuations(1))).length > 0,
      7 * 86_400_000,
    );
    const progress = await app.inApp(() => jobProgress(job.id));
    const runs = app.platform.invocations.slice(before).filter((r) => r.moduleKey === 'jobs-consumer');
    const made = callsBy(app.site.requestLog(), new Set(runs.map((r) => r.invocationId)));
    const calls = made.length;
    const byRoute = new Map<string, number>();
    for (const r of made) {
      const label = `${r.method} ${r.route ?? r.path.split('?')[0] ?? ''} ${r.status}`;
      byRoute.set(label, (byRoute.get(label) ?? 0) + 1);
    }
    const worst = longestOverLimit(runs);
    let grantWritesNeeded = 0;
    for (const [name, members] of membersBefore) {
      const after = new Set(app.site.groupMembers(name));
      for (const id of after) if (!members.has(id)) grantWritesNeeded++;
      for (const id of members) if (!after.has(id)) grantWritesNeeded++;
    }
    return {
      users: progress?.total ?? 0,
      rules: options.rules,
      emulatedSeconds: round(((progress?.finishedAt ?? app.clock.now()) - startedAt) / 1000),
      wallSeconds: round((performance.now() - started) / 1000),
      callsPerUser: round(calls / Math.max(1, progress?.total ?? 1)),
      ...callMix(made, progress?.total ?? 0, grantWritesNeeded),
      emulatedHours: round(((progress?.finishedAt ?? app.clock.now()) - startedAt) / 3_600_000, 3),
      grantWritesPerMinute: tally(
        made.filter((r) => isGrantWrite(r)).map((r) => r.at),
        startedAt,
        60_000,
      ),
      rateLimited429s: made.filter((r) => r.status === 429).length,
      storageWritesPerUser: round(app.platform.kvsQuota.usage.writes / Math.max(1, progress?.total ?? 1)),
      storageReadsPerUser: round(app.platform.kvsQuota.usage.reads / Math.max(1, progress?.total ?? 1)),
      storageRefusals: app.platform.kvsQuota.usage.refused,
      invocations: runs.length,
      peakHeapMb: round(peakHeap / 1024 / 1024, 1),
      longestInvocationOverLimit: round(worst.ratio, 3),
      longestInvocation: `${worst.moduleKey} ${round(worst.elapsedMs / 1000, 1)} s of ${worst.limitMs / 1000} s`,
      ...chainFigures(app),
      callsPerUserByRoute: Object.fromEntries(
        [...byRoute]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([label, n]) => [label, round(n / Math.max(1, progress?.total ?? 1), 3)]),
      ),
    };
  } finally {
    clearInterval(sampler);
    await app.close();
  }
}
