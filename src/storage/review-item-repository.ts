// Review items (custom entity `review-item`): one per membership under review, created once, then changed only by
// conditional writes (a decision, a reassignment, a removal's claim and outcome), so two writers never both win.
import { Filter, FilterConditions, kvs, Sort, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import type { ItemDecision, ItemStage } from '../domain/reviews';
import { getAll } from './bulk-storage';
import { withClientCursor } from './client-cursor';
import { ENTITY, INDEX } from './keys';
import type { ReviewItem } from './review-types';
import { isConditionFailure } from './storage-errors';
import { commitOps, MAX_TRANSACTION_OPS, type StorageOp } from './transaction-ops';

interface StoredItem {
  campaignId: string;
  reviewer: string;
  accountId: string;
  target: string;
  decision: string;
  stage: string;
  at: number;
  decidedAt: number;
  holder: string;
  leaseUntil: number;
  detail: string;
}

type ItemDetail = Omit<
  ReviewItem,
  | 'id'
  | 'campaignId'
  | 'reviewer'
  | 'accountId'
  | 'grantKey'
  | 'decision'
  | 'stage'
  | 'createdAt'
  | 'decidedAt'
  | 'holder'
  | 'leaseUntil'
>;

const items = () => kvs.entity<StoredItem>(ENTITY.reviewItem);

function toStored(item: ReviewItem): StoredItem {
  const {
    id: _id,
    campaignId,
    reviewer,
    accountId,
    grantKey,
    decision,
    stage,
    createdAt,
    decidedAt,
    holder,
    leaseUntil,
    ...detail
  } = item;
  return {
    campaignId,
    reviewer,
    accountId,
    target: grantKey,
    decision,
    stage,
    at: createdAt,
    decidedAt: decidedAt ?? 0,
    holder,
    leaseUntil,
    detail: JSON.stringify(detail),
  };
}

function fromStored(id: string, stored: StoredItem): ReviewItem {
  const detail = JSON.parse(stored.detail) as ItemDetail;
  return {
    ...detail,
    id,
    campaignId: stored.campaignId,
    reviewer: stored.reviewer,
    accountId: stored.accountId,
    grantKey: stored.target,
    decision: stored.decision as ItemDecision,
    stage: stored.stage as ItemStage,
    createdAt: stored.at,
    decidedAt: stored.decidedAt > 0 ? stored.decidedAt : null,
    holder: stored.holder,
    leaseUntil: stored.leaseUntil,
  };
}

function isAlreadyExists(e: unknown): boolean {
  return (e as ForgeKvsAPIError | undefined)?.code === 'KEY_ALREADY_EXISTS';
}

/**
 * Creates items that do not exist yet; an item already there (a redelivered collection page) is never
 * overwritten, since a reviewer may have decided it. Returns how many were created.
 */
export async function createItems(list: readonly ReviewItem[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < list.length; i += MAX_TRANSACTION_OPS) {
    const chunk = list.slice(i, i + MAX_TRANSACTION_OPS);
    try {
      await commitOps(
        chunk.map(
          (item) => (tx) =>
            tx.set(item.id, toStored(item), {
              entityName: ENTITY.reviewItem,
              conditions: new Filter<StoredItem>().and('decision', FilterConditions.notExists()),
            }),
        ),
      );
      created += chunk.length;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      // Some exist already: create the others one by one.
      for (const item of chunk) {
        try {
          await items().set(item.id, toStored(item), { keyPolicy: 'FAIL_IF_EXISTS' });
          created++;
        } catch (inner) {
          if (!isAlreadyExists(inner)) throw inner;
        }
      }
    }
  }
  return created;
}

export async function getItem(id: string): Promise<ReviewItem | undefined> {
  const stored = await items().get(id);
  return stored ? fromStored(id, stored) : undefined;
}

/** Items by id (absent ids are left out), in storage calls of 25. */
export async function getItems(ids: readonly string[]): Promise<Map<string, ReviewItem>> {
  const found = await getAll<StoredItem>(ids.map((key) => ({ key, entityName: ENTITY.reviewItem })));
  return new Map([...found].map(([id, stored]) => [id, fromStored(id, stored)]));
}

export interface ItemPage {
  items: ReviewItem[];
  cursor?: string;
}

async function page(
  index: string,
  partition: string[],
  options: { cursor?: string | undefined; limit?: number | undefined },
): Promise<ItemPage> {
  let query = items()
    .query()
    .index(index, { partition })
    .where(WhereConditions.greaterThanEqualTo(0))
    .sort(Sort.ASC)
    .limit(Math.min(options.limit ?? 50, 100));
  if (options.cursor) query = query.cursor(options.cursor);
  const result = await withClientCursor(options.cursor, () => query.getMany());
  return {
    items: result.results.map((r) => fromStored(r.key, r.value)),
    ...(result.nextCursor ? { cursor: result.nextCursor } : {}),
  };
}

type PageOptions = { cursor?: string | undefined; limit?: number | undefined };

/** One reviewer's items in a campaign, oldest first; only those with `decision` when given. */
export function itemsOfReviewer(
  campaignId: string,
  reviewer: string,
  options: PageOptions & { decision?: ItemDecision | undefined } = {},
): Promise<ItemPage> {
  return options.decision
    ? page(INDEX.reviewItemByReviewerDecision, [campaignId, reviewer, options.decision], options)
    : page(INDEX.reviewItemByReviewer, [campaignId, reviewer], options);
}

export function itemsOfCampaign(campaignId: string, options: PageOptions = {}): Promise<ItemPage> {
  return page(INDEX.reviewItemByCampaign, [campaignId], options);
}

export function itemsWithDecision(
  campaignId: string,
  decision: ItemDecision,
  options: PageOptions = {},
): Promise<ItemPage> {
  return page(INDEX.reviewItemByDecision, [campaignId, decision], options);
}

export function itemsInStage(
  campaignId: string,
  stage: ItemStage,
  options: PageOptions = {},
): Promise<ItemPage> {
  return page(INDEX.reviewItemByStage, [campaignId, stage], options);
}

/**
 * A transaction step replacing an item only while it is still exactly as `expected` was read (reviewer,
 * decision, stage, decision time and holder): a concurrent decision, reassignment or removal makes it fail.
 */
export function replaceItemOp(expected: ReviewItem, next: ReviewItem): StorageOp {
  const conditions = new Filter<StoredItem>()
    .and('reviewer', FilterConditions.equalTo(expected.reviewer))
    .and('decision', FilterConditions.equalTo(expected.decision))
    .and('stage', FilterConditions.equalTo(expected.stage))
    .and('decidedAt', FilterConditions.equalTo(expected.decidedAt ?? 0))
    .and('holder', FilterConditions.equalTo(expected.holder));
  return (tx) => tx.set(next.id, toStored(next), { entityName: ENTITY.reviewItem, conditions });
}

/** Replaces one item conditionally; false when it changed since it was read. */
export async function replaceItem(expected: ReviewItem, next: ReviewItem): Promise<boolean> {
  try {
    await commitOps([replaceItemOp(expected, next)]);
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Deletes up to `max` items of a campaign; returns how many (0 when none are left). */
export async function deleteCampaignItems(campaignId: string, max = 500): Promise<number> {
  let deleted = 0;
  while (deleted < max) {
    const found = await itemsOfCampaign(campaignId, { limit: MAX_TRANSACTION_OPS });
    if (found.items.length === 0) break;
    await commitOps(found.items.map((item) => (tx) => tx.delete(item.id, { entityName: ENTITY.reviewItem })));
    deleted += found.items.length;
  }
  return deleted;
}
