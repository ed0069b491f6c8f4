// The Audit tab: the filtered log, page by page, and its CSV export.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome, type AuditPage } from '../audit';
import { returns, type ContractSection } from './endpoint';
import { accountId, cursor, epochMs, opaqueId, ruleId } from './fields';

const auditFilters = {
  from: epochMs.optional(),
  to: epochMs.optional(),
  accountId: accountId.optional(),
  ruleId: ruleId.optional(),
  runId: opaqueId.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
};
const fromBeforeTo = (p: { from?: number | undefined; to?: number | undefined }) =>
  p.from === undefined || p.to === undefined || p.from <= p.to;

export interface AuditFilters {
  from?: number;
  to?: number;
  accountId?: string;
  ruleId?: string;
  runId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
}

export interface AuditQueryPayload extends AuditFilters {
  cursor?: string;
  limit?: number;
}
export const auditQuerySchema: z.ZodType<AuditQueryPayload, unknown> = z
  .strictObject({
    ...auditFilters,
    cursor: cursor.optional(),
    limit: z.number().int().min(1).max(100).optional(),
  })
  .refine(fromBeforeTo, { message: fieldMessage('fields.startAfterEnd'), path: ['from'] });
export type AuditQueryView = AuditPage;

export interface AuditExportCsvPayload extends AuditFilters {
  /** The cursor of the previous chunk; omit for the first chunk (which starts with the header row). */
  cursor?: string;
}
export const auditExportCsvSchema: z.ZodType<AuditExportCsvPayload, unknown> = z
  .strictObject({ ...auditFilters, cursor: cursor.optional() })
  .refine(fromBeforeTo, { message: fieldMessage('fields.startAfterEnd'), path: ['from'] });
export interface CsvChunkView {
  /** RFC 4180 lines ending in CRLF; cells that a spreadsheet would run as a formula start with an apostrophe. */
  csv: string;
  rows: number;
  /** Present while more rows remain: call again with it and append. */
  cursor?: string;
}

/** The export's columns, in order. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'accountId',
  'action',
  'target',
  'targetName',
  'ruleId',
  'reason',
  'outcome',
  'runId',
  'actor',
] as const;

export const AUDIT_CONTRACT = {
  'audit.query': { payload: auditQuerySchema, response: returns<AuditQueryView>() },
  /** The filtered audit log as CSV, in chunks the page joins (UI Kit has no file download). */
  'audit.exportCsv': { payload: auditExportCsvSchema, response: returns<CsvChunkView>() },
} satisfies ContractSection;
