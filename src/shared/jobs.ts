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
}
