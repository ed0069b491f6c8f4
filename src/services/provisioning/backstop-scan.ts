// The five-minute backstop: events can be missed or late, so read Jira's audit log since a watermark and queue
// every user created or changed there that the app has not handled since. Chosen over a users diff because one
// audit call per five minutes costs far less than paging every user of a large site.
import type { JiraAuditRecord } from '../../clients/jira-types';
import { getWatermark, setWatermark } from '../../storage/markers-repository';
import { getUserState } from '../../storage/user-state-repository';
import { recordHealth } from '../../storage/health-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { noticeUser } from './notice-user';

const WATERMARK = 'backstop';
/** Audit records can appear a little after the change; re-read this much of the previous window. */
const OVERLAP_MS = 10 * 60_000;
/** On first run (no watermark), look back this far. */
const FIRST_LOOKBACK_MS = 24 * 3_600_000;
const PAGE = 1000;
const USER_SUMMARIES = new Set([
  'User created',
  'User updated',
  'User activated',
  'User added to group',
  'User removed from group',
]);

export interface BackstopResult {
  scannedRecords: number;
  queued: number;
  alreadyHandled: number;
  window: { from: string; to: string };
  /** More records remain; the next run continues from the saved offset. */
  incomplete: boolean;
}

function accountIdsOf(record: JiraAuditRecord): string[] {
  const items = [record.objectItem, ...(record.associatedItems ?? [])];
  return items.filter((i) => i?.typeName === 'USER' && i.id).map((i) => i?.id as string);
}

export async function runBackstopScan(deps: RuntimeDeps): Promise<BackstopResult> {
  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const now = deps.now();
  const watermark = await getWatermark(WATERMARK);
  const windowStart = Math.max(0, (watermark?.until ?? now - FIRST_LOOKBACK_MS) - OVERLAP_MS);
  const from = new Date(windowStart).toISOString();
  // A scan that stopped early resumes the same window (same `to`), so offsets still point at the same records.
  const resume = watermark?.cursor
    ? (JSON.parse(watermark.cursor) as { offset: number; to: string })
    : undefined;
  let offset = resume?.offset ?? 0;
  const appAccountId = (await clients.jira.myself()).accountId;
  const seen = new Set<string>();
  let scanned = 0;
  let queued = 0;
  let alreadyHandled = 0;
  let incomplete = false;
  let completed = false;
  const to = resume?.to ?? new Date(now).toISOString();
  try {
    for (;;) {
      if (deps.remainingMs() < 10_000) {
        incomplete = true;
        break;
      }
      const page = await clients.jira.auditRecords({ from, to, offset, limit: PAGE, filter: 'User' });
      for (const record of page.records) {
        scanned++;
        if (!USER_SUMMARIES.has(record.summary)) continue;
        const changedAt = Date.parse(record.created);
        for (const accountId of accountIdsOf(record)) {
          if (accountId === appAccountId || seen.has(accountId)) continue;
          seen.add(accountId);
          const state = await getUserState(accountId);
          if (state && state.updatedAt >= changedAt) {
            alreadyHandled++;
            continue;
          }
          const result = await noticeUser(
            { accountId, source: 'backstop', runId: `backstop:${windowStart}` },
            deps,
            settings,
          );
          if (result === 'queued') queued++;
        }
      }
      offset += page.records.length;
      if (page.records.length === 0 || offset >= page.total) break;
    }
    completed = !incomplete;
  } finally {
    // Progress is kept when the scan stops early or fails; re-reading part of a window is harmless.
    await setWatermark(
      WATERMARK,
      completed
        ? { until: Date.parse(to), updatedAt: now }
        : {
            until: watermark?.until ?? windowStart + OVERLAP_MS,
            updatedAt: now,
            cursor: JSON.stringify({ offset, to }),
          },
    );
  }
  await recordHealth({
    component: 'backstop',
    ok: true,
    message: `Scanned ${scanned} audit records since ${from}; queued ${queued} user(s)`,
    at: now,
  });
  return { scannedRecords: scanned, queued, alreadyHandled, window: { from, to }, incomplete };
}
