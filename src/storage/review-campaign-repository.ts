// Access review campaigns (custom entity `review-campaign`) and their series (KVS keys): every campaign write is
// conditional on the version read, and a decision's transaction checks the campaign is still open.
import { Filter, FilterConditions, kvs, Sort, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import { withClientCursor } from './client-cursor';
import { ENTITY, INDEX, KEY } from './keys';
import type { Campaign, CampaignSeries, CampaignStatus } from './review-types';
import { isConditionFailure } from './storage-errors';
import type { StorageOp } from './transaction-ops';

interface StoredCampaign {
  status: string;
  createdAt: number;
  seriesId: string;
  version: number;
  detail: string;
}

type CampaignDetail = Omit<Campaign, 'id' | 'status' | 'createdAt' | 'seriesId' | 'version'>;

const campaigns = () => kvs.entity<StoredCampaign>(ENTITY.reviewCampaign);

function isAlreadyExists(e: unknown): boolean {
  return (e as ForgeKvsAPIError | undefined)?.code === 'KEY_ALREADY_EXISTS';
}

function toStored(campaign: Campaign): StoredCampaign {
  const { id: _id, status, createdAt, seriesId, version, ...detail } = campaign;
  return { status, createdAt, seriesId, version, detail: JSON.stringify(detail) };
}

function fromStored(id: string, stored: StoredCampaign): Campaign {
  const detail = JSON.parse(stored.detail) as CampaignDetail;
  return {
    ...detail,
    id,
    status: stored.status as CampaignStatus,
    createdAt: stored.createdAt,
    seriesId: stored.seriesId,
    version: stored.version,
  };
}

/** Stores a new campaign; false when one with this id exists (a duplicated start). */
export async function createCampaign(campaign: Campaign): Promise<boolean> {
  try {
    await campaigns().set(campaign.id, toStored(campaign), { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (e) {
    if (isAlreadyExists(e)) return false;
    throw e;
  }
}

export async function getCampaign(id: string): Promise<Campaign | undefined> {
  const stored = await campaigns().get(id);
  return stored ? fromStored(id, stored) : undefined;
}

/** Writes `next` only while the stored campaign is still the version `expected` was; false when it moved on. */
export async function replaceCampaign(expected: Campaign, next: Campaign): Promise<boolean> {
  try {
    await kvs
      .transact()
      .set(expected.id, toStored({ ...next, version: expected.version + 1 }), {
        entityName: ENTITY.reviewCampaign,
        conditions: new Filter<StoredCampaign>().and('version', FilterConditions.equalTo(expected.version)),
      })
      .execute();
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * Reads, changes and writes a campaign, again from a fresh read when another writer got there first. `change`
 * returns null to leave it as it is (it moved on); the result is what was written, or undefined.
 */
export async function updateCampaign(
  id: string,
  change: (campaign: Campaign) => Campaign | null,
): Promise<Campaign | undefined> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await getCampaign(id);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return undefined;
    if (await replaceCampaign(current, next)) return { ...next, version: current.version + 1 };
  }
  throw new Error(`Campaign ${id} kept changing under this write; try again.`);
}

/** A transaction step that fails the transaction unless the campaign is in this status. */
export function campaignStatusCheck(campaignId: string, status: CampaignStatus): StorageOp {
  return (tx) =>
    tx.check(campaignId, {
      entityName: ENTITY.reviewCampaign,
      conditions: new Filter<StoredCampaign>().and('status', FilterConditions.equalTo(status)),
    });
}

/** Campaigns newest first, a page at a time. */
export async function listCampaigns(
  options: { cursor?: string; limit?: number; status?: CampaignStatus } = {},
): Promise<{ campaigns: Campaign[]; cursor?: string }> {
  let query = campaigns()
    .query()
    .index(
      options.status ? INDEX.reviewCampaignByStatus : INDEX.reviewCampaignByTime,
      options.status ? { partition: [options.status] } : undefined,
    )
    .where(WhereConditions.greaterThanEqualTo(0))
    .sort(Sort.DESC)
    .limit(Math.min(options.limit ?? 50, 100));
  if (options.cursor) query = query.cursor(options.cursor);
  const page = await withClientCursor(options.cursor, () => query.getMany());
  return {
    campaigns: page.results.map((r) => fromStored(r.key, r.value)),
    ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
  };
}

/** Every campaign in one of these statuses (the hourly check's work list; there are few). */
export async function campaignsInStatus(statuses: readonly CampaignStatus[]): Promise<Campaign[]> {
  const found: Campaign[] = [];
  for (const status of statuses) {
    let cursor: string | undefined;
    do {
      const page = await listCampaigns({ status, limit: 100, ...(cursor ? { cursor } : {}) });
      found.push(...page.campaigns);
      cursor = page.cursor;
    } while (cursor);
  }
  return found;
}

export async function deleteCampaign(id: string): Promise<void> {
  await campaigns().delete(id);
}

export async function createSeries(series: CampaignSeries): Promise<void> {
  await kvs.set(KEY.reviewSeries(series.id), series);
}

export async function getSeries(id: string): Promise<CampaignSeries | undefined> {
  return kvs.get<CampaignSeries>(KEY.reviewSeries(id));
}

export async function putSeries(series: CampaignSeries): Promise<void> {
  await kvs.set(KEY.reviewSeries(series.id), series);
}

export async function deleteSeries(id: string): Promise<void> {
  await kvs.delete(KEY.reviewSeries(id));
}

export async function listSeries(): Promise<CampaignSeries[]> {
  const found: CampaignSeries[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(KEY.reviewSeriesPrefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<CampaignSeries>();
    found.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

const STEP_TTL = { value: 365, unit: 'DAYS' } as const;

/** Claims a one-time step of a campaign (or of a series): exactly one caller wins, whoever tries. */
export async function claimReviewStep(campaignId: string, step: string): Promise<boolean> {
  try {
    await kvs.set(KEY.reviewStep(campaignId, step), 1, { keyPolicy: 'FAIL_IF_EXISTS', ttl: STEP_TTL });
    return true;
  } catch (e) {
    if (isAlreadyExists(e)) return false;
    throw e;
  }
}

/** Gives a claim back when the work it guarded could not be queued, so a retry can claim it again. */
export async function releaseReviewStep(campaignId: string, step: string): Promise<void> {
  await kvs.delete(KEY.reviewStep(campaignId, step));
}
