// Undo: puts back exactly what a run removed (the groups it took a user out of, a suspension it made), for one
// user right away or for a whole run through the queue. Audited; safe to repeat (nothing is put back twice).
import type { Words } from '../../domain/inactivity/words';
import { runName, RunName } from '../../shared/run-names';
import { AtlassianApiError } from '../../clients/api-error';
import {
  planRestore,
  type AccountState,
  type RecordedAction,
  type RestorePlan,
} from '../../domain/inactivity';
import type { AppSettings } from '../../shared/settings';
import {
  actionRowsOfAccount,
  actionRowsWithStatus,
  transitionActionRow,
} from '../../storage/inactivity-record-repository';
import { getRun, updateRun } from '../../storage/inactivity-run-repository';
import {
  FINISHED_RUN_STATUSES,
  type ActionRestoreResult,
  type ActionRow,
  type InactivityRun,
} from '../../storage/inactivity-run-types';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients, type ApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import type { RestoreOutcomeView } from '../../shared/inactivity-views';
import { AccessChangeError, accessWriter } from './access-writer';
import type { StepOutcome } from './collect-page';
import { recordAudit, type InactivityAuditInput } from './inactivity-audit';
import { nothingToRestore, restoredSome } from './restore-text';
import { isActiveAccount } from './user-facts';
import { enqueueStep, type SweepStep } from './sweep-steps';
import { SWEEP_TUNING, type SweepTuning } from './sweep-tuning';

export type RestoreOutcome = RestoreOutcomeView;

interface RestoreEnv {
  readonly deps: RuntimeDeps;
  readonly settings: AppSettings;
  readonly clients: ApiClients;
  readonly tuning: SweepTuning;
}

/** What the row's run changed on the site, in the domain's terms (partly failed removals included). */
export function recordedActions(row: ActionRow): RecordedAction[] {
  return row.results.flatMap((result): RecordedAction[] => {
    if (result.kind === 'suspend')
      return result.outcome === 'done' ? [{ accountId: row.accountId, action: 'suspend' }] : [];
    return result.removedGroupIds.length > 0
      ? [
          {
            accountId: row.accountId,
            product: result.product,
            action: 'remove-licence',
            removedGroupIds: result.removedGroupIds,
          },
        ]
      : [];
  });
}

async function currentState(env: RestoreEnv, accountId: string): Promise<AccountState> {
  const user = await env.clients.jira.getUser(accountId);
  const directory = env.clients.admin
    ? (await env.clients.admin.directoryUsersByIds([accountId])).data.find((u) => u.accountId === accountId)
    : undefined;
  return {
    groupIds: (user.groups?.items ?? []).map((g) => g.groupId).filter((id): id is string => !!id),
    active: isActiveAccount(user, directory),
  };
}

/** How the audit names a run's groups and products: the names the run read, the id only when it had none. */
interface RunNames {
  readonly group: (groupId: string) => string;
  readonly product: (key: string) => string;
}

function runNames(run: InactivityRun | undefined): RunNames {
  const groups = run?.licenceGroupNames ?? {};
  const products = new Map((run?.catalogue ?? []).map((p) => [p.key, p.displayName]));
  return {
    group: (groupId) => groups[groupId] ?? `a group no longer named (${groupId})`,
    product: (key) => products.get(key) ?? key,
  };
}

function auditRestore(
  row: ActionRow,
  plan: RestorePlan,
  result: ActionRestoreResult,
  names: RunNames,
): InactivityAuditInput[] {
  const base = { runId: row.runId, at: result.at, accountId: row.accountId, actor: result.by };
  const failed = result.failures.length > 0;
  const entries: InactivityAuditInput[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'restore-account') {
      entries.push({
        ...base,
        fact: `restore-account-${result.at}`,
        action: 'account-restored',
        target: 'account',
        targetName: 'Atlassian account',
        reason: result.accountRestored
          ? `Suspension made by ${runName(row.runId)} undone.`
          : `Undoing the suspension made by ${runName(row.runId)} failed: ${result.failures.join(' ')}`,
        outcome: result.accountRestored ? 'success' : 'failed',
      });
    } else {
      const done = step.groupIds.filter((g) => result.regrantedGroupIds.includes(g)).map(names.group);
      entries.push({
        ...base,
        fact: `restore-groups-${result.at}`,
        action: 'access-restored',
        target: step.products.join(','),
        targetName: step.products.map(names.product).join(', '),
        reason:
          `Re-added to ${done.length > 0 ? done.join(', ') : 'no group'} (removed by ${runName(row.runId)}).` +
          (failed ? ` Not done: ${result.failures.join(' ')}` : '') +
          (plan.skipped.length > 0 ? ` ${plan.skipped.map((s) => s.message).join(' ')}` : ''),
        outcome: failed ? 'failed' : 'success',
      });
    }
  }
  return entries;
}

/** Restores one row: claim it, read the user's state now, plan, put back, record. */
async function restoreRow(
  env: RestoreEnv,
  row: ActionRow,
  by: string,
  owner: string,
): Promise<RestoreOutcome> {
  const now = env.deps.now();
  const outcome = (
    status: RestoreOutcome['status'],
    extra: Partial<RestoreOutcome> = {},
  ): RestoreOutcome => ({
    runId: row.runId,
    accountId: row.accountId,
    status,
    regrantedGroupIds: [],
    accountRestored: false,
    skipped: [],
    failures: [],
    ...extra,
  });
  const stale = row.claim === null || now - row.claim.at > env.tuning.claimLeaseMs;
  if (row.status === 'restoring' && !stale) return outcome('busy');
  const claimed: ActionRow = { ...row, status: 'restoring', claim: { by: owner, at: now } };
  const took =
    row.status === 'done'
      ? await transitionActionRow(claimed, ['done'])
      : await transitionActionRow(claimed, ['restoring'], row.claim?.by ?? '');
  if (!took) return outcome('busy');

  const writer = accessWriter(env.settings, env.clients);
  const plan = planRestore(
    recordedActions(row),
    new Map([[row.accountId, await currentState(env, row.accountId)]]),
  );
  const regranted: string[] = [];
  const failures: string[] = [];
  let accountRestored = false;
  for (const step of plan.steps) {
    try {
      if (step.kind === 'restore-account') {
        await writer.restore(step.accountId);
        accountRestored = true;
      } else {
        for (const groupId of step.groupIds) {
          await writer.addToGroup(groupId, step.accountId);
          regranted.push(groupId);
        }
      }
    } catch (e) {
      if (!(e instanceof AccessChangeError)) {
        // Transient: give the row back as it was so a retry starts over cleanly.
        await transitionActionRow({ ...row, claim: null }, ['restoring'], owner);
        throw e;
      }
      failures.push(e.message);
    }
  }
  const skipped = plan.skipped.map((s) => s.message);
  const result: ActionRestoreResult = {
    at: now,
    by,
    regrantedGroupIds: regranted,
    accountRestored,
    skipped,
    failures,
  };
  // A failed restore stays 'done' so it can be tried again; the attempt is kept on the row and in the audit log.
  const finished: ActionRow = {
    ...row,
    status: failures.length > 0 ? 'done' : 'restored',
    claim: null,
    restore: result,
  };
  await transitionActionRow(finished, ['restoring'], owner);
  await recordAudit(auditRestore(row, plan, result, runNames(await getRun(row.runId))));
  return outcome(failures.length > 0 ? 'failed' : 'restored', {
    regrantedGroupIds: regranted,
    accountRestored,
    skipped,
    failures,
  });
}

async function restoreEnv(deps: RuntimeDeps, tuning: SweepTuning): Promise<RestoreEnv> {
  const { settings } = await loadSettings();
  return { deps, settings, clients: await buildApiClients(deps, settings), tuning };
}

/** Restores what the app removed from one user: in every run, or in one run. Runs in the caller's invocation. */
export async function restoreInactivityUser(
  deps: RuntimeDeps,
  request: { accountId: string; runId?: string; by: string },
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<{ restored: RestoreOutcome[]; message: string; words: Words }> {
  const rows = (
    await actionRowsOfAccount(request.accountId, request.runId ? { runId: request.runId } : {})
  ).filter((row) => (row.status === 'done' || row.status === 'restoring') && recordedActions(row).length > 0);
  if (rows.length === 0) return { restored: [], ...nothingToRestore(request.accountId, request.runId) };
  const env = await restoreEnv(deps, tuning);
  const restored: RestoreOutcome[] = [];
  for (const row of rows)
    restored.push(await restoreRow(env, row, request.by, `restore:${request.by}:${deps.now()}`));
  const ok = restored.filter((r) => r.status === 'restored').length;
  return { restored, ...restoredSome(request.accountId, ok, restored.length) };
}

export type RestoreRunResult =
  { readonly queued: true; readonly runId: string } | { readonly queued: false; readonly reason: string };

/** Queues the undo of everything a run did; progress shows on the run (`restore`). */
export async function restoreInactivityRun(
  deps: RuntimeDeps,
  request: { runId: string; by: string },
): Promise<RestoreRunResult> {
  const run = await getRun(request.runId);
  if (!run) return { queued: false, reason: `There is no such run (${runName(request.runId)}).` };
  if (run.mode !== 'live')
    return { queued: false, reason: 'A dry run changed nothing: there is nothing to restore.' };
  if (!FINISHED_RUN_STATUSES.includes(run.status))
    return {
      queued: false,
      reason: `${RunName(run.id)} is still ${run.status.replace('-', ' ')}; restore it once it has finished.`,
    };
  if (run.restore?.status === 'queued')
    return { queued: false, reason: `A restore of ${runName(run.id)} is already under way.` };
  const now = deps.now();
  await updateRun(run.id, (current) => ({
    ...current,
    restore: {
      status: 'queued',
      requestedBy: request.by,
      requestedAt: now,
      finishedAt: null,
      restoredUsers: 0,
      failedUsers: 0,
    },
  }));
  await enqueueStep(deps, { kind: 'restore', runId: run.id, round: 0, by: request.by, requestedAt: now });
  return { queued: true, runId: run.id };
}

type RestoreStep = Extract<SweepStep, { kind: 'restore' }>;

/** One batch of a run's restore; the next batch continues after it, the last one closes the request. */
export async function restoreRunBatch(
  deps: RuntimeDeps,
  step: RestoreStep,
  claimant: string,
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<StepOutcome> {
  const run = await getRun(step.runId);
  if (!run || run.restore?.requestedAt !== step.requestedAt || run.restore.status !== 'queued')
    return { note: 'restore request superseded or finished: batch ignored' };
  const page = await actionRowsWithStatus(step.runId, 'done', {
    limit: tuning.restoreBatch,
    ...(step.cursor ? { cursor: step.cursor } : {}),
  });
  const env = await restoreEnv(deps, tuning);
  let restored = 0;
  let failed = 0;
  for (const row of page.rows) {
    if (recordedActions(row).length === 0) continue;
    try {
      const outcome = await restoreRow(env, row, step.by, `${claimant}:restore`);
      if (outcome.status === 'restored') restored += 1;
      if (outcome.status === 'failed') failed += 1;
    } catch (e) {
      if (e instanceof AtlassianApiError && e.transient) throw e;
      failed += 1;
    }
  }
  const now = deps.now();
  const last = !page.cursor;
  await updateRun(step.runId, (current) =>
    current.restore?.requestedAt === step.requestedAt
      ? {
          ...current,
          restore: {
            ...current.restore,
            restoredUsers: current.restore.restoredUsers + restored,
            failedUsers: current.restore.failedUsers + failed,
            ...(last ? { status: 'completed' as const, finishedAt: now } : {}),
          },
        }
      : null,
  );
  if (!last)
    await enqueueStep(deps, { ...step, round: step.round + 1, cursor: page.cursor as string }, 0, step);
  return {
    note: `restore batch ${step.round}: ${restored} restored, ${failed} failed${last ? '; done' : ''}`,
  };
}
