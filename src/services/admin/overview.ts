// The Overview tab: health of each moving part, what is queued or failed, and charts of seats reclaimed, users
// provisioned and inactivity, built from the audit log and the latest inactivity run.
import { LICENCE_HEALTH } from '../licence-gate';
import { INACTIVITY_BUCKETS } from '../../domain/inactivity';
import type { AuditAction, AuditEntry } from '../../shared/audit';
import type { JobProgress } from '../../shared/jobs';
import type { ChartRow, HealthItem, OverviewView, Reply } from '../../shared/contract';
import type { AppSettings } from '../../shared/settings';
import { queryAudit } from '../../storage/audit-repository';
import { allHealth, type ComponentHealth } from '../../storage/health-repository';
import { SNAPSHOT_HEALTH } from '../privilege/refresh-snapshot';
import { REFUSALS_HEALTH } from '../provisioning/grant-guard';
import { recentJobs } from '../../storage/jobs-repository';
import { listParked } from '../../storage/rate-governor-repository';
import { secretStatus } from '../../storage/secrets-repository';
import { loadSettings } from '../../storage/settings-repository';
import { usersWithStatus } from '../../storage/user-state-repository';
import { GRANT_HISTORY_HEALTH, listInactivityRuns } from '../inactivity';
import { jobProgress } from '../jobs/backfill';
import type { AdminContext } from './admin-context';
import { ok } from './reply';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Audit entries read per chart series: enough for a busy site's quarter, and well inside the time limit. */
export const MAX_AUDIT_ENTRIES = 2_000;
/** The backstop runs every five minutes; this long without a run means the schedule is not firing. */
const BACKSTOP_STALE_MS = 30 * 60_000;
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
  notes: string[],
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
  if (cursor)
    notes.push(
      `Only the latest ${entries.length.toLocaleString('en-US')} "${action}" audit entries are counted; older weeks may be undercounted.`,
    );
  return entries;
}

/**
 * Privileged targets: a refused grant is the problem to see first (until the rules or allow-list change), then a
 * snapshot the backstop could not refresh.
 */
function privilegedHealth(stored: Map<string, ComponentHealth>): HealthItem {
  const refusals = stored.get(REFUSALS_HEALTH);
  const snapshot = stored.get(SNAPSHOT_HEALTH);
  const shown = refusals && !refusals.ok ? refusals : (snapshot ?? refusals);
  return healthItem(
    'privileged-targets',
    'Privileged targets',
    shown,
    'Not read yet: the backstop reads which groups and project roles are privileged every 15 minutes.',
  );
}

function healthItem(
  id: string,
  label: string,
  stored: ComponentHealth | undefined,
  fallback: string,
): HealthItem {
  if (!stored) return { id, label, status: 'unknown', message: fallback, at: null };
  return { id, label, status: stored.ok ? 'ok' : 'problem', message: stored.message, at: stored.at };
}

async function sourceHealth(
  settings: AppSettings,
  stored: Map<string, ComponentHealth>,
): Promise<HealthItem[]> {
  const [orgKey, scimKey] = await Promise.all([
    secretStatus('org-api-key'),
    secretStatus('scim-directory-key'),
  ]);
  const items: HealthItem[] = [
    settings.sources.email
      ? {
          id: 'source:email',
          label: 'Email (Jira)',
          status: 'ok',
          message: "Read from Jira with the app's own permission.",
          at: null,
        }
      : {
          id: 'source:email',
          label: 'Email (Jira)',
          status: 'off',
          message: 'Switched off in Settings.',
          at: null,
        },
  ];
  const scim = settings.sources.scim;
  if (!scim.enabled)
    items.push({
      id: 'source:scim',
      label: 'SCIM directory',
      status: 'off',
      message: 'Switched off in Settings.',
      at: null,
    });
  else if (!scim.directoryId || !scimKey.isSet)
    items.push({
      id: 'source:scim',
      label: 'SCIM directory',
      status: 'problem',
      message:
        'On, but the directory id or its API key is missing: users cannot be provisioned until it is set in Settings.',
      at: null,
    });
  else
    items.push(
      healthItem(
        'source:scim',
        'SCIM directory',
        stored.get('source:scim'),
        'Not tested yet: use Test connection in Settings.',
      ),
    );
  if (!settings.sources.orgDirectory.enabled)
    items.push({
      id: 'source:org-directory',
      label: 'Organization directory',
      status: 'off',
      message: 'Switched off in Settings.',
      at: null,
    });
  else if (!settings.org.orgId || !settings.org.directoryId || !orgKey.isSet)
    items.push({
      id: 'source:org-directory',
      label: 'Organization directory',
      status: 'problem',
      message: 'On, but the organization id, directory id or org API key is missing in Settings.',
      at: null,
    });
  else
    items.push(
      healthItem(
        'source:org-directory',
        'Organization directory',
        stored.get('source:org-directory'),
        'Not tested yet: use Test connection in Settings.',
      ),
    );
  items.push(
    settings.sources.pushed
      ? {
          id: 'source:pushed',
          label: 'IdP push (web trigger)',
          status: 'ok',
          message: 'Accepting signed pushes.',
          at: null,
        }
      : {
          id: 'source:pushed',
          label: 'IdP push (web trigger)',
          status: 'off',
          message: 'Switched off in Settings.',
          at: null,
        },
  );
  return items;
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

function provisionedChart(grants: AuditEntry[], weeks: string[]): ChartRow[] {
  const users = new Map<string, Set<string>>();
  for (const e of grants) {
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
  const notes: string[] = [];
  const [{ settings, problem }, healthList, runs, parked, failed, jobs] = await Promise.all([
    loadSettings(),
    allHealth(),
    listInactivityRuns({ limit: 30 }),
    listParked(PARKED_COUNT_CAP),
    usersWithStatus('failed', { limit: 100 }),
    recentJobs(10),
  ]);
  const stored = new Map(healthList.map((h) => [h.component, h]));

  const health: HealthItem[] = [];
  // Shown once the app was paused for its licence (and, after that, resumed).
  const licence = stored.get(LICENCE_HEALTH);
  if (licence) health.push(healthItem(LICENCE_HEALTH, 'Licence', licence, ''));
  if (problem)
    health.push({ id: 'settings', label: 'Settings', status: 'problem', message: problem, at: null });
  health.push(...(await sourceHealth(settings, stored)));
  health.push(
    healthItem(
      'write-path',
      'Group write path',
      stored.get('write-path'),
      'No group has been written yet: use Test connection in Settings.',
    ),
  );
  const backstop = stored.get('backstop');
  health.push(
    backstop && now - backstop.at > BACKSTOP_STALE_MS
      ? {
          id: 'backstop',
          label: 'Backstop scan',
          status: 'problem',
          message: `The five-minute backstop last ran ${Math.round((now - backstop.at) / 60_000)} minutes ago: missed sign-ups are not being caught. Check the app's scheduled triggers (reinstall if they stopped).`,
          at: backstop.at,
        }
      : healthItem(
          'backstop',
          'Backstop scan',
          backstop,
          'The backstop has not run yet; it runs every five minutes.',
        ),
  );
  health.push(
    healthItem('daily-pass', 'Daily pass', stored.get('daily-pass'), 'The daily pass has not finished yet.'),
  );
  health.push(privilegedHealth(stored));
  const lastRun = runs[0];
  health.push(
    lastRun
      ? {
          id: 'inactivity',
          label: 'Inactivity clean-up',
          status: lastRun.status === 'failed' || lastRun.status === 'stopped' ? 'problem' : 'ok',
          message: lastRun.stopReason ?? `Last run ${lastRun.id} (${lastRun.mode}) is ${lastRun.status}.`,
          at: lastRun.finishedAt ?? lastRun.updatedAt,
        }
      : {
          id: 'inactivity',
          label: 'Inactivity clean-up',
          status: 'unknown',
          message: 'No run yet.',
          at: null,
        },
  );

  // Shown once a run has read (or failed to read) the audit log for licence grant dates.
  const grantHistory = stored.get(GRANT_HISTORY_HEALTH);
  if (grantHistory)
    health.push(healthItem(GRANT_HISTORY_HEALTH, 'Licence grant dates (audit log)', grantHistory, ''));

  const active = jobs.filter((j) => j.status === 'planning' || j.status === 'running');
  const activeJobs = (await Promise.all(active.map((j) => jobProgress(j.id)))).filter(
    (p): p is JobProgress => p !== undefined,
  );
  if (failed.cursor) notes.push(`More than ${failed.states.length} users failed; the list shows the latest.`);
  if (parked.length >= PARKED_COUNT_CAP)
    notes.push(`At least ${PARKED_COUNT_CAP} users are waiting for the rate limit.`);

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
    health,
    lastBackstopAt: backstop?.at ?? null,
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
