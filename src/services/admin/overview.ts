// The Overview tab: health of each moving part, what is queued or failed, and charts of seats reclaimed, users
// provisioned and inactivity, built from the audit log and the latest inactivity run.
import { LICENCE_HEALTH } from '../licence-gate';
import { INACTIVITY_BUCKETS } from '../../domain/inactivity';
import type { AuditAction, AuditEntry } from '../../shared/audit';
import type { JobProgress } from '../../shared/jobs';
import {
  deriveHealth,
  NO_RECORD,
  type HealthFacts,
  type InactivityFacts,
  type PartRecord,
} from '../../domain/health';
import type { ChartRow, OverviewNote, OverviewView, Reply } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';
import { queryAudit } from '../../storage/audit-repository';
import { allHealth, type ComponentHealthRecord } from '../../storage/health-repository';
import { loadInactivityPolicy } from '../../storage/inactivity-policy-repository';
import { SNAPSHOT_HEALTH } from '../privilege/refresh-snapshot';
import { REFUSALS_HEALTH } from '../provisioning/grant-guard';
import { recentJobs } from '../../storage/jobs-repository';
import { listParked } from '../../storage/rate-governor-repository';
import { secretStatus } from '../../storage/secrets-repository';
import { loadSettings } from '../../storage/settings-repository';
import { usersWithStatus } from '../../storage/user-state-repository';
import { GRANT_HISTORY_HEALTH, listInactivityRuns, type InactivityRun } from '../inactivity';
import { jobProgress } from '../jobs/backfill';
import type { AdminContext } from './admin-context';
import { ok } from './reply';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Audit entries read per chart series: enough for a busy site's quarter, and well inside the time limit. */
export const MAX_AUDIT_ENTRIES = 2_000;
const PARKED_COUNT_CAP = 1_000;
const TIME_RESERVE_MS = 10_000;

/** Monday 00:00 UTC of the week holding `at`, as YYYY-MM-DD. */
export function weekOf(at: number): string {
  const day = Math.floor(at / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  const monday = day - ((day + 3) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

function weeksBack(now: number, weeks: number): string[] {
  return Array.from({ length: weeks }, (_, i) => weekOf(now - (weeks - 1 - i) * WEEK_MS));
}

async function auditEntries(
  ctx: AdminContext,
  action: AuditAction,
  from: number,
  notes: OverviewNote[],
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryAudit({
      action,
      outcome: 'success',
      from,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    entries.push(...page.entries);
    cursor = page.cursor;
  } while (cursor && entries.length < MAX_AUDIT_ENTRIES && ctx.deps.remainingMs() > TIME_RESERVE_MS);
  if (cursor) notes.push({ kind: 'audit-capped', action, counted: entries.length });
  return entries;
}

function recordOf(stored: ComponentHealthRecord | undefined): PartRecord {
  return stored ? { lastOk: stored.lastOk, lastFailure: stored.lastFailure } : NO_RECORD;
}

function missingOf(checks: ReadonlyArray<[boolean, TextKey]>): TextKey[] {
  return checks.filter(([present]) => !present).map(([, what]) => what);
}

/** The latest live run, the last one completed and the last that failed or stopped: the clean-up's facts. */
function inactivityFacts(
  policy: Awaited<ReturnType<typeof loadInactivityPolicy>>,
  runs: readonly InactivityRun[],
): InactivityFacts {
  const live = runs.filter((r) => r.mode === 'live' && r.trigger === 'schedule');
  const latest = live[0];
  const completed = live.find((r) => r.status === 'completed');
  const failed = live.find((r) => r.status === 'failed' || r.status === 'stopped');
  const enabled =
    policy.state === 'ok' && Object.values(policy.policy.products).some((p) => p.enabled) ? 'on' : 'off';
  return {
    policy: policy.state === 'ok' ? enabled : 'none',
    policySavedAt: policy.state === 'ok' ? policy.updatedAt : null,
    latestRun: latest
      ? {
          status: latest.status,
          startedAt: latest.startedAt,
          finishedAt: latest.finishedAt,
          updatedAt: latest.updatedAt,
          stopReason: latest.stopReason,
          failedActions: latest.execution?.failed ?? 0,
          undeliveredWarnings: latest.report?.notTold ?? 0,
        }
      : null,
    lastCompletedAt: completed ? (completed.finishedAt ?? completed.updatedAt) : null,
    lastFailure: failed
      ? { at: failed.finishedAt ?? failed.updatedAt, message: failed.stopReason ?? 'The run stopped.' }
      : null,
  };
}

async function lastPush(): Promise<PartRecord> {
  const page = await queryAudit({ action: 'attributes-pushed', outcome: 'success', limit: 1 });
  const entry = page.entries[0];
  return entry
    ? { lastOk: { at: entry.at, message: 'The identity provider pushed attributes.' }, lastFailure: null }
    : NO_RECORD;
}

async function healthFacts(
  now: number,
  loaded: Awaited<ReturnType<typeof loadSettings>>,
  stored: Map<string, ComponentHealthRecord>,
  policy: Awaited<ReturnType<typeof loadInactivityPolicy>>,
  runs: readonly InactivityRun[],
  failedUsers: number,
): Promise<HealthFacts> {
  const { settings, problem } = loaded;
  const [orgKey, scimKey, pushSecret, pushed] = await Promise.all([
    secretStatus('org-api-key'),
    secretStatus('scim-directory-key'),
    secretStatus('webtrigger-secret'),
    settings.sources.pushed ? lastPush() : Promise.resolve(NO_RECORD),
  ]);
  const orgId = settings.org.orgId !== null;
  const directoryId = settings.org.directoryId !== null;
  const adminApi: Array<[boolean, TextKey]> = [
    [orgId, 'health.missing.orgId'],
    [directoryId, 'health.missing.directoryId'],
    [orgKey.isSet, 'health.missing.orgApiKey'],
  ];
  return {
    now,
    settingsProblem: problem ?? null,
    writePath: {
      mode: settings.groupWritePath.mode,
      missing: settings.groupWritePath.mode === 'org-admin-api' ? missingOf(adminApi) : [],
      record: recordOf(stored.get('write-path')),
    },
    email: { enabled: settings.sources.email },
    scim: {
      enabled: settings.sources.scim.enabled,
      missing: missingOf([
        [directoryId, 'health.missing.directoryId'],
        [scimKey.isSet, 'health.missing.scimKey'],
      ]),
      record: recordOf(stored.get('source:scim')),
    },
    orgDirectory: {
      enabled: settings.sources.orgDirectory.enabled,
      missing: missingOf(adminApi),
      record: recordOf(stored.get('source:org-directory')),
    },
    pushed: {
      enabled: settings.sources.pushed,
      missing: missingOf([[pushSecret.isSet, 'health.missing.pushSecret']]),
      record: pushed,
    },
    provisioning: { enabled: settings.provisioning.enabled, failedUsers },
    licence: stored.has(LICENCE_HEALTH) ? recordOf(stored.get(LICENCE_HEALTH)) : null,
    backstop: recordOf(stored.get('backstop')),
    dailyPass: recordOf(stored.get('daily-pass')),
    privileged: {
      snapshot: recordOf(stored.get(SNAPSHOT_HEALTH)),
      refusals: recordOf(stored.get(REFUSALS_HEALTH)),
    },
    grantHistory: stored.has(GRANT_HISTORY_HEALTH) ? recordOf(stored.get(GRANT_HISTORY_HEALTH)) : null,
    inactivity: inactivityFacts(policy, runs),
  };
}

function seatsCharts(removals: AuditEntry[], suspensions: AuditEntry[], weeks: string[]) {
  const productName = (e: AuditEntry) => e.targetName.replace(/ \(groups .*\)$/, '') || e.target;
  const byProduct = new Map<string, number>();
  const byWeek = new Map<string, number>();
  const count = (name: string, at: number) => {
    byProduct.set(name, (byProduct.get(name) ?? 0) + 1);
    const key = `${weekOf(at)}\u0000${name}`;
    byWeek.set(key, (byWeek.get(key) ?? 0) + 1);
  };
  for (const e of removals) count(productName(e), e.at);
  for (const e of suspensions) count('Suspended accounts (all products)', e.at);
  const names = [...byProduct.keys()].sort();
  const seatsReclaimedByProduct: ChartRow[] = names.map((name) => ({ x: name, y: byProduct.get(name) ?? 0 }));
  const seatsReclaimedOverTime: ChartRow[] = weeks.flatMap((week) =>
    names.map((name) => ({ x: week, y: byWeek.get(`${week}\u0000${name}`) ?? 0, colour: name })),
  );
  return { seatsReclaimedByProduct, seatsReclaimedOverTime };
}

/** Users given access by a rule, per week: the write-path test's own membership (no rule) is not provisioning. */
function provisionedChart(grants: AuditEntry[], weeks: string[]): ChartRow[] {
  const users = new Map<string, Set<string>>();
  for (const e of grants) {
    if (!e.ruleId) continue;
    const week = weekOf(e.at);
    if (!users.has(week)) users.set(week, new Set());
    users.get(week)!.add(e.accountId);
  }
  return weeks.map((week) => ({ x: week, y: users.get(week)?.size ?? 0 }));
}

export async function getOverview(ctx: AdminContext, weeksWanted = 12): Promise<Reply<OverviewView>> {
  const now = ctx.deps.now();
  const weeks = weeksBack(now, weeksWanted);
  const from = Date.parse(`${weeks[0]}T00:00:00Z`);
  const notes: OverviewNote[] = [];
  const [loaded, healthList, runs, parked, failed, jobs, policy] = await Promise.all([
    loadSettings(),
    allHealth(),
    listInactivityRuns({ limit: 30 }),
    listParked(PARKED_COUNT_CAP),
    usersWithStatus('failed', { limit: 100 }),
    recentJobs(10),
    loadInactivityPolicy(),
  ]);
  const stored = new Map(healthList.map((h) => [h.component, h]));
  const summary = deriveHealth(await healthFacts(now, loaded, stored, policy, runs, failed.states.length));
  const backstop = stored.get('backstop');
  const lastRun = runs[0];

  const active = jobs.filter((j) => j.status === 'planning' || j.status === 'running');
  const activeJobs = (await Promise.all(active.map((j) => jobProgress(j.id)))).filter(
    (p): p is JobProgress => p !== undefined,
  );
  if (failed.cursor) notes.push({ kind: 'failed-list-capped', shown: failed.states.length });
  if (parked.length >= PARKED_COUNT_CAP) notes.push({ kind: 'parked-at-least', count: PARKED_COUNT_CAP });

  const [removals, suspensions, groupAdds, roleAdds] = [
    await auditEntries(ctx, 'licence-removed', from, notes),
    await auditEntries(ctx, 'account-suspended', from, notes),
    await auditEntries(ctx, 'group-added', from, notes),
    await auditEntries(ctx, 'role-added', from, notes),
  ];
  const histogramRun = runs.find((r) => r.report !== null && r.status === 'completed');
  const inactiveHistogram: ChartRow[] = histogramRun?.report
    ? histogramRun.report.products.flatMap((p) =>
        INACTIVITY_BUCKETS.map((bucket) => ({ x: bucket, y: p.histogram[bucket], colour: p.displayName })),
      )
    : [];
  return ok({
    generatedAt: now,
    headline: summary.headline,
    health: summary.parts,
    attention: summary.attention,
    lastBackstopAt: backstop?.lastOk?.at ?? null,
    lastSweep: lastRun
      ? {
          runId: lastRun.id,
          mode: lastRun.mode,
          status: lastRun.status,
          startedAt: lastRun.startedAt,
          finishedAt: lastRun.finishedAt,
          stopReason: lastRun.stopReason,
        }
      : null,
    queue: {
      parkedUsers: parked.length,
      failedUsers: failed.states.length,
      failed: failed.states
        .slice(0, 10)
        .map((s) => ({ accountId: s.accountId, message: s.message, at: s.updatedAt })),
      activeJobs,
    },
    ...seatsCharts(removals, suspensions, weeks),
    usersProvisionedPerWeek: provisionedChart([...groupAdds, ...roleAdds], weeks),
    inactiveHistogram,
    histogramRunId: histogramRun?.id ?? null,
    notes,
  });
}
