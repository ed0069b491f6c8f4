// Reviewers' decisions: keep or remove, with a reason, one item or many. Every item must be the caller's own (a
// site admin may decide anyone's, and is recorded as the decider); nothing changes unless every item passes.
import { describeGrant } from '../../domain/rules';
import { isDecidable, reasonProblem, stageFor } from '../../domain/reviews';
import { getActivity } from '../../storage/inactivity-user-repository';
import { getCampaign } from '../../storage/review-campaign-repository';
import { getItems } from '../../storage/review-item-repository';
import type { ReviewItem } from '../../storage/review-types';
import { commitItemChanges, type ItemChange } from './item-changes';
import { reviewAuditEntry } from './review-audit';
import { lastActiveOf } from './evidence';

export interface DecisionInput {
  readonly itemId: string;
  readonly decision: 'keep' | 'remove';
  readonly reason: string;
}

export interface Caller {
  readonly accountId: string;
  /** Asked only when an item is not the caller's own (one call to Jira): may a site admin decide it. */
  readonly isSiteAdmin: () => Promise<boolean>;
}

export type DecideResult =
  | { ok: true; decided: ReviewItem[] }
  | {
      ok: false;
      kind: 'forbidden' | 'not-found' | 'conflict' | 'invalid';
      message: string;
      fields?: Array<{ field: string; message: string }>;
    };

const ATTEMPTS = 4;

export async function decideItems(
  now: () => number,
  caller: Caller,
  campaignId: string,
  decisions: readonly DecisionInput[],
): Promise<DecideResult> {
  const fields = decisions.flatMap((d, i) => {
    const problem = reasonProblem(d.reason);
    return problem ? [{ field: `decisions[${i}].reason`, message: problem }] : [];
  });
  if (fields.length) return { ok: false, kind: 'invalid', message: 'Every decision needs a reason.', fields };
  const ids = [...new Set(decisions.map((d) => d.itemId))];
  if (ids.length !== decisions.length)
    return { ok: false, kind: 'invalid', message: 'An item is decided twice in one request.' };

  const campaign = await getCampaign(campaignId);
  if (!campaign)
    return {
      ok: false,
      kind: 'forbidden',
      message: 'You can decide only items assigned to you in this access review. Nothing was decided.',
    };
  let items = await getItems(ids);
  const missing = ids.filter((id) => items.get(id)?.campaignId !== campaignId);
  const foreign = [...items.values()].filter(
    (i) => i.campaignId === campaignId && i.reviewer !== caller.accountId,
  );
  if (missing.length > 0 || foreign.length > 0) {
    // The same answer whether an item does not exist or is someone else's: nobody learns what others review.
    if (!(await caller.isSiteAdmin()))
      return {
        ok: false,
        kind: 'forbidden',
        message: 'You can decide only items assigned to you in this access review. Nothing was decided.',
      };
    if (missing.length > 0)
      return {
        ok: false,
        kind: 'not-found',
        message: `${missing.length} of these items are not in this access review. Nothing was decided.`,
      };
  }
  if (campaign.status !== 'open')
    return {
      ok: false,
      kind: 'conflict',
      message: `This access review is ${campaign.status === 'collecting' ? 'not open yet' : 'closed'}; decisions can no longer be changed.`,
    };

  const activity = await getActivity([...new Set([...items.values()].map((i) => i.accountId))]);
  const decided: ReviewItem[] = [];
  let pending = [...decisions];
  for (let attempt = 0; attempt < ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 0) items = await getItems(pending.map((d) => d.itemId));
    const at = now();
    const changes: ItemChange[] = [];
    for (const d of pending) {
      const before = items.get(d.itemId)!;
      if (!isDecidable(before.stage))
        return {
          ok: false,
          kind: 'conflict',
          message: 'An item is already being acted on; nothing more was decided.',
        };
      const after: ReviewItem = {
        ...before,
        decision: d.decision,
        stage: stageFor(d.decision),
        reason: d.reason.trim(),
        decidedAt: at,
        decidedBy: caller.accountId,
        lastActiveAtDecision: lastActiveOf(before, activity.get(before.accountId)).at,
      };
      const onBehalf = before.reviewer === caller.accountId ? '' : ` (on behalf of ${before.reviewer})`;
      changes.push({
        before,
        after,
        audit: [
          reviewAuditEntry({
            campaignId,
            fact: `decided:${before.id}:${at}`,
            at,
            accountId: before.accountId,
            action: 'review-decided',
            target: before.grantKey,
            targetName: describeGrant(before.grant),
            ...(before.ruleId ? { ruleId: before.ruleId } : {}),
            reason: `${d.decision === 'keep' ? 'Keep' : 'Remove'}${onBehalf}: ${after.reason}`,
            outcome: 'success',
            actor: caller.accountId,
          }),
        ],
      });
    }
    const committed = await commitItemChanges(campaignId, changes, at);
    decided.push(...changes.slice(0, committed).map((c) => c.after));
    pending = pending.slice(committed);
    if (pending.length > 0) {
      const fresh = await getCampaign(campaignId);
      if (fresh?.status !== 'open')
        return {
          ok: false,
          kind: 'conflict',
          message: `The access review closed while deciding; ${decided.length} of ${decisions.length} decisions were recorded.`,
        };
    }
  }
  if (pending.length > 0)
    return {
      ok: false,
      kind: 'conflict',
      message: `Others kept changing these items; ${decided.length} of ${decisions.length} decisions were recorded. Reload and try again.`,
    };
  return { ok: true, decided };
}
