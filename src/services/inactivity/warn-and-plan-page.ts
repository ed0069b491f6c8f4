// Sends one page's warnings and plans its actions (a live run, before any access changes): warnings stored and
// sent once, cleared warnings deleted, report-only and blocked outcomes audited, due actions planned for the brake.
import type { InactivityPolicy, PlannedAction, ProductDecision, UserDecision } from '../../domain/inactivity';
import { DAY_MS, effectiveWarnDays, hasNoticeChannel } from '../../domain/inactivity';
import { createActionRow } from '../../storage/inactivity-record-repository';
import {
  createWarning,
  deleteWarning,
  putWarning,
  type StoredWarning,
} from '../../storage/inactivity-user-repository';
import { recipientTexts } from '../recipient-text';
import { recordAudit, type InactivityAuditInput } from './inactivity-audit';
import { mapLimit, type RunContext } from './run-context';
import { deliverNotice, type WarningNotice } from './warning-notice';

export interface PageWarningsAndPlans {
  readonly planned: readonly PlannedAction[];
  /** Users with a due action left alone because no warning reached them (listed in the audit log). */
  readonly notTold: number;
  /** Jira calls made (notifications, and any language settings read for them), for pacing. */
  readonly jiraCalls: number;
}

function productName(policy: InactivityPolicy, product: string): string {
  return policy.products[product]?.displayName ?? product;
}

function noticeFor(
  policy: InactivityPolicy,
  accountId: string,
  warning: StoredWarning,
  lastActiveAt: number | null,
) {
  const productPolicy = policy.products[warning.product];
  return {
    accountId,
    product: warning.product,
    productName: productName(policy, warning.product),
    action: productPolicy?.action ?? 'remove-licence',
    warnedAt: warning.warnedAt,
    actAfter: warning.actAfter,
    lastActiveAt,
  } satisfies WarningNotice;
}

/**
 * A notice that failed, or that stayed pending past the claim lease (its sender was killed between storing the
 * warning and recording the send), is sent again: a user is told at least once before anything happens.
 */
function undeliveredNotice(
  warning: StoredWarning,
  now: number,
  tuning: RunContext['tuning'],
  canTell: boolean,
): boolean {
  if (warning.delivery === 'failed') return true;
  // Warned while the policy had no channel: now that it has one, the user is told (and given the full notice).
  if (warning.delivery === 'no-channels') return canTell;
  return warning.delivery === 'pending' && now - warning.warnedAt > tuning.claimLeaseMs;
}

export async function warnAndPlanPage(
  ctx: RunContext,
  decisions: readonly UserDecision[],
  warnings: ReadonlyMap<string, readonly StoredWarning[]>,
  now: number,
  /** Users' language settings (`de_DE`) already read this step. */
  locales: ReadonlyMap<string, string>,
): Promise<PageWarningsAndPlans> {
  const { run, policy } = ctx;
  const planned: PlannedAction[] = [];
  let jiraCalls = 0;
  let notTold = 0;
  const canTell = hasNoticeChannel(policy.notifications);
  // Unless an admin confirmed otherwise, nobody loses access without a warning that reached them.
  const mayActUntold = policy.notifications.actWhenNotTold === true;
  const channels = { jira: ctx.clients.jira, fetch: ctx.deps.fetch };
  // Each user is warned in their own language; the page's user reads already carry it (`locales`).
  const texts = recipientTexts(ctx.deps, {
    readLocale: (accountId) => ctx.clients.jira.userLocale(accountId),
    known: locales,
  });
  const entry = (
    accountId: string,
    decision: Pick<ProductDecision, 'product' | 'reason'>,
    fact: string,
    action: InactivityAuditInput['action'],
    outcome: InactivityAuditInput['outcome'],
    reason = decision.reason.message,
  ): InactivityAuditInput => ({
    runId: run.id,
    fact,
    at: now,
    accountId,
    action,
    target: decision.product,
    targetName: productName(policy, decision.product),
    reason,
    outcome,
    actor: 'app',
  });
  const deliver = async (notice: WarningNotice) => {
    if (policy.notifications.jiraNotify) jiraCalls += 1;
    return deliverNotice(policy.notifications, notice, await texts.textFor(notice.accountId), channels);
  };

  await mapLimit(decisions, ctx.tuning.concurrency, async (user) => {
    // Each user's entries are written as soon as their effects are (ids are deterministic, so a retried page
    // adds nothing twice), and a cancellation is audited before the warning goes, so a kill cannot lose it.
    const audit: InactivityAuditInput[] = [];
    const stored = new Map((warnings.get(user.accountId) ?? []).map((w) => [w.product, w]));
    const undelivered = new Set<string>();
    const untold = new Set<string>();
    const toldNow = new Set<string>();
    for (const decision of user.decisions) {
      const existing = stored.get(decision.product);
      if (decision.outcome === 'warn' && decision.warning === 'create') {
        const warning: StoredWarning = {
          ...decision.newWarning,
          accountId: user.accountId,
          runId: run.id,
          delivery: 'pending',
          deliveryError: null,
          deliveryAttempts: 0,
        };
        // Only the delivery that creates the warning sends the notice.
        if ((await createWarning(warning, now)) === 'created') {
          const outcome = await deliver(
            noticeFor(policy, user.accountId, warning, decision.activity.lastActiveAt),
          );
          await putWarning(
            { ...warning, delivery: outcome.delivery, deliveryError: outcome.error, deliveryAttempts: 1 },
            now,
          );
          const note =
            outcome.delivery === 'failed'
              ? ` The notice could not be delivered (${outcome.error}); nothing will be done until it is.`
              : outcome.delivery === 'no-channels'
                ? ' No notification channel is configured: the user was not told.'
                : outcome.error
                  ? ` Partly delivered: ${outcome.error}.`
                  : '';
          audit.push(
            entry(
              user.accountId,
              decision,
              'warn',
              'inactivity-warned',
              outcome.delivery === 'failed' ? 'failed' : 'success',
              `${decision.reason.message}${note}`,
            ),
          );
        }
      } else if (decision.warning === 'clear' && existing) {
        await recordAudit([
          entry(user.accountId, decision, 'cancel', 'inactivity-warning-cancelled', 'success'),
        ]);
        await deleteWarning(user.accountId, decision.product);
      } else if (
        decision.warning === 'keep' &&
        existing &&
        undeliveredNotice(existing, now, ctx.tuning, canTell)
      ) {
        undelivered.add(decision.product);
        const outcome = await deliver(
          noticeFor(policy, user.accountId, existing, decision.activity.lastActiveAt),
        );
        if (outcome.delivery === 'failed') {
          await putWarning(
            { ...existing, deliveryError: outcome.error, deliveryAttempts: existing.deliveryAttempts + 1 },
            now,
          );
        } else {
          // A late notice restarts the notice period: the user gets the full warning they were promised.
          const productPolicy = policy.products[existing.product];
          const warnMs = productPolicy ? effectiveWarnDays(productPolicy) * DAY_MS : 0;
          const redelivered: StoredWarning = {
            ...existing,
            warnedAt: now,
            actAfter: Math.max(existing.actAfter, now + warnMs),
            delivery: outcome.delivery,
            deliveryError: outcome.error,
            deliveryAttempts: existing.deliveryAttempts + 1,
          };
          await putWarning(redelivered, now);
          toldNow.add(existing.product);
          audit.push(
            entry(
              user.accountId,
              decision,
              'warn-delivered',
              'inactivity-warned',
              'success',
              `The earlier warning could not be delivered; delivered now. Due on or after ${new Date(redelivered.actAfter).toISOString().slice(0, 10)}.`,
            ),
          );
        }
      }
      if (existing?.runId === run.id && decision.warning === 'keep') {
        // Created earlier in this run by a delivery that was cut off before auditing it: same id, added once.
        audit.push(entry(user.accountId, decision, 'warn', 'inactivity-warned', 'success'));
      }
      if (decision.outcome === 'act' && decision.action.kind === 'report') {
        audit.push(entry(user.accountId, decision, 'report', 'inactivity-reported', 'success'));
      } else if (decision.outcome === 'blocked') {
        audit.push(entry(user.accountId, decision, 'blocked', 'inactivity-skipped', 'skipped'));
      }
    }

    for (const [product, warning] of stored) {
      if (warning.delivery === 'pending') undelivered.add(product);
      else if (warning.delivery !== 'delivered' && !mayActUntold && !toldNow.has(product))
        untold.add(product);
    }
    const actions = user.actions.filter((action) => {
      const products = action.kind === 'suspend' ? action.products : [action.product];
      const blockedBy = products.filter((p) => undelivered.has(p) || untold.has(p));
      if (blockedBy.length === 0) return true;
      for (const product of blockedBy) {
        const decision = user.decisions.find((d) => d.product === product);
        if (decision)
          audit.push(
            entry(
              user.accountId,
              decision,
              'undelivered',
              'inactivity-skipped',
              'skipped',
              `${decision.reason.message} ${notToldReason(stored.get(product))}`,
            ),
          );
      }
      return false;
    });
    if (actions.length < user.actions.length) notTold += 1;
    await recordAudit(audit);
    if (actions.length === 0) return;
    await createActionRow({
      runId: run.id,
      accountId: user.accountId,
      status: 'planned',
      at: now,
      planned: actions,
      reasons: user.decisions
        .filter((d) => d.outcome === 'act')
        .map((d) => ({ product: d.product, message: d.reason.message, words: d.reason.words })),
      claim: null,
      intent: null,
      results: [],
      restore: null,
    });
    planned.push(...actions);
  });
  return { planned, jiraCalls: jiraCalls + texts.reads, notTold };
}

/** Why a due action waits: the warning never reached the user. */
function notToldReason(warning: StoredWarning | undefined): string {
  if (warning?.delivery === 'no-channels')
    return 'Not done: the user was never told (the policy has no notification channel). Set one in the policy; the user is then warned and given the full notice.';
  return `Not done: the warning never reached the user (${warning?.deliveryError ?? 'its delivery was never confirmed'}).`;
}
