// Per-reviewer tallies of a campaign (custom entity `review-tally`): written in the same transaction as the
// decisions they count, conditional on the version read, so the admin's progress table always adds up.
import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { withClientCursor } from './client-cursor';
import { ENTITY, INDEX, KEY } from './keys';
import type { NoticeRecord, ReviewTally } from './review-types';
import { isConditionFailure } from './storage-errors';
import { commitOps, type StorageOp } from './transaction-ops';

interface StoredTally {
  campaignId: string;
  reviewer: string;
  total: number;
  kept: number;
  removed: number;
  version: number;
  at: number;
  detail: string;
}

const tallies = () => kvs.entity<StoredTally>(ENTITY.reviewTally);

export const tallyKey = (campaignId: string, reviewer: string) => `${campaignId}#${reviewer}`;

function toStored(tally: ReviewTally): StoredTally {
  const { lastNotice, ...rest } = tally;
  return { ...rest, detail: JSON.stringify({ lastNotice }) };
}

function fromStored(stored: StoredTally): ReviewTally {
  const detail = JSON.parse(stored.detail) as { lastNotice?: ReviewTally['lastNotice'] };
  const { detail: _detail, ...rest } = stored;
  return { ...rest, lastNotice: detail.lastNotice ?? null };
}

export async function getTally(campaignId: string, reviewer: string): Promise<ReviewTally | undefined> {
  const stored = await tallies().get(tallyKey(campaignId, reviewer));
  return stored ? fromStored(stored) : undefined;
}

/** A transaction step writing `next` while the stored tally is still at `expected`'s version (or absent). */
export function replaceTallyOp(expected: ReviewTally | undefined, next: ReviewTally): StorageOp {
  const conditions = expected
    ? new Filter<StoredTally>().and('version', FilterConditions.equalTo(expected.version))
    : new Filter<StoredTally>().and('version', FilterConditions.notExists());
  const value = toStored({ ...next, version: (expected?.version ?? 0) + 1 });
  return (tx) =>
    tx.set(tallyKey(next.campaignId, next.reviewer), value, { entityName: ENTITY.reviewTally, conditions });
}

/** Writes every tally of a campaign that does not exist yet (opening); existing ones are left as they are. */
export async function createTallies(list: readonly ReviewTally[]): Promise<void> {
  for (const tally of list) {
    try {
      await commitOps([replaceTallyOp(undefined, tally)]);
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
}

/** Changes one tally by a read-change-write loop (notices; decisions use replaceTallyOp in their transaction). */
export async function updateTally(
  campaignId: string,
  reviewer: string,
  change: (tally: ReviewTally) => ReviewTally,
): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await getTally(campaignId, reviewer);
    if (!current) return;
    try {
      await commitOps([replaceTallyOp(current, change(current))]);
      return;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
}

/** A campaign's tallies, a page at a time. */
export async function talliesOfCampaign(
  campaignId: string,
  options: { cursor?: string | undefined; limit?: number } = {},
): Promise<{ tallies: ReviewTally[]; cursor?: string }> {
  let query = tallies()
    .query()
    .index(INDEX.reviewTallyByCampaign, { partition: [campaignId] })
    .where(WhereConditions.greaterThanEqualTo(0))
    .sort(Sort.ASC)
    .limit(Math.min(options.limit ?? 100, 100));
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await withClientCursor(options.cursor, () => query.getMany());
  return {
    tallies: page.results.map((r) => fromStored(r.value)),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/** Every tally of a campaign (reviewers are at most a few thousand). */
export async function allTallies(campaignId: string): Promise<ReviewTally[]> {
  const found: ReviewTally[] = [];
  let cursor: string | undefined;
  do {
    const page = await talliesOfCampaign(campaignId, cursor ? { cursor } : {});
    found.push(...page.tallies);
    cursor = page.cursor;
  } while (cursor);
  return found;
}

/** One reviewer's tallies across campaigns, newest first (the reviewer page's list of campaigns). */
export async function talliesOfReviewer(reviewer: string, limit = 50): Promise<ReviewTally[]> {
  const page = await tallies()
    .query()
    .index(INDEX.reviewTallyByReviewer, { partition: [reviewer] })
    .where(WhereConditions.greaterThanEqualTo(0))
    .sort(Sort.DESC)
    .limit(Math.min(limit, 100))
    .getMany();
  return page.results.map((r) => fromStored(r.value));
}

export async function deleteTallies(campaignId: string): Promise<void> {
  for (;;) {
    const page = await talliesOfCampaign(campaignId, { limit: 25 });
    if (page.tallies.length === 0) return;
    await commitOps(
      page.tallies.map(
        (t) => (tx) => tx.delete(tallyKey(t.campaignId, t.reviewer), { entityName: ENTITY.reviewTally }),
      ),
    );
  }
}

/** Where counting a campaign's items per reviewer got to (opening is resumable). */
export interface CountCheckpoint {
  cursor: string | null;
  counts: Record<string, number>;
  items: number;
}

export async function getCountCheckpoint(campaignId: string): Promise<CountCheckpoint | undefined> {
  return kvs.get<CountCheckpoint>(KEY.reviewCount(campaignId));
}

export async function putCountCheckpoint(campaignId: string, checkpoint: CountCheckpoint): Promise<void> {
  await kvs.set(KEY.reviewCount(campaignId), checkpoint, { ttl: { value: 30, unit: 'DAYS' } });
}

export async function deleteCountCheckpoint(campaignId: string): Promise<void> {
  await kvs.delete(KEY.reviewCount(campaignId));
}

/** Claims a notice before sending it; false when it was claimed already (and is not stuck in `sending`). */
export async function claimNotice(
  campaignId: string,
  notice: string,
  reviewer: string,
  record: NoticeRecord,
  staleAfterMs: number,
): Promise<boolean> {
  const key = KEY.reviewNotice(campaignId, notice, reviewer);
  try {
    await kvs.set(key, record, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 365, unit: 'DAYS' } });
    return true;
  } catch (e) {
    if ((e as { code?: string } | undefined)?.code !== 'KEY_ALREADY_EXISTS') throw e;
  }
  // A sender killed between claiming and hearing back from Jira: send again once it is certainly dead.
  const existing = await kvs.get<NoticeRecord>(key);
  if (existing?.state !== 'sending' || record.at - existing.at < staleAfterMs) return false;
  await kvs.set(key, record, { ttl: { value: 365, unit: 'DAYS' } });
  return true;
}

export async function putNotice(
  campaignId: string,
  notice: string,
  reviewer: string,
  record: NoticeRecord,
): Promise<void> {
  await kvs.set(KEY.reviewNotice(campaignId, notice, reviewer), record, {
    ttl: { value: 365, unit: 'DAYS' },
  });
}

/** Gives a notice's claim back (Jira asked to wait): the step's retry sends it. */
export async function releaseNotice(campaignId: string, notice: string, reviewer: string): Promise<void> {
  await kvs.delete(KEY.reviewNotice(campaignId, notice, reviewer));
}
