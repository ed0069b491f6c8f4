// The Inactivity tab: policy and exclusions, dry runs and their reports, the review queue, runs, and restores.
import { runName } from '../../shared/run-names';
import { classify } from '../failures';
import { outdatedReasons, type OutdatedReason } from '../../domain/computed-inputs';
import type {
  ActionRowsView,
  ActionRowView,
  InactivityExclusionsSavePayload,
  InactivityPolicyView,
  InactivityReviewApprovePayload,
  InactivityRunsListPayload,
  InactivityRunsListView,
  InactivityRunsReportPayload,
  InactivityRunsReportView,
  InactivityRunView,
  Reply,
  ReplyFieldError,
  RestoreRunView,
  RestoreUserView,
  ReviewApprovedView,
  ReviewQueueView,
  StartRunView,
} from '../../shared/contract';
import type { InactivityPolicy, PolicyFieldError } from '../../domain/inactivity';
import { suspendingProducts, suspensionChangeRefusal } from '../../domain/privilege';
import { actionRowsWithStatus } from '../../storage/inactivity-record-repository';
import { getPendingReview, getRunPolicy } from '../../storage/inactivity-run-repository';
import { loadInactivityPolicy } from '../../storage/inactivity-policy-repository';
import {
  approveInactivityReview,
  getInactivityPolicy,
  getInactivityRun,
  getInactivityRunActions,
  getInactivityRunReport,
  listInactivityRuns,
  pageInactivityRuns,
  restoreInactivityRun,
  restoreInactivityUser,
  saveInactivityPolicy,
  startInactivityDryRun,
  type ActionRow,
  type InactivityRun,
} from '../inactivity';
import type { AdminContext } from './admin-context';
import { apiFailure, fail, invalid, ok } from './reply';
import { siteAdminsOnly } from './roles';

/** What the page may see of a run: not the site's internal ids and cursors. */
export function runView(run: InactivityRun): InactivityRunView {
  return {
    id: run.id,
    mode: run.mode,
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    status: run.status,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    stopReason: run.stopReason,
    policyVersion: run.policyVersion ?? null,
    progress: {
      pages: run.progress.pages,
      users: run.progress.users,
      activityCalls: run.progress.activityCalls,
      rateLimitedWaits: run.progress.rateLimitedWaits,
      updatedAt: run.progress.updatedAt,
    },
    licensedUsers: run.licensedUsers,
    report: run.report,
    brake: run.brake,
    review: run.review,
    execution: run.execution,
    restore: run.restore,
  };
}

/** Product names by key as the run knew them: the page names products, never keys. */
function namesOf(run: InactivityRun): Record<string, string> {
  return Object.fromEntries(run.catalogue.map((p) => [p.key, p.displayName]));
}

function rowView(row: ActionRow, names: Readonly<Record<string, string>>): ActionRowView {
  const keys = new Set([
    ...row.reasons.map((r) => r.product),
    ...row.planned.flatMap((a) => (a.kind === 'suspend' ? a.products : [a.product])),
  ]);
  return {
    productNames: Object.fromEntries([...keys].map((key) => [key, names[key] ?? key])),
    runId: row.runId,
    accountId: row.accountId,
    status: row.status,
    at: row.at,
    planned: row.planned,
    reasons: row.reasons,
    results: row.results,
    restore: row.restore,
  };
}

async function policyView(ctx: AdminContext): Promise<Reply<InactivityPolicyView>> {
  try {
    return ok(await getInactivityPolicy(ctx.deps));
  } catch (e) {
    const failure = apiFailure<InactivityPolicyView>(e, "Reading the site's products");
    if (failure) return failure;
    throw e;
  }
}

export function getPolicy(ctx: AdminContext): Promise<Reply<InactivityPolicyView>> {
  return policyView(ctx);
}

/** Product admins: a policy change that touches suspension (organization-wide) is a site admin's to make. */
async function suspensionRefusal<T>(
  ctx: AdminContext,
  next: InactivityPolicy,
): Promise<Reply<T> | undefined> {
  if (ctx.role.kind === 'site-admin') return undefined;
  const loaded = await loadInactivityPolicy();
  const why = suspensionChangeRefusal(loaded.state === 'ok' ? loaded.policy : undefined, next);
  return why ? { ok: false, error: siteAdminsOnly(ctx.role, `change this policy: ${why}`) } : undefined;
}

export async function savePolicy(
  ctx: AdminContext,
  policy: InactivityPolicy,
  confirmedUntold = false,
): Promise<Reply<InactivityPolicyView>> {
  const refused = await suspensionRefusal<InactivityPolicyView>(ctx, policy);
  if (refused) return refused;
  const result = await saveInactivityPolicy(ctx.deps, policy, ctx.accountId, { confirmedUntold });
  if (!result.ok)
    return invalid(
      result.errors.map((e): ReplyFieldError => ({
        field: e.path === 'policy' ? 'policy' : `policy.${e.path}`,
        ...keyedMessage(e),
      })),
    );
  return policyView(ctx);
}

export async function saveExclusions(
  ctx: AdminContext,
  payload: InactivityExclusionsSavePayload,
): Promise<Reply<InactivityPolicyView>> {
  const loaded = await loadInactivityPolicy();
  if (loaded.state !== 'ok')
    return fail(
      'conflict',
      loaded.state === 'none'
        ? 'Save the inactivity policy first; exclusions are part of it.'
        : `The saved policy is invalid (${loaded.problem}); save the whole policy first.`,
    );
  const policy: InactivityPolicy = {
    ...loaded.policy,
    exclusions: {
      accountIds: [...new Set(payload.accountIds)],
      groupIds: [...new Set(payload.groupIds)],
      recentlyAddedDays: payload.recentlyAddedDays,
    },
  };
  const refused = await suspensionRefusal<InactivityPolicyView>(ctx, policy);
  if (refused) return refused;
  const result = await saveInactivityPolicy(ctx.deps, policy, ctx.accountId);
  if (!result.ok)
    return invalid(
      result.errors.map((e): ReplyFieldError => ({
        field: e.path.startsWith('exclusions.') ? e.path.slice('exclusions.'.length) : e.path,
        ...keyedMessage(e),
      })),
    );
  return policyView(ctx);
}

export async function startDryRun(
  ctx: AdminContext,
  draftPolicy?: InactivityPolicy,
): Promise<Reply<StartRunView>> {
  try {
    const result = await startInactivityDryRun(ctx.deps, {
      by: ctx.accountId,
      ...(draftPolicy ? { draftPolicy } : {}),
    });
    if (result.status === 'not-started' && result.errors && result.errors.length > 0)
      return invalid(
        result.errors.map((e) => ({ field: `draftPolicy.${e.path}`, ...keyedMessage(e) })),
        result.reason,
      );
    if (result.status === 'not-started')
      return ok({
        status: 'not-started',
        reason: result.reason,
        ...(result.activeRunId ? { activeRunId: result.activeRunId } : {}),
      });
    return ok(result);
  } catch (e) {
    const failure = apiFailure<StartRunView>(e, 'Starting the dry run');
    if (failure) return failure;
    const busy = classify(e);
    if (busy.kind === 'queue-busy')
      return fail(
        'unavailable',
        `The dry run could not be queued right now (${busy.message}); try again in a minute.`,
      );
    throw e;
  }
}

export async function listRuns(payload: InactivityRunsListPayload): Promise<Reply<InactivityRunsListView>> {
  const { runs, total } = await pageInactivityRuns({
    offset: payload.offset ?? 0,
    limit: payload.limit ?? 20,
    order: payload.order ?? 'newest',
  });
  return ok({ runs: runs.map(runView), total });
}

export async function getRunView(runId: string): Promise<Reply<InactivityRunView>> {
  const run = await getInactivityRun(runId);
  return run ? ok(runView(run)) : fail('not-found', `There is no such run (${runName(runId)}).`);
}

/** A finished report is outdated once the saved policy changes or the clock moves on by a day. */
async function reportOutdated(run: InactivityRun, now: number): Promise<OutdatedReason[]> {
  if (run.status !== 'completed' && run.status !== 'awaiting-review') return [];
  const saved = await loadInactivityPolicy();
  return outdatedReasons(
    { policyVersion: run.policyVersion, at: run.finishedAt ?? run.updatedAt },
    { policyVersion: saved.state === 'ok' ? saved.updatedAt : null, now },
  );
}

export async function runReport(
  ctx: AdminContext,
  payload: InactivityRunsReportPayload,
): Promise<Reply<InactivityRunsReportView>> {
  let runId = payload.runId;
  if (runId === undefined) {
    const latest = (await listInactivityRuns({ limit: 100 })).find((r) => r.mode === 'dry-run');
    if (!latest) return ok(null);
    runId = latest.id;
  }
  const page = await getInactivityRunReport(runId, {
    ...(payload.outcome ? { outcome: payload.outcome } : {}),
    ...(payload.cursor ? { cursor: payload.cursor } : {}),
    ...(payload.limit ? { limit: payload.limit } : {}),
  });
  if (!page) return payload.runId ? fail('not-found', `There is no such run (${runName(runId)}).`) : ok(null);
  return ok({
    run: runView(page.run),
    outdated: await reportOutdated(page.run, ctx.deps.now()),
    entries: page.entries,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

export async function runActions(
  runId: string,
  options: { cursor?: string; limit?: number },
): Promise<Reply<ActionRowsView>> {
  const run = await getInactivityRun(runId);
  if (!run) return fail('not-found', `There is no such run (${runName(runId)}).`);
  const page = await getInactivityRunActions(runId, options);
  const names = namesOf(run);
  return ok({
    rows: page.rows.map((row) => rowView(row, names)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

export async function reviewQueue(options: {
  cursor?: string;
  limit?: number;
}): Promise<Reply<ReviewQueueView>> {
  const pending = await getPendingReview();
  const run = pending ? await getInactivityRun(pending.runId) : undefined;
  if (!run || run.status !== 'awaiting-review') return ok({ run: null, rows: [] });
  const page = await actionRowsWithStatus(run.id, 'planned', {
    limit: options.limit ?? 50,
    ...(options.cursor ? { cursor: options.cursor } : {}),
  });
  return ok({
    run: runView(run),
    rows: page.rows.map((row) => rowView(row, namesOf(run))),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

export async function approveReview(
  ctx: AdminContext,
  payload: InactivityReviewApprovePayload,
): Promise<Reply<ReviewApprovedView>> {
  // Approving lets the held actions run: suspensions among them are a site admin's to release.
  if (ctx.role.kind !== 'site-admin' && payload.approval.approve !== 'none') {
    const suspending = suspendingProducts(await getRunPolicy(payload.runId));
    if (suspending.length > 0)
      return {
        ok: false,
        error: siteAdminsOnly(
          ctx.role,
          `approve ${runName(payload.runId)}: it suspends accounts for ${suspending.join(', ')}, which is organization-wide`,
        ),
      };
  }
  const result = await approveInactivityReview(ctx.deps, {
    runId: payload.runId,
    approval: payload.approval,
    by: ctx.accountId,
  });
  if (!result.ok)
    return fail(result.reason.startsWith('There is no such run') ? 'not-found' : 'conflict', result.reason);
  return ok({
    runId: result.runId,
    allowedActions: result.allowedActions,
    droppedActions: result.droppedActions,
    unknownAccountIds: [...result.unknownAccountIds],
  });
}

export async function restoreUser(
  ctx: AdminContext,
  payload: { runId: string; accountId: string },
): Promise<Reply<RestoreUserView>> {
  if (!(await getInactivityRun(payload.runId)))
    return fail('not-found', `There is no such run (${runName(payload.runId)}).`);
  try {
    const result = await restoreInactivityUser(ctx.deps, { ...payload, by: ctx.accountId });
    return ok({ restored: result.restored, message: result.message, words: result.words });
  } catch (e) {
    const failure = apiFailure<RestoreUserView>(e, `Restoring ${payload.accountId}`);
    if (failure) return failure;
    throw e;
  }
}

export async function restoreRun(ctx: AdminContext, runId: string): Promise<Reply<RestoreRunView>> {
  const result = await restoreInactivityRun(ctx.deps, { runId, by: ctx.accountId });
  if (!result.queued)
    return fail(result.reason.startsWith('There is no such run') ? 'not-found' : 'conflict', result.reason);
  return ok({ runId: result.runId, queued: true });
}

/** A policy problem's English with its key and values, when the validator gave them, for the page to word. */
function keyedMessage(e: PolicyFieldError): Pick<ReplyFieldError, 'message' | 'key' | 'values'> {
  return { message: e.message, ...(e.key ? { key: e.key } : {}), ...(e.values ? { values: e.values } : {}) };
}
