// The append-only audit log (custom entity `audit-entry`): idempotent appends, indexed queries, retention.
import { kvs, Filter, FilterConditions, Sort, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { deleteAll } from './bulk-storage';
import { withClientCursor } from './client-cursor';
import type { AuditEntry, AuditPage, AuditQuery } from '../shared/audit';
import { ENTITY, INDEX } from './keys';
import type { StorageOp } from './transaction-ops';

type StoredAudit = Omit<AuditEntry, 'id'>;

const MAX_PAGE = 100;

function isAlreadyExists(e: unknown): boolean {
  return (e as ForgeKvsAPIError | undefined)?.code === 'KEY_ALREADY_EXISTS';
}

/**
 * Appends an entry. The id must be deterministic for the fact it records (same event, same change → same id),
 * so a retried or duplicated run finds the entry already there and adds nothing.
 */
export async function appendAudit(entry: AuditEntry): Promise<'added' | 'already-recorded'> {
  const { id, ...value } = entry;
  try {
    await kvs.entity<StoredAudit>(ENTITY.audit).set(id, value, { keyPolicy: 'FAIL_IF_EXISTS' });
    return 'added';
  } catch (e) {
    if (isAlreadyExists(e)) return 'already-recorded';
    throw e;
  }
}

function pickIndex(query: AuditQuery): { name: string; partition?: string[] } {
  if (query.accountId) return { name: INDEX.auditByAccount, partition: [query.accountId] };
  if (query.ruleId) return { name: INDEX.auditByRule, partition: [query.ruleId] };
  if (query.runId) return { name: INDEX.auditByRun, partition: [query.runId] };
  if (query.action) return { name: INDEX.auditByAction, partition: [query.action] };
  return { name: INDEX.auditByTime };
}

/** Newest first. Criteria not served by the chosen index are applied as filters. */
export async function queryAudit(query: AuditQuery): Promise<AuditPage> {
  const index = pickIndex(query);
  const builder = kvs
    .entity<StoredAudit>(ENTITY.audit)
    .query()
    .index(index.name, index.partition ? { partition: index.partition } : undefined)
    .where(WhereConditions.between(query.from ?? 0, query.to ?? Number.MAX_SAFE_INTEGER))
    .sort(Sort.DESC)
    .limit(Math.min(query.limit ?? 50, MAX_PAGE));
  const filters: Array<[keyof StoredAudit, string]> = [];
  if (query.ruleId && index.name !== INDEX.auditByRule) filters.push(['ruleId', query.ruleId]);
  if (query.runId && index.name !== INDEX.auditByRun) filters.push(['runId', query.runId]);
  if (query.action && index.name !== INDEX.auditByAction) filters.push(['action', query.action]);
  if (query.outcome) filters.push(['outcome', query.outcome]);
  let filtered = builder;
  if (filters.length) {
    let filter = new Filter<StoredAudit>().and(filters[0]![0], FilterConditions.equalTo(filters[0]![1]));
    for (const [field, value] of filters.slice(1))
      filter = filter.and(field, FilterConditions.equalTo(value));
    filtered = builder.filters(filter);
  }
  const page = await withClientCursor(query.cursor, () =>
    (query.cursor ? filtered.cursor(query.cursor) : filtered).getMany(),
  );
  return {
    entries: page.results.map((r) => ({ id: r.key, ...r.value })),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/** Deletes entries older than the cutoff, at most `max` per call; returns how many it deleted. */
export async function pruneAudit(olderThan: number, max = 500): Promise<number> {
  let deleted = 0;
  while (deleted < max) {
    const page = await kvs
      .entity<StoredAudit>(ENTITY.audit)
      .query()
      .index(INDEX.auditByTime)
      .where(WhereConditions.lessThan(olderThan))
      .limit(Math.min(25, max - deleted))
      .getMany();
    if (page.results.length === 0) break;
    await deleteAll(page.results.map((r) => ({ key: r.key, entityName: ENTITY.audit })));
    deleted += page.results.length;
  }
  return deleted;
}

/** A transaction step appending an entry (with other writes it belongs with, all or nothing). */
export function auditEntryOp(entry: AuditEntry): StorageOp {
  const { id, ...value } = entry;
  return (tx) => tx.set(id, value, { entityName: ENTITY.audit });
}
