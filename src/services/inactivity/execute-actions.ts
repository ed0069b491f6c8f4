// Carrying out a run's allowed (or approved) actions, a batch per step: each user's row is claimed, reconfirmed on
// fresh facts, its exact changes written down before they are made, then made, recorded, audited and warnings
// cleared. A row is acted on once, whoever delivers the step and however often.
import type { JiraUser } from '../../clients/jira-types';
import {
  approveReview,
  decideForUser,
  reconfirmActions,
  type PlannedAction,
  type UserDecision,
} from '../../domain/inactivity';
import { actionRowsWithStatus, transitionActionRow } from '../../storage/inactivity-record-repository';
import { updateRunProgress } from '../../storage/inactivity-run-repository';
import type {
  ActionResult,
  ActionRow,
  ActionRowStatus,
  ExecutionCounts,
} from '../../storage/inactivity-run-types';
import { deleteWarning } from '../../storage/inactivity-user-repository';
import type { RuntimeDeps } from '../runtime-deps';
import { AccessChangeError, accessWriter, type AccessWriter } from './access-writer';
import type { StepOutcome } from './collect-page';
import { gatherFacts } from './gather-facts';
import { recordAudit, type InactivityAuditInput } from './inactivity-audit';
import { loadRunContext, type RunContext } from './run-context';
import { finishRun } from './run-lifecycle';
import { enqueueStep, type SweepStep } from './sweep-steps';
import { pacingDelaySeconds, SWEEP_TUNING, type SweepTuning } from './sweep-tuning';

type ExecuteStep = Extract<SweepStep, { kind: 'execute' }>;

function productsOf(action: PlannedAction): readonly string[] {
  return action.kind === 'suspend' ? action.products : [action.product];
}

function droppedResult(action: PlannedAction, reason: string, at: number): ActionResult {
  return action.kind === 'suspend'
    ? { kind: 'suspend', products: action.products, outcome: 'dropped', reason, at }
    : {
        kind: 'remove-licence',
        product: action.product,
        outcome: 'dropped',
        removedGroupIds: [],
        failedGroupIds: [],
        reason,
        at,
      };
}

/** 'done' whenever something on the site changed (so a restore finds it), even if part of it failed. */
function rowStatus(results: readonly ActionResult[]): ActionRowStatus {
  const changed = results.some(
    (r) => r.outcome === 'done' || (r.kind === 'remove-licence' && r.removedGroupIds.length > 0),
  );
  if (changed) return 'done';
  return results.some((r) => r.outcome === 'failed') ? 'failed' : 'dropped';
}

function approvedByReview(ctx: RunContext, row: ActionRow): boolean {
  const review = ctx.run.review;
  if (!review) return true;
  return approveReview(row.planned, review.approval).allowed.length > 0;
}

async function removeLicence(
  writer: AccessWriter,
  action: Extract<PlannedAction, { kind: 'remove-licence' }>,
  resumed: boolean,
  reason: string,
  at: number,
): Promise<ActionResult> {
  const removed: string[] = [];
  const failed: string[] = [];
  const failures: string[] = [];
  for (const groupId of action.groupIds) {
    try {
      const outcome = await writer.removeFromGroup(groupId, action.accountId);
      // Resuming a row whose write-ahead says these removals were under way: gone now means gone by us.
      if (outcome === 'removed' || resumed) removed.push(groupId);
    } catch (e) {
      if (!(e instanceof AccessChangeError)) throw e;
      failed.push(groupId);
      failures.push(e.message);
    }
  }
  const outcome = failed.length > 0 ? 'failed' : removed.length > 0 ? 'done' : 'dropped';
  const why =
    outcome === 'failed'
      ? `${reason} Failed: ${failures.join(' ')}${removed.length > 0 ? ` Removed from ${removed.join(', ')} only.` : ''}`
      : outcome === 'dropped'
        ? `${reason} Nothing removed: the user was no longer in ${action.groupIds.join(', ')}.`
        : `${reason} Removed from ${removed.join(', ')}.`;
  return {
    kind: 'remove-licence',
    product: action.product,
    outcome,
    removedGroupIds: removed,
    failedGroupIds: failed,
    reason: why,
    at,
  };
}

async function suspendAccount(
  writer: AccessWriter,
  action: Extract<PlannedAction, { kind: 'suspend' }>,
  reason: string,
  at: number,
): Promise<ActionResult> {
  try {
    await writer.suspend(action.accountId);
    return { kind: 'suspend', products: action.products, outcome: 'done', reason, at };
  } catch (e) {
    if (!(e instanceof AccessChangeError)) throw e;
    return {
      kind: 'suspend',
      products: action.products,
      outcome: 'failed',
      reason: `${reason} ${e.message}`,
      at,
    };
  }
}

function auditFor(ctx: RunContext, row: ActionRow, result: ActionResult): InactivityAuditInput {
  const products = result.kind === 'suspend' ? result.products : [result.product];
  const target = result.kind === 'suspend' ? 'account' : result.product;
  const names = products.map((p) => ctx.policy.products[p]?.displayName ?? p).join(', ');
  return {
    runId: ctx.run.id,
    fact: result.kind === 'suspend' ? 'suspend' : 'remove',
    at: result.at,
    accountId: row.accountId,
    action:
      result.outcome === 'dropped'
        ? 'inactivity-skipped'
        : result.kind === 'suspend'
          ? 'account-suspended'
          : 'licence-removed',
    target,
    targetName:
      result.kind === 'remove-licence' && result.removedGroupIds.length > 0
        ? `${names} (groups ${result.removedGroupIds.map((g) => ctx.run.licenceGroupNames?.[g] ?? g).join(', ')})`
        : names,
    reason: result.reason,
    outcome: result.outcome === 'done' ? 'success' : result.outcome === 'failed' ? 'failed' : 'skipped',
    actor: ctx.run.review ? ctx.run.review.by : 'app',
  };
}

function reasonFor(row: ActionRow, fresh: UserDecision | undefined, action: PlannedAction): string {
  const products = productsOf(action);
  const decided = fresh?.decisions.filter((d) => products.includes(d.product)) ?? [];
  if (decided.length > 0) return decided.map((d) => d.reason.message).join(' ');
  return row.reasons
    .filter((r) => products.includes(r.product))
    .map((r) => r.message)
    .join(' ');
}

/** Reconfirms (unless resuming), writes the intent ahead, makes the changes, records the outcome. */
async function executeRow(
  ctx: RunContext,
  claimed: ActionRow,
  fresh: UserDecision | undefined,
  writer: AccessWriter,
  owner: string,
  now: number,
): Promise<ActionResult[] | undefined> {
  let row = claimed;
  const resumed = row.intent !== null;
  // A resumed row keeps what its write-ahead already recorded (the actions reconfirmation dropped).
  const results: ActionResult[] = resumed ? [...row.results] : [];
  if (!resumed) {
    const check = fresh
      ? reconfirmActions(row.planned, [fresh])
      : {
          proceed: [],
          dropped: row.planned.map((action) => ({
            action,
            reason: 'No fresh facts could be read; not acted on.',
          })),
        };
    for (const { action, reason } of check.dropped) results.push(droppedResult(action, reason, now));
    row = { ...row, intent: [...check.proceed], results };
    // Write-ahead: if this invocation dies mid-way, whoever resumes knows exactly what was under way.
    if (!(await transitionActionRow(row, ['executing'], owner))) return undefined;
  }
  for (const action of row.intent ?? []) {
    const reason = reasonFor(row, fresh, action);
    results.push(
      action.kind === 'remove-licence'
        ? await removeLicence(writer, action, resumed, reason, ctx.deps.now())
        : await suspendAccount(writer, action, reason, ctx.deps.now()),
    );
  }
  // Audited before the row is closed (ids are deterministic): a kill in between cannot lose the entries.
  await recordAudit(results.map((result) => auditFor(ctx, row, result)));
  const finished: ActionRow = { ...row, status: rowStatus(results), results, claim: null };
  if (!(await transitionActionRow(finished, ['executing'], owner))) return undefined;
  // After an act succeeds its warning has served its purpose.
  const acted = results
    .filter((r) => r.outcome === 'done')
    .flatMap((r) => (r.kind === 'suspend' ? r.products : [r.product]));
  for (const product of new Set(acted)) await deleteWarning(row.accountId, product);
  return results;
}

async function countRows(runId: string, status: ActionRowStatus): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await actionRowsWithStatus(runId, status, cursor ? { cursor } : {});
    count += page.rows.length;
    cursor = page.cursor;
  } while (cursor);
  return count;
}

async function completeExecution(ctx: RunContext, now: number): Promise<StepOutcome> {
  const runId = ctx.run.id;
  const execution: ExecutionCounts = {
    done:
      (await countRows(runId, 'done')) +
      (await countRows(runId, 'restoring')) +
      (await countRows(runId, 'restored')),
    dropped: await countRows(runId, 'dropped'),
    failed: await countRows(runId, 'failed'),
  };
  await finishRun(runId, 'completed', now, { change: (run) => ({ ...run, execution }) });
  return {
    note: `execution completed: ${execution.done} done, ${execution.dropped} dropped, ${execution.failed} failed`,
  };
}

export async function executeActions(
  deps: RuntimeDeps,
  step: ExecuteStep,
  claimant: string,
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<StepOutcome> {
  const ctx = await loadRunContext(deps, step.runId, tuning);
  if (!ctx) return { note: `run ${step.runId} not found` };
  if (ctx.run.status !== 'executing') return { note: `run is ${ctx.run.status}: execute ignored` };
  const now = deps.now();
  const owner = claimant;
  const next = (delaySeconds: number) =>
    enqueueStep(deps, { ...step, round: step.round + 1 }, delaySeconds, step);

  // Rows a killed delivery left mid-way come first; a row another live delivery holds is left to it.
  const held: ActionRow[] = [];
  let heldElsewhere = 0;
  const inFlight = await actionRowsWithStatus(step.runId, 'executing', { limit: tuning.executeBatch });
  for (const row of inFlight.rows) {
    const claim = row.claim;
    if (claim && claim.by !== owner && now - claim.at <= tuning.claimLeaseMs) {
      heldElsewhere += 1;
      continue;
    }
    const taken: ActionRow = { ...row, claim: { by: owner, at: now } };
    if (await transitionActionRow(taken, ['executing'], claim?.by ?? '')) held.push(taken);
  }
  const room = tuning.executeBatch - held.length;
  const planned =
    room > 0 ? await actionRowsWithStatus(step.runId, 'planned', { limit: room }) : { rows: [] };
  const audit: InactivityAuditInput[] = [];
  for (const row of planned.rows) {
    if (!approvedByReview(ctx, row)) {
      const review = ctx.run.review;
      const reason = `Not approved in the review${review ? ` by ${review.by} on ${new Date(review.at).toISOString().slice(0, 10)}` : ''}; nothing was done.`;
      const dropped: ActionRow = {
        ...row,
        status: 'dropped',
        results: row.planned.map((action) => droppedResult(action, reason, now)),
      };
      if (await transitionActionRow(dropped, ['planned']))
        audit.push(...dropped.results.map((result) => auditFor(ctx, dropped, result)));
      continue;
    }
    const claimed: ActionRow = { ...row, status: 'executing', claim: { by: owner, at: now } };
    if (await transitionActionRow(claimed, ['planned'])) held.push(claimed);
  }
  await recordAudit(audit);

  if (held.length === 0 && planned.rows.length === 0) {
    if (heldElsewhere > 0) {
      await next(Math.ceil(tuning.claimLeaseMs / 1000));
      return { note: `${heldElsewhere} rows held by another delivery: checking again later` };
    }
    return completeExecution(ctx, now);
  }

  const toReconfirm = held.filter((row) => row.intent === null);
  const freshDecisions = new Map<string, UserDecision>();
  let activityCalls = 0;
  let jiraCalls = 0;
  if (toReconfirm.length > 0) {
    const users = toReconfirm.map((row): JiraUser => ({
      accountId: row.accountId,
      accountType: 'atlassian',
      active: true,
    }));
    const gathered = await gatherFacts(ctx, users, {
      now,
      purpose: 'reconfirm',
      outOfTime: () => deps.remainingMs() < tuning.pageDeadlineMarginMs,
    });
    activityCalls += gathered.activityCalls;
    jiraCalls += gathered.jiraCalls;
    if (gathered.incomplete) {
      // Give the rows back untouched; the next round claims them again.
      for (const row of toReconfirm)
        await transitionActionRow({ ...row, status: 'planned', claim: null }, ['executing'], owner);
      await next(Math.max(gathered.incomplete.retryAfterSeconds, 1));
      return { note: `reconfirmation ${gathered.incomplete.reason}: retrying` };
    }
    for (const facts of gathered.facts)
      freshDecisions.set(facts.accountId, decideForUser(facts, ctx.policy, now));
  }

  const writer = accessWriter(ctx.settings, ctx.clients);
  let changes = 0;
  for (const row of held) {
    const results = await executeRow(ctx, row, freshDecisions.get(row.accountId), writer, owner, now);
    changes += results?.length ?? 0;
  }
  await updateRunProgress(
    step.runId,
    (progress) => ({ ...progress, updatedAt: deps.now() }),
    ctx.run.progress,
  );
  await next(pacingDelaySeconds({ activity: activityCalls, jira: jiraCalls + changes }, tuning));
  return { note: `executed ${held.length} users' actions (${changes} results)` };
}
