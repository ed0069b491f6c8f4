// The provisioning queue's message: which accounts to (re)evaluate, why, and how many times it was retried.
import { z } from 'zod';

export const PROVISION_QUEUE = 'provision';

export const PROVISION_SOURCES = [
  'event',
  'backstop',
  'daily',
  'push',
  'backfill',
  'manual',
  'review',
] as const;

export const provisionWorkSchema = z.object({
  accountIds: z.array(z.string().min(1).max(128)).min(1).max(100),
  source: z.enum(PROVISION_SOURCES),
  /** Stable id of what caused this work (event, scan, job), used in audit ids. */
  runId: z.string().min(1).max(128),
  /** Times this work was put back because of rate limits or outages. */
  attempt: z.number().int().min(0).default(0),
  /** Backfill job this page belongs to, for progress counts. */
  jobId: z.string().optional(),
  /** Sent by the rate governor's releaser: it may run while others are still parked (it is their turn). */
  released: z.boolean().default(false),
  /**
   * Paced messages: the time (epoch ms) by which the message must start calling Atlassian. A wave the queue
   * delivered late (held back, or redelivered after a refusal) would crowd the waves of its new second, so its
   * users go back to the governor, which paces them again.
   */
  startBy: z.number().int().positive().optional(),
});

export type ProvisionWork = z.infer<typeof provisionWorkSchema>;
