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

/**
 * A finished job's figures in one sentence whose parts add up to the whole: `60 users: 56 done, 0 failed,
 * 4 skipped (app and deactivated accounts, which rules never apply to)`. Users not reached (a cancelled job) are
 * counted as such, so the parts still add up.
 */
export function jobTotalsText(totals: {
  total: number;
  done: number;
  failed: number;
  skipped: number;
}): string {
  const { total, done, failed, skipped } = totals;
  const notReached = Math.max(0, total - done - failed - skipped);
  const users = `${total.toLocaleString('en-US')} ${total === 1 ? 'user' : 'users'}`;
  const parts = [
    `${done.toLocaleString('en-US')} done`,
    `${failed.toLocaleString('en-US')} failed`,
    `${skipped.toLocaleString('en-US')} skipped (app and deactivated accounts, which rules never apply to)`,
    ...(notReached > 0 ? [`${notReached.toLocaleString('en-US')} not reached`] : []),
  ];
  return `${users}: ${parts.join(', ')}`;
}
