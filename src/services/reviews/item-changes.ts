// Changes to review items that move the per-reviewer tallies (decisions, reassignments): each transaction carries
// the items, the tallies they move, their audit lines and a check that the campaign is still open, so the
// progress table always adds up and nothing is decided after the campaign closed.
import { countsAfter } from '../../domain/reviews';
import type { AuditEntry } from '../../shared/audit';
import { auditEntryOp } from '../../storage/audit-repository';
import { campaignStatusCheck } from '../../storage/review-campaign-repository';
import { replaceItemOp } from '../../storage/review-item-repository';
import { getTally, replaceTallyOp } from '../../storage/review-tally-repository';
import type { ReviewItem, ReviewTally } from '../../storage/review-types';
import { isConditionFailure } from '../../storage/storage-errors';
import { commitOps, MAX_TRANSACTION_OPS, type StorageOp } from '../../storage/transaction-ops';

export interface ItemChange {
  readonly before: ReviewItem;
  readonly after: ReviewItem;
  /** Audit lines that belong with this change. */
  readonly audit: readonly AuditEntry[];
}

function emptyTally(campaignId: string, reviewer: string, at: number): ReviewTally {
  return { campaignId, reviewer, total: 0, kept: 0, removed: 0, version: 0, at, lastNotice: null };
}

function applyChange(tallies: Map<string, ReviewTally>, change: ItemChange): void {
  const { before, after } = change;
  if (before.reviewer === after.reviewer) {
    const tally = tallies.get(before.reviewer)!;
    tallies.set(before.reviewer, { ...tally, ...countsAfter(tally, before.decision, after.decision) });
    return;
  }
  const from = tallies.get(before.reviewer)!;
  const out = countsAfter(from, before.decision, 'pending');
  tallies.set(before.reviewer, { ...from, ...out, total: from.total - 1 });
  const to = tallies.get(after.reviewer)!;
  const into = countsAfter(to, 'pending', after.decision);
  tallies.set(after.reviewer, { ...to, ...into, total: to.total + 1 });
}

/** Changes that fit one transaction: their items, audit lines and touched tallies, plus the campaign check. */
function fitting(changes: readonly ItemChange[]): number {
  let ops = 1;
  const reviewers = new Set<string>();
  let count = 0;
  for (const change of changes) {
    const touched = [change.before.reviewer, change.after.reviewer].filter((r) => !reviewers.has(r));
    const more = 1 + change.audit.length + new Set(touched).size;
    if (ops + more > MAX_TRANSACTION_OPS) break;
    ops += more;
    touched.forEach((r) => reviewers.add(r));
    count++;
  }
  return Math.max(1, count);
}

/**
 * Commits the changes in as few transactions as fit, each conditional on the items and tallies being as read and
 * the campaign open. Returns how many (from the start) were committed; the rest lost to a concurrent writer or a
 * closing campaign, and the caller reads them again.
 */
export async function commitItemChanges(
  campaignId: string,
  changes: readonly ItemChange[],
  now: number,
): Promise<number> {
  let committed = 0;
  while (committed < changes.length) {
    const chunk = changes.slice(committed, committed + fitting(changes.slice(committed)));
    const reviewers = [...new Set(chunk.flatMap((c) => [c.before.reviewer, c.after.reviewer]))];
    const read = new Map<string, ReviewTally | undefined>();
    for (const reviewer of reviewers) read.set(reviewer, await getTally(campaignId, reviewer));
    const tallies = new Map(
      reviewers.map((r) => [r, read.get(r) ?? emptyTally(campaignId, r, now)] as const),
    );
    for (const change of chunk) applyChange(tallies, change);
    const ops: StorageOp[] = [campaignStatusCheck(campaignId, 'open')];
    for (const reviewer of reviewers) ops.push(replaceTallyOp(read.get(reviewer), tallies.get(reviewer)!));
    for (const change of chunk) {
      ops.push(replaceItemOp(change.before, change.after));
      for (const entry of change.audit) ops.push(auditEntryOp(entry));
    }
    try {
      await commitOps(ops);
    } catch (e) {
      if (isConditionFailure(e)) return committed;
      throw e;
    }
    committed += chunk.length;
  }
  return committed;
}
