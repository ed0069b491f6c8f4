// How long a preview's full lists of affected users are kept: until the next preview replaces them, and 30 days
// at most (a preview is outdated after a day; a month lets an admin still export one they quoted in a change).
import { deleteAffected } from '../../storage/affected-users-repository';
import { recentJobs } from '../../storage/jobs-repository';

export const AFFECTED_LIST_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Drops the lists of every preview but `keep` when one is given (a new preview replaces the old), else of those
 * finished more than 30 days before `now`. Returns how many stored keys were removed.
 */
export async function dropAffectedLists(now: number, keep?: string): Promise<number> {
  const jobs = await recentJobs(Number.MAX_SAFE_INTEGER);
  let removed = 0;
  for (const job of jobs) {
    if (job.kind !== 'preview' || job.id === keep) continue;
    const expired = (job.finishedAt ?? job.startedAt) < now - AFFECTED_LIST_RETENTION_MS;
    if (keep !== undefined || expired) removed += await deleteAffected(job.id);
  }
  return removed;
}
