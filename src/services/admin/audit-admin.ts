// The Audit tab: filtered, paginated queries, and the filtered set as CSV in chunks the page joins.
import type { AuditQuery } from '../../shared/audit';
import {
  AUDIT_CSV_COLUMNS,
  type AuditExportCsvPayload,
  type AuditFilters,
  type AuditQueryPayload,
  type AuditQueryView,
  type CsvChunkView,
  type Reply,
} from '../../shared/contract';
import { queryAudit } from '../../storage/audit-repository';
import type { AdminContext } from './admin-context';
import { csvLine } from './csv';
import { ok } from './reply';

/** Rows per chunk: a few storage pages, far inside the resolver's time limit, and a few hundred KB at most. */
export const CSV_CHUNK_ROWS = 500;
const PAGE = 100;
/** Stop filling a chunk when this little invocation time is left. */
const TIME_RESERVE_MS = 8_000;

function toQuery(filters: AuditFilters): AuditQuery {
  const query: AuditQuery = {};
  for (const key of ['from', 'to', 'accountId', 'ruleId', 'runId', 'action', 'outcome'] as const)
    if (filters[key] !== undefined) Object.assign(query, { [key]: filters[key] });
  return query;
}

export async function queryAuditView(payload: AuditQueryPayload): Promise<Reply<AuditQueryView>> {
  return ok(
    await queryAudit({
      ...toQuery(payload),
      limit: payload.limit ?? 50,
      ...(payload.cursor ? { cursor: payload.cursor } : {}),
    }),
  );
}

export async function exportAuditCsv(
  ctx: AdminContext,
  payload: AuditExportCsvPayload,
): Promise<Reply<CsvChunkView>> {
  const query = toQuery(payload);
  let csv = payload.cursor ? '' : csvLine(AUDIT_CSV_COLUMNS);
  let rows = 0;
  let cursor = payload.cursor;
  do {
    const page = await queryAudit({ ...query, limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const entry of page.entries) {
      csv += csvLine(
        AUDIT_CSV_COLUMNS.map((column) =>
          column === 'at' ? new Date(entry.at).toISOString() : entry[column],
        ),
      );
      rows++;
    }
    cursor = page.cursor;
  } while (cursor && rows + PAGE <= CSV_CHUNK_ROWS && ctx.deps.remainingMs() > TIME_RESERVE_MS);
  return ok({ csv, rows, ...(cursor ? { cursor } : {}) });
}
