// Messages on the jobs queue: planning a job (listing users into pages) and running one page.
import { z } from 'zod';

export const JOBS_QUEUE = 'jobs';

/** Push requests made so far in the chain of async events that delivered a message (see chain-relay). */
const chain = z.number().int().min(0).max(1_000).optional();

export const jobsWorkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('backfill-plan'), jobId: z.string().min(1).max(80), chain }),
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
    chain,
  }),
  z.object({
    kind: z.literal('daily-scan'),
    runId: z.string().min(1).max(80),
    startAt: z.number().int().min(0),
    chain,
  }),
]);

export type JobsWork = z.infer<typeof jobsWorkSchema>;
