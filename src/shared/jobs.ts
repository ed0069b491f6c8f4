// Background jobs the admin starts and watches (backfill, impact preview): status and progress as the page shows them.

export type JobKind = 'backfill' | 'preview';
export type JobStatus = 'planning' | 'running' | 'done' | 'cancelled' | 'failed';

/** How many users would gain or lose one grant, with a few examples. */
export interface GrantImpact {
  grantKey: string;
  name: string;
  count: number;
  sampleAccountIds: string[];
}

export type { OutdatedReason } from '../domain/computed-inputs';
import type { OutdatedReason } from '../domain/computed-inputs';

export interface JobProgress {
  id: string;
  kind: JobKind;
  /** A preview computes plans for everyone and changes nothing. */
  dryRun: boolean;
  status: JobStatus;
  startedAt: number;
  startedBy: string;
  finishedAt: number | null;
  /** Users found so far (final once planning is done). */
  total: number;
  done: number;
  failed: number;
  skipped: number;
  planningDone: boolean;
  message: string;
  gains: GrantImpact[];
  losses: GrantImpact[];
  /** The rule set's version when the job started (null for jobs started before versions were kept). */
  rulesVersion: string | null;
  /** Why a finished job's results no longer describe the present (rules changed, over a day old); else empty. */
  outdated: OutdatedReason[];
}
