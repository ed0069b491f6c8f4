// Continuations: the next message of a long run, parked here when its chain of async events is spent, until the
// relay trigger pushes it as the first message of a new chain. One key per continuation, written once.
import { kvs, WhereConditions } from '@forge/kvs';
import { isStorageConflict } from './storage-errors';
import { KEY } from './keys';

export interface Continuation {
  /** Unique per continued step (a run's step name), so two deliveries of one step park it once. */
  readonly id: string;
  /** A queue declared in manifest.yml. */
  readonly queue: string;
  readonly body: Record<string, unknown>;
  /** Not before (epoch ms): the run's own pacing delay still applies. */
  readonly dueAt: number;
  readonly parkedAt: number;
  /** Why the run continues in a new chain, for logs. */
  readonly reason: string;
}

/** Parks a continuation; false when the same step was parked already (a duplicate delivery got there first). */
export async function parkContinuation(continuation: Continuation): Promise<boolean> {
  try {
    await kvs.set(KEY.continuation(continuation.id), continuation, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (e) {
    if (isStorageConflict(e)) return false;
    throw e;
  }
}

/** Parked continuations, oldest key first, at most `limit`. */
export async function listContinuations(limit: number): Promise<Continuation[]> {
  const out: Continuation[] = [];
  let cursor: string | undefined;
  while (out.length < limit) {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(KEY.continuationPrefix))
      .limit(Math.min(100, limit - out.length));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    out.push(...page.results.map((r) => r.value as Continuation));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export async function deleteContinuation(id: string): Promise<void> {
  await kvs.delete(KEY.continuation(id));
}
