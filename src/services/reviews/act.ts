// Carrying out a closed campaign's removals, a batch per step. Each item is claimed (held until this invocation's
// deadline plus a margin), then:
// - excluded users and groups (Inactivity → Exclusions) are never touched;
// - access the app granted is removed through provisioning's own intent protocol: a ledger intent carrying the
//   review, the same grant writer, one transaction settling the ledger (a denial, so rules do not grant it again
//   unless the attributes change or an admin re-approves), the audit line and the item's outcome;
// - access someone granted by hand is removed only when the campaign says so (the claimed item is the write-ahead),
//   else left for an admin and listed in the report.
// A removal another run is finishing is left to it; an interrupted one is taken over once its lease has run out.
import { randomUUID } from 'node:crypto';
import { describeGrant } from '../../domain/rules';
import type { ItemOutcome } from '../../domain/reviews';
import { auditEntryOp } from '../../storage/audit-repository';
import { loadInactivityPolicy } from '../../storage/inactivity-policy-repository';
import { ledgerForAccount, type LedgerReview, type LedgerRow } from '../../storage/ledger-repository';
import { commitProvisioningWrites } from '../../storage/provisioning-writes';
import { itemsInStage, replaceItem, replaceItemOp } from '../../storage/review-item-repository';
import type { ReviewItem } from '../../storage/review-types';
import { listRules } from '../../storage/rules-repository';
import { commitOps } from '../../storage/transaction-ops';
import { auditId } from '../audit-ids';
import { classify } from '../failures';
import { createGrantGuard } from '../provisioning/grant-guard';
import {
  createGrantWriter,
  GrantWriteError,
  type GrantWriter,
  type RemoveResult,
} from '../provisioning/grant-writer';
import {
  commitSettlement,
  finishIntents,
  IntentSettlement,
  isIntent,
  reviewRemovalReason,
  writeIntent,
  type IntentContext,
} from '../provisioning/intents';
import { removeAction } from '../provisioning/provision-records';
import { PROVISION_QUEUE, type ProvisionWork } from '../provisioning/provisioning-work';
import type { RuntimeDeps } from '../runtime-deps';
import { BY_POLICY } from './close-campaign';
import type { StepOutcome } from './collect';
import { reviewAuditEntry, reviewRunId, type ReviewAuditInput } from './review-audit';
import { hasTime, loadReviewContext, type ReviewContext } from './review-context';
import { queueStep, type ReviewStep } from './review-steps';
import { pacingSeconds, REVIEW_TUNING, type ReviewTuning } from './review-tuning';

interface ActContext extends ReviewContext {
  readonly intents: IntentContext;
  readonly writer: GrantWriter;
  readonly exclusions: { accountIds: ReadonlySet<string>; groupIds: ReadonlySet<string> };
  /** Users whose app grants were removed: the next evaluation records what their denials rest on. */
  readonly reevaluate: Set<string>;
}

type ItemResult = 'done' | 'busy';

function reviewOf(ctx: ActContext, item: ReviewItem): LedgerReview {
  return {
    campaignId: ctx.campaign.id,
    campaignName: ctx.campaign.definition.name,
    itemId: item.id,
    decidedBy: item.decidedBy ?? BY_POLICY,
    decidedAt: item.decidedAt ?? ctx.deps.now(),
    reason: item.reason,
  };
}

function actorOf(item: ReviewItem): string {
  return !item.decidedBy || item.decidedBy === BY_POLICY ? 'app' : item.decidedBy;
}

function finished(item: ReviewItem, outcome: ItemOutcome, detail: string, at: number): ReviewItem {
  return { ...item, stage: 'done', outcome, outcomeAt: at, outcomeDetail: detail, holder: '', leaseUntil: 0 };
}

function notRemovedAudit(ctx: ActContext, item: ReviewItem, detail: string, at: number): ReviewAuditInput {
  return {
    campaignId: ctx.campaign.id,
    fact: `not-removed:${item.id}`,
    at,
    accountId: item.accountId,
    action: 'review-not-removed',
    target: item.grantKey,
    targetName: describeGrant(item.grant),
    ...(item.ruleId ? { ruleId: item.ruleId } : {}),
    reason: detail,
    outcome: 'skipped',
    actor: actorOf(item),
  };
}

/** Records an outcome that changed nothing on the site, with its audit line, in one transaction. */
async function settleWithoutChange(
  ctx: ActContext,
  item: ReviewItem,
  outcome: ItemOutcome,
  detail: string,
): Promise<ItemResult> {
  const at = ctx.deps.now();
  await commitOps([
    replaceItemOp(item, finished(item, outcome, detail, at)),
    auditEntryOp(reviewAuditEntry(notRemovedAudit(ctx, item, detail, at))),
  ]);
  return 'done';
}

/** Gives a claimed item back to be tried again by a later step (another run holds the user right now). */
async function release(item: ReviewItem): Promise<ItemResult> {
  await replaceItem(item, { ...item, stage: 'act', holder: '', leaseUntil: 0 });
  return 'busy';
}

/** A writer that remembers what the site said to the last removal ("not held" means it was gone already). */
function observing(writer: GrantWriter): { writer: GrantWriter; last: () => RemoveResult | undefined } {
  let last: RemoveResult | undefined;
  return {
    writer: {
      ...writer,
      remove: async (grant, accountId) => {
        last = await writer.remove(grant, accountId);
        return last;
      },
    },
    last: () => last,
  };
}

/** Access the app granted: a removal intent in the ledger, written, then settled with the item, all or nothing. */
async function removeAppGrant(ctx: ActContext, item: ReviewItem, row: LedgerRow): Promise<ItemResult> {
  const now = ctx.deps.now();
  const review = reviewOf(ctx, item);
  const intent: LedgerRow = {
    ...row,
    state: 'removing',
    intentAt: now,
    runId: reviewRunId(ctx.campaign.id),
    holder: ctx.intents.holder,
    leaseUntil: ctx.intents.leaseUntil(),
    review,
  };
  try {
    await commitProvisioningWrites({ claimLedger: [{ row: intent, expect: 'granted' }] });
  } catch (e) {
    // Provisioning is working on this user right now: try again in a later step.
    if (classify(e).kind === 'conflict') return release(item);
    throw e;
  }
  const seen = observing(ctx.writer);
  const settlement = new IntentSettlement(ctx.intents);
  await writeIntent(
    intent,
    settlement,
    { ...ctx.intents, writer: seen.writer },
    {
      added: '',
      removed: reviewRemovalReason(review),
      resumed: false,
    },
  );
  const failure = settlement.failures[0];
  const at = ctx.deps.now();
  const done = failure
    ? finished(item, 'failed', failure.message, at)
    : seen.last() === 'not-held'
      ? finished(
          item,
          'already-gone',
          'The user no longer had it; the app will not grant it again either.',
          at,
        )
      : finished(
          item,
          'removed',
          `Removed by the app; ${describeGrant(item.grant)} is not granted again unless the attributes change or an admin re-approves it.`,
          at,
        );
  await commitSettlement(settlement, { also: [replaceItemOp(item, done)] });
  if (!failure) ctx.reevaluate.add(item.accountId);
  return 'done';
}

/** Access someone granted by hand, removed because the campaign says so: the claimed item is the write-ahead. */
async function removeHandGrant(ctx: ActContext, item: ReviewItem, resumed: boolean): Promise<ItemResult> {
  let result: RemoveResult;
  const at = () => ctx.deps.now();
  try {
    result = await ctx.writer.remove(item.grant, item.accountId);
  } catch (e) {
    if (!(e instanceof GrantWriteError)) throw e;
    return settleWithoutChange(ctx, item, 'failed', e.message);
  }
  // Resuming a removal that was under way: gone now means gone by it.
  const outcome: ItemOutcome = result === 'removed' || resumed ? 'removed' : 'already-gone';
  const when = at();
  const action = removeAction(item.grant);
  await commitOps([
    replaceItemOp(
      item,
      finished(
        item,
        outcome,
        outcome === 'removed'
          ? 'Removed by the app (it was granted outside the app).'
          : 'The user no longer had it.',
        when,
      ),
    ),
    auditEntryOp({
      id: auditId(item.accountId, item.grantKey, action, `review:${item.id}`),
      at: when,
      accountId: item.accountId,
      action,
      target: item.grantKey,
      targetName:
        item.grant.kind === 'group'
          ? item.grant.groupName
          : `${item.grant.roleName} in ${item.grant.projectKey}`,
      ruleId: '',
      reason: `Removed in access review "${ctx.campaign.definition.name}": ${item.reason} (it was granted outside the app)`,
      outcome: outcome === 'removed' ? 'success' : 'skipped',
      runId: reviewRunId(ctx.campaign.id),
      actor: actorOf(item),
    }),
  ]);
  return 'done';
}

function excludedBecause(ctx: ActContext, item: ReviewItem): string | null {
  if (ctx.exclusions.accountIds.has(item.accountId))
    return 'Not removed: the user is excluded (Inactivity → Exclusions), and exclusions always win.';
  if (item.grant.kind === 'group' && ctx.exclusions.groupIds.has(item.grant.groupId))
    return 'Not removed: the group is excluded (Inactivity → Exclusions), and exclusions always win.';
  return null;
}

async function actOn(
  ctx: ActContext,
  item: ReviewItem,
  ledger: LedgerRow[],
  resumed: boolean,
): Promise<ItemResult> {
  const excluded = excludedBecause(ctx, item);
  if (excluded) return settleWithoutChange(ctx, item, 'excluded', excluded);
  const row = ledger.find((r) => r.grantKey === item.grantKey);
  if (row?.state === 'denied' && row.review?.itemId === item.id) {
    // Another run (provisioning taking over after a kill) finished this item's removal.
    const at = ctx.deps.now();
    await replaceItem(
      item,
      finished(item, 'removed', 'Removed by the app (completed after an interruption).', at),
    );
    ctx.reevaluate.add(item.accountId);
    return 'done';
  }
  if (row && isIntent(row)) {
    const now = ctx.deps.now();
    if (row.holder !== ctx.intents.holder && row.leaseUntil > now) return release(item);
    // An interrupted change (this review's removal, or provisioning's): finish it, then look again next step.
    await finishIntents(item.accountId, ledger, ctx.intents);
    return release(item);
  }
  if (row?.state === 'granted') return removeAppGrant(ctx, item, row);
  if (!ctx.campaign.definition.removeHandGrants) {
    const detail =
      item.source === 'app'
        ? 'Not removed: the app no longer holds it (removed meanwhile, or held outside the app now); remove it by hand if it is still there.'
        : 'Not removed: it was granted outside the app, and this campaign leaves such access for an admin to remove.';
    return settleWithoutChange(ctx, item, 'left-for-admin', detail);
  }
  return removeHandGrant(ctx, item, resumed);
}

async function loadActContext(
  deps: RuntimeDeps,
  campaignId: string,
  tuning: ReviewTuning,
): Promise<ActContext | undefined> {
  const base = await loadReviewContext(deps, campaignId, tuning);
  if (!base) return undefined;
  const [rules, policy] = await Promise.all([listRules(), loadInactivityPolicy()]);
  const exclusions = policy.state === 'ok' ? policy.policy.exclusions : { accountIds: [], groupIds: [] };
  const holder = randomUUID();
  const intents: IntentContext = {
    writer: createGrantWriter(base.clients, base.settings, createGrantGuard(deps, base.settings, rules)),
    holder,
    leaseUntil: () => Math.ceil(deps.now() + deps.remainingMs() + tuning.leaseMarginMs),
    now: deps.now,
    runId: reviewRunId(campaignId),
    source: 'review',
  };
  return {
    ...base,
    intents,
    writer: intents.writer,
    exclusions: { accountIds: new Set(exclusions.accountIds), groupIds: new Set(exclusions.groupIds) },
    reevaluate: new Set(),
  };
}

/** Claims items: interrupted ones whose hold has run out first, then those waiting to be acted on. */
async function claimBatch(
  ctx: ActContext,
): Promise<{ claimed: Array<{ item: ReviewItem; resumed: boolean }>; heldUntil: number | null }> {
  const now = ctx.deps.now();
  const lease = { holder: ctx.intents.holder, leaseUntil: ctx.intents.leaseUntil() };
  const claimed: Array<{ item: ReviewItem; resumed: boolean }> = [];
  let heldUntil: number | null = null;
  const acting = await itemsInStage(ctx.campaign.id, 'acting', { limit: ctx.tuning.actBatch });
  for (const item of acting.items) {
    if (item.leaseUntil > now) {
      heldUntil = Math.min(heldUntil ?? item.leaseUntil, item.leaseUntil);
      continue;
    }
    const taken = { ...item, ...lease };
    if (await replaceItem(item, taken)) claimed.push({ item: taken, resumed: true });
  }
  const room = ctx.tuning.actBatch - claimed.length;
  if (room > 0) {
    const waiting = await itemsInStage(ctx.campaign.id, 'act', { limit: room });
    for (const item of waiting.items) {
      const taken: ReviewItem = { ...item, stage: 'acting', ...lease };
      if (await replaceItem(item, taken)) claimed.push({ item: taken, resumed: false });
    }
  }
  return { claimed, heldUntil };
}

export async function actStep(
  deps: RuntimeDeps,
  step: Extract<ReviewStep, { kind: 'act' }>,
  chain: number,
  tuning: ReviewTuning = REVIEW_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadActContext(deps, step.campaignId, tuning);
  if (!ctx) return { note: `campaign ${step.campaignId} not found` };
  if (ctx.campaign.status !== 'acting') return { note: `campaign is ${ctx.campaign.status}: act ignored` };
  const next = (delaySeconds: number, pushes = 0) =>
    queueStep(deps, { ...step, round: step.round + 1 }, { chain: chain + pushes, delaySeconds });

  const { claimed, heldUntil } = await claimBatch(ctx);
  if (claimed.length === 0) {
    if (heldUntil !== null) {
      await next(Math.ceil((heldUntil - deps.now()) / 1000) + 1);
      return { note: 'removals held by another delivery: checking again later' };
    }
    await queueStep(deps, { kind: 'finish', campaignId: ctx.campaign.id, round: 0 }, { chain });
    return { note: 'every removal carried out: finishing' };
  }

  const byUser = new Map<string, Array<{ item: ReviewItem; resumed: boolean }>>();
  for (const entry of claimed)
    byUser.set(entry.item.accountId, [...(byUser.get(entry.item.accountId) ?? []), entry]);
  let done = 0;
  let busy = 0;
  let writes = 0;
  for (const [accountId, entries] of byUser) {
    if (!hasTime(ctx)) {
      for (const { item } of entries) await release(item);
      continue;
    }
    let ledger = await ledgerForAccount(accountId);
    for (const { item, resumed } of entries) {
      const result = await actOn(ctx, item, ledger, resumed);
      writes++;
      if (result === 'done') done++;
      else busy++;
      ledger = await ledgerForAccount(accountId);
    }
  }
  let pushes = 0;
  if (ctx.reevaluate.size > 0) {
    const work: ProvisionWork = {
      accountIds: [...ctx.reevaluate],
      source: 'review',
      runId: `${reviewRunId(ctx.campaign.id)}:act:${step.round}`,
      attempt: 0,
      released: false,
    };
    await deps.enqueue(PROVISION_QUEUE, [{ body: { ...work } }]);
    pushes++;
  }
  await next(busy > 0 && done === 0 ? 60 : pacingSeconds(writes, tuning), pushes);
  return { note: `acted on ${done} items${busy ? `, ${busy} busy` : ''}` };
}
