// Background jobs the admin starts and watches: the impact preview and the backfill.
import { z } from 'zod';
import type { JobProgress } from '../jobs';
import { returns, type ContractSection } from './endpoint';
import { empty, opaqueId } from './fields';

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

export const JOBS_CONTRACT = {
  'jobs.startPreview': { payload: jobsStartSchema, response: returns<JobProgress>() },
  'jobs.startBackfill': { payload: jobsStartSchema, response: returns<JobProgress>() },
  'jobs.get': { payload: jobsGetSchema, response: returns<JobProgress>() },
  'jobs.cancel': { payload: jobsCancelSchema, response: returns<JobProgress>() },
  'jobs.list': { payload: jobsListSchema, response: returns<JobsListView>() },
} satisfies ContractSection;
