// Background jobs the admin starts and watches: the impact preview and the backfill.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';
import type { JobProgress, OutdatedReason } from '../jobs';
import { returns, type ContractSection } from './endpoint';
import { cursor, empty, opaqueId } from './fields';

export const jobsStartSchema = empty;
export type JobsStartPayload = z.infer<typeof jobsStartSchema>;
export const jobsGetSchema = z.strictObject({ jobId: opaqueId });
export type JobsGetPayload = z.infer<typeof jobsGetSchema>;
export const jobsCancelSchema = z.strictObject({ jobId: opaqueId });
export type JobsCancelPayload = z.infer<typeof jobsCancelSchema>;
export const jobsListSchema = z.strictObject({ limit: z.number().int().min(1).max(50).optional() });
export type JobsListPayload = z.infer<typeof jobsListSchema>;
export interface JobsListView {
  /** Newest first. */
  jobs: JobProgress[];
}

/** One grant change of a preview whose affected users the page lists, a page at a time. */
export const jobsAffectedSchema = z.strictObject({
  jobId: opaqueId,
  grantKey: z.string().regex(/^[\x21-\x7e]{1,300}$/, fieldMessage('fields.notGrantKey')),
  change: z.enum(['gain', 'loss']),
  cursor: cursor.optional(),
});
export type JobsAffectedPayload = z.infer<typeof jobsAffectedSchema>;
export interface AffectedUser {
  accountId: string;
  /** The account id again when Jira no longer knows the user. */
  displayName: string;
}
export interface JobsAffectedView {
  grantKey: string;
  grantName: string;
  change: 'gain' | 'loss';
  /** The preview's count for this grant change: every page together lists exactly this many users. */
  count: number;
  users: AffectedUser[];
  /** The same users as CSV rows (`Display name,Account id`; the header on the first page only), formula-safe. */
  csv: string;
  nextCursor?: string;
  /** Why the preview no longer describes the present; empty when it still does. */
  outdated: OutdatedReason[];
}

export const JOBS_CONTRACT = {
  'jobs.startPreview': { payload: jobsStartSchema, response: returns<JobProgress>() },
  'jobs.startBackfill': { payload: jobsStartSchema, response: returns<JobProgress>() },
  'jobs.get': { payload: jobsGetSchema, response: returns<JobProgress>() },
  'jobs.cancel': { payload: jobsCancelSchema, response: returns<JobProgress>() },
  'jobs.affected': { payload: jobsAffectedSchema, response: returns<JobsAffectedView>() },
  'jobs.list': { payload: jobsListSchema, response: returns<JobsListView>() },
} satisfies ContractSection;
