// Jira's audit log: append-only, read newest first, filtered the way /rest/api/3/auditing/record filters.
import type { AuditRecord } from './types';

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'created'>;

export interface AuditQuery {
  from?: number;
  to?: number;
  /** Space-separated terms; each must match at least one searchable field. */
  filter?: string;
}

function searchable(record: AuditRecord): string[] {
  const values: Array<string | undefined> = [
    record.summary,
    record.category,
    record.eventSource,
    record.objectItem.name,
    record.objectItem.id,
    record.objectItem.parentName,
    record.objectItem.typeName,
    record.remoteAddress,
  ];
  for (const change of record.changedValues) values.push(change.changedFrom, change.changedTo);
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0).map((v) => v.toLowerCase());
}

export class AuditLog {
  private readonly records: AuditRecord[] = [];
  private nextId = 10000;

  append(record: NewAuditRecord, created: number): AuditRecord {
    const full: AuditRecord = { ...record, id: this.nextId++, created };
    this.records.push(full);
    return full;
  }

  /** Newest first. */
  query(query: AuditQuery): AuditRecord[] {
    const terms = (query.filter ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => t.length > 0);
    const out: AuditRecord[] = [];
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i] as AuditRecord;
      if (query.from !== undefined && record.created < query.from) continue;
      if (query.to !== undefined && record.created > query.to) continue;
      if (terms.length > 0) {
        const fields = searchable(record);
        if (!terms.every((term) => fields.some((field) => field.includes(term)))) continue;
      }
      out.push(record);
    }
    return out;
  }

  all(): readonly AuditRecord[] {
    return this.records;
  }

  clear(): void {
    this.records.length = 0;
  }
}
