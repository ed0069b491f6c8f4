// Inactivity runs in KVS: the run record, its frozen policy, per-page checkpoints, step claims, the one-active-run
// lock and the pending-review marker.
import { kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { deleteAll } from './bulk-storage';
import type { InactivityPolicy } from '../domain/inactivity';
import { KEY } from './keys';
import type { InactivityRun, RunPage, RunProgress } from './inactivity-run-types';

const MAX_QUERY = 100;
const MAX_BATCH = 25;
const RUN_TTL = { value: 365, unit: 'DAYS' } as const;
/** Page checkpoints are deleted when a run finishes; the TTL only catches runs that never finish. */
const PAGE_TTL = { value: 60, unit: 'DAYS' } as const;
const STEP_TTL = { value: 30, unit: 'DAYS' } as const;

function isAlreadyExists(e: unknown): boolean {
  return (e as ForgeKvsAPIError | undefined)?.code === 'KEY_ALREADY_EXISTS';
}

async function setOnce(key: string, value: unknown, ttl: { value: number; unit: 'DAYS' }): Promise<boolean> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ttl });
    return true;
  } catch (e) {
    if (isAlreadyExists(e)) return false;
    throw e;
  }
}

/** Stores a new run; false if a run with this id exists already (a duplicated start). */
export function createRun(run: InactivityRun): Promise<boolean> {
  return setOnce(KEY.inactivityRun(run.id), run, RUN_TTL);
}

export async function getRun(runId: string): Promise<InactivityRun | undefined> {
  return kvs.get<InactivityRun>(KEY.inactivityRun(runId));
}

export async function putRun(run: InactivityRun): Promise<void> {
  await kvs.set(KEY.inactivityRun(run.id), run, { ttl: RUN_TTL });
}

/**
 * Reads, changes and writes a run. `change` returns null to leave the run as it is (e.g. it moved on already);
 * the result is the written run, or undefined when nothing was written.
 */
export async function updateRun(
  runId: string,
  change: (run: InactivityRun) => InactivityRun | null,
): Promise<InactivityRun | undefined> {
  const run = await getRun(runId);
  if (!run) return undefined;
  const next = change(run);
  if (!next) return undefined;
  await putRun(next);
  return next;
}

/** Every stored run, newest first (run ids start with their start time, so key order is time order). */
/** Runs kept at most for listing: a daily run for well over two years, plus dry runs. */
const MAX_LISTED_RUNS = 1000;

/**
 * Runs newest first. Keys sort oldest first, so every run is read (up to the cap) before the newest can be told:
 * stopping at `max` would list the oldest.
 */
export async function listRuns(max = MAX_LISTED_RUNS): Promise<InactivityRun[]> {
  const runs: InactivityRun[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(KEY.inactivityRunPrefix))
      .limit(MAX_QUERY);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<InactivityRun>();
    runs.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor && runs.length < MAX_LISTED_RUNS);
  return runs.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, max);
}

/** Live progress of a run; steps write it freely (last writer wins), the run record only at the end. */
export async function getRunProgress(runId: string): Promise<RunProgress | undefined> {
  return kvs.get<RunProgress>(KEY.inactivityRunProgress(runId));
}

export async function putRunProgress(runId: string, progress: RunProgress): Promise<void> {
  await kvs.set(KEY.inactivityRunProgress(runId), progress, { ttl: PAGE_TTL });
}

export async function updateRunProgress(
  runId: string,
  change: (progress: RunProgress) => RunProgress,
  fallback: RunProgress,
): Promise<RunProgress> {
  const next = change((await getRunProgress(runId)) ?? fallback);
  await putRunProgress(runId, next);
  return next;
}

export async function deleteRunProgress(runId: string): Promise<void> {
  await kvs.delete(KEY.inactivityRunProgress(runId));
}

export async function putRunPolicy(runId: string, policy: InactivityPolicy): Promise<void> {
  await kvs.set(KEY.inactivityRunPolicy(runId), policy, { ttl: RUN_TTL });
}

export async function getRunPolicy(runId: string): Promise<InactivityPolicy | undefined> {
  return kvs.get<InactivityPolicy>(KEY.inactivityRunPolicy(runId));
}

/** Rewriting a page (a redelivery) replaces it with the same outcome. */
export async function putRunPage(page: RunPage): Promise<void> {
  await kvs.set(KEY.inactivityRunPage(page.runId, page.startAt), page, { ttl: PAGE_TTL });
}

export async function getRunPage(runId: string, startAt: number): Promise<RunPage | undefined> {
  return kvs.get<RunPage>(KEY.inactivityRunPage(runId, startAt));
}

/** Every page of a run in order, passed to `visit` a query page at a time (a 100,000-user run has 2,000). */
export async function forEachRunPage(runId: string, visit: (pages: RunPage[]) => void): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  do {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(KEY.inactivityRunPagePrefix(runId)))
      .limit(MAX_QUERY);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<RunPage>();
    visit(page.results.map((r) => r.value));
    count += page.results.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/** Deletes up to `max` of a run's page checkpoints; returns how many it deleted (0 when none are left). */
export async function deleteRunPages(runId: string, max = 500): Promise<number> {
  let deleted = 0;
  while (deleted < max) {
    const page = await kvs
      .query()
      .where('key', WhereConditions.beginsWith(KEY.inactivityRunPagePrefix(runId)))
      .limit(Math.min(MAX_BATCH, max - deleted))
      .getMany<RunPage>();
    if (page.results.length === 0) break;
    await deleteAll(page.results.map((r) => ({ key: r.key })));
    deleted += page.results.length;
  }
  return deleted;
}

/**
 * Claims the right to enqueue a run's next step. Duplicated deliveries of one step all try; exactly one wins,
 * so the chain of pages never forks.
 */
export function claimRunStep(runId: string, step: string): Promise<boolean> {
  return setOnce(KEY.inactivityRunStep(runId, step), 1, STEP_TTL);
}

/** Gives a claim back when enqueueing failed, so a retry can claim it again. */
export async function releaseRunStep(runId: string, step: string): Promise<void> {
  await kvs.delete(KEY.inactivityRunStep(runId, step));
}

export interface ActiveRunLock {
  runId: string;
  at: number;
}

/** At most one run collects or executes at a time: they share the org's Admin API budget. */
export function acquireActiveRunLock(lock: ActiveRunLock): Promise<boolean> {
  return setOnce(KEY.inactivityActiveRun, lock, { value: 7, unit: 'DAYS' });
}

export async function getActiveRunLock(): Promise<ActiveRunLock | undefined> {
  return kvs.get<ActiveRunLock>(KEY.inactivityActiveRun);
}

/** Releases the lock if `runId` still holds it. */
export async function releaseActiveRunLock(runId: string): Promise<void> {
  const lock = await getActiveRunLock();
  if (lock?.runId === runId) await kvs.delete(KEY.inactivityActiveRun);
}

/**
 * Takes the lock from a run that stopped making progress. Only one caller may break a given stale lock (a claim
 * keyed by the stale run), so two starters cannot both break it and both start.
 */
export async function breakStaleRunLock(staleRunId: string): Promise<boolean> {
  if (!(await claimRunStep(staleRunId, 'lock-broken'))) return false;
  const lock = await getActiveRunLock();
  if (lock?.runId === staleRunId) await kvs.delete(KEY.inactivityActiveRun);
  return true;
}

export async function getPendingReview(): Promise<{ runId: string } | undefined> {
  return kvs.get<{ runId: string }>(KEY.inactivityPendingReview);
}

export async function setPendingReview(runId: string): Promise<void> {
  await kvs.set(KEY.inactivityPendingReview, { runId });
}

export async function clearPendingReview(runId: string): Promise<void> {
  const pending = await getPendingReview();
  if (pending?.runId === runId) await kvs.delete(KEY.inactivityPendingReview);
}
