// Messages on the jobs queue: planning a job (listing users into pages) and running one page.
import { z } from 'zod';

export const JOBS_QUEUE = 'jobs';

export const jobsWorkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('backfill-plan'), jobId: z.string().min(1).max(80) }),
  z.object({
    kind: z.literal('backfill-page'),
    jobId: z.string().min(1).max(80),
    pageNo: z.number().int().min(0),
    accountIds: z.array(z.string().min(1).max(128)).min(1).max(50),
  }),
  z.object({
    kind: z.literal('release-parked'),
    /** While no budget is known: how many times the releaser has doubled its wave (see planWaves). */
    slowStartStep: z.number().int().min(0).max(20).optional(),
  }),
  z.object({
    kind: z.literal('daily-scan'),
    runId: z.string().min(1).max(80),
    startAt: z.number().int().min(0),
  }),
]);

export type JobsWork = z.infer<typeof jobsWorkSchema>;
