// Starting a run (the daily schedule, or an admin's dry run): preconditions, the one-run-at-a-time lock, the
// site's products, licence group names and admin groups learned once, the policy frozen for the run, and the
// first step (the licence-grant history) enqueued.
import { runName, RunName } from '../../shared/run-names';
import { AtlassianApiError } from '../../clients/api-error';
import type { JiraClient } from '../../clients/jira-client';
import {
  syncPolicyProducts,
  validateInactivityPolicy,
  type InactivityPolicy,
  type PolicyFieldError,
} from '../../domain/inactivity';
import {
  acquireActiveRunLock,
  breakStaleRunLock,
  createRun,
  getActiveRunLock,
  getPendingReview,
  getRun,
  getRunProgress,
  putRunPolicy,
  releaseActiveRunLock,
} from '../../storage/inactivity-run-repository';
import {
  FINISHED_RUN_STATUSES,
  type InactivityRun,
  type InactivityRunMode,
} from '../../storage/inactivity-run-types';
import { loadInactivityPolicy } from '../../storage/inactivity-policy-repository';
import { loadSettings } from '../../storage/settings-repository';
import type { AppSettings } from '../../shared/settings';
import { buildApiClients, type ApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { recordAudit, SWEEP_TARGET } from './inactivity-audit';
import { siteCatalogue as siteProducts } from './site-catalogue';
import { plainCatalogue, withPolicyProducts, type CatalogueProduct } from './product-catalogue';
import { failRun, runLabel } from './run-lifecycle';
import { siteArisOf } from './site-activity';
import { enqueueStep } from './sweep-steps';
import { SWEEP_TUNING, type SweepTuning } from './sweep-tuning';

export interface StartRunRequest {
  readonly mode: InactivityRunMode;
  readonly trigger: 'schedule' | 'admin';
  /** 'app' for the schedule, else the admin's account id. */
  readonly requestedBy: string;
  /** A dry run may try a policy the admin has not saved yet; it is validated like a save. */
  readonly draftPolicy?: unknown;
}

export type StartRunResult =
  | { readonly status: 'started'; readonly runId: string }
  /** The run was recorded as stopped before touching anyone, with the reason (e.g. no org API key). */
  | { readonly status: 'stopped'; readonly runId: string; readonly reason: string }
  | {
      readonly status: 'not-started';
      readonly reason: string;
      /** Nothing to do, as intended (no policy saved, no product enabled): not worth an operator's line. */
      readonly idle?: true;
      readonly activeRunId?: string;
      readonly errors?: readonly PolicyFieldError[];
    };

/** Run ids start with their start time, so they sort in time order (the run list relies on it). */
export function runIdFor(at: number, mode: InactivityRunMode): string {
  const stamp = new Date(at).toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${mode === 'live' ? 'live' : 'dry'}`;
}

/** The policy a run decides with, and when it was saved (null: a draft): a report names what it used. */
type PolicyChoice =
  | { policy: InactivityPolicy; version: number | null }
  | { problem: string; errors?: readonly PolicyFieldError[]; idle?: true };

async function choosePolicy(request: StartRunRequest): Promise<PolicyChoice> {
  if (request.draftPolicy !== undefined) {
    if (request.mode !== 'dry-run') return { problem: 'Only a dry run can use a policy that is not saved.' };
    const result = validateInactivityPolicy(request.draftPolicy);
    if (!result.ok) return { problem: 'The draft policy is invalid.', errors: result.errors };
    return { policy: result.policy, version: null };
  }
  const loaded = await loadInactivityPolicy();
  if (loaded.state === 'none')
    return {
      problem: 'No inactivity policy has been saved yet: nothing is decided until an admin saves one.',
      idle: true,
    };
  if (loaded.state === 'invalid') return { problem: loaded.problem };
  return { policy: loaded.policy, version: loaded.updatedAt };
}

/** Why the Admin API is not usable, naming what is missing; undefined when it is. */
function adminApiProblem(settings: AppSettings, clients: ApiClients): string | undefined {
  if (clients.admin) return undefined;
  const missing = [
    ...(settings.org.orgId ? [] : ['the organization id']),
    ...(settings.org.directoryId ? [] : ['the directory id']),
  ];
  const what = missing.length > 0 ? missing.join(' and ') : 'the org API key';
  return (
    `Inactivity cannot be judged without the organization's Admin API: ${what} ${missing.length > 1 ? 'are' : 'is'} ` +
    'not set in Settings. Last-active dates come only from the Admin API (org API key); nobody was warned or acted on.'
  );
}

async function allGroupIds(jira: JiraClient, accessType: 'site-admin' | 'admin'): Promise<string[]> {
  const ids: string[] = [];
  for (let startAt = 0; ;) {
    const page = await jira.groupsByAccessType(accessType, startAt, 50);
    for (const group of page.values) if (group.groupId) ids.push(group.groupId);
    startAt += page.values.length;
    if (page.isLast || page.values.length === 0 || startAt >= page.total) return ids;
  }
}

/** The org's workspaces that are this site; an empty list (matching by cloud id alone) if the key may not list them. */
async function learnSiteAris(clients: ApiClients, cloudId: string): Promise<string[]> {
  const admin = clients.admin;
  if (!admin) return [];
  try {
    const aris: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await admin.workspaces(cursor);
      aris.push(...siteArisOf(page.data, cloudId));
      cursor = page.links?.next ?? undefined;
      if (!cursor) break;
    }
    return aris;
  } catch (e) {
    if (e instanceof AtlassianApiError && !e.transient) return [];
    throw e;
  }
}

/**
 * Licence group names by id (the site's audit log names groups). Jira's roles name their groups; the groups of
 * products only the policy declares are looked up, and one that cannot be found stays unnamed (its members' grant
 * dates are then unknown, so they are left alone).
 */
async function licenceGroupNames(
  jira: JiraClient,
  catalogue: readonly CatalogueProduct[],
): Promise<Record<string, string>> {
  const names = new Map<string, string>();
  const unnamed = new Set<string>();
  for (const product of catalogue)
    for (const group of product.licenceGroups) {
      if (product.source === 'site') names.set(group.groupId, group.name);
      else unnamed.add(group.groupId);
    }
  const lookup = [...unnamed].filter((id) => !names.has(id));
  try {
    for (let i = 0; i < lookup.length; i += 50)
      for (const group of await jira.groupsById(lookup.slice(i, i + 50)))
        if (group.groupId && group.name) names.set(group.groupId, group.name);
  } catch (e) {
    if (!(e instanceof AtlassianApiError) || e.transient) throw e;
  }
  return Object.fromEntries(names);
}

function newRun(request: StartRunRequest, runId: string, now: number, cloudId: string): InactivityRun {
  return {
    id: runId,
    mode: request.mode,
    trigger: request.trigger,
    requestedBy: request.requestedBy,
    status: 'collecting',
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
    stopReason: null,
    cloudId,
    siteAris: [],
    catalogue: [],
    adminGroupIds: [],
    progress: { pages: 0, users: 0, nextStartAt: 0, activityCalls: 0, rateLimitedWaits: 0, updatedAt: now },
    licensedUsers: null,
    report: null,
    brake: null,
    review: null,
    execution: null,
    restore: null,
  };
}

/** Records a run that stopped before touching anyone, so the admin sees why nothing happened. */
async function recordStopped(
  request: StartRunRequest,
  runId: string,
  now: number,
  cloudId: string,
  reason: string,
): Promise<StartRunResult> {
  const run: InactivityRun = {
    ...newRun(request, runId, now, cloudId),
    status: 'stopped',
    finishedAt: now,
    stopReason: reason,
  };
  await createRun(run);
  await recordAudit([
    {
      runId,
      fact: 'finished',
      at: now,
      accountId: '',
      action: 'job-finished',
      target: SWEEP_TARGET,
      targetName: runLabel(run),
      reason: `${runLabel(run)} stopped: ${reason}`,
      outcome: 'failed',
      actor: request.requestedBy,
    },
  ]);
  return { status: 'stopped', runId, reason };
}

/** Takes the lock, breaking it if its holder stopped making progress; otherwise names the run that holds it. */
async function takeLock(runId: string, now: number, tuning: SweepTuning) {
  if (await acquireActiveRunLock({ runId, at: now })) return { ok: true as const };
  const lock = await getActiveRunLock();
  if (!lock)
    return (await acquireActiveRunLock({ runId, at: now })) ? { ok: true as const } : busy(undefined);
  const holder = await getRun(lock.runId);
  const progress = holder ? ((await getRunProgress(holder.id)) ?? holder.progress) : undefined;
  const finished = !holder || FINISHED_RUN_STATUSES.includes(holder.status);
  const lastSign = Math.max(progress?.updatedAt ?? 0, holder?.updatedAt ?? 0);
  const stalled = holder !== undefined && now - lastSign > tuning.staleRunMs;
  if (!finished && !stalled) return busy(holder);
  if (holder && !finished) {
    const hours = Math.round((now - lastSign) / 3_600_000);
    await failRun(
      holder.id,
      now,
      `It stopped making progress (nothing happened for ${hours} hours, last at user ${progress?.nextStartAt ?? 0}); ${runName(runId)} took over. Nothing it had not yet done was done.`,
    );
  }
  if (!(await breakStaleRunLock(lock.runId))) return busy(holder);
  return (await acquireActiveRunLock({ runId, at: now })) ? { ok: true as const } : busy(undefined);
}

function busy(holder: InactivityRun | undefined) {
  return {
    ok: false as const,
    reason: holder
      ? `${RunName(holder.id)} is still ${holder.status.replace('-', ' ')}; runs share the Admin API budget, so one runs at a time.`
      : 'Another run has just started.',
    ...(holder ? { activeRunId: holder.id } : {}),
  };
}

export async function startInactivityRun(
  deps: RuntimeDeps,
  request: StartRunRequest,
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<StartRunResult> {
  const now = deps.now();
  const runId = runIdFor(now, request.mode);
  if (request.mode === 'live') {
    const pending = await getPendingReview();
    const waiting = pending ? await getRun(pending.runId) : undefined;
    if (waiting?.status === 'awaiting-review')
      return {
        status: 'not-started',
        reason: `${RunName(waiting.id)} is waiting for an admin's review; no new clean-up run starts until it is answered.`,
        activeRunId: waiting.id,
      };
  }
  const choice = await choosePolicy(request);
  if ('problem' in choice)
    return {
      status: 'not-started',
      reason: choice.problem,
      ...(choice.idle ? { idle: true as const } : {}),
      ...(choice.errors ? { errors: choice.errors } : {}),
    };
  if (!Object.values(choice.policy.products).some((product) => product.enabled))
    return {
      status: 'not-started',
      reason: 'No product is enabled in the inactivity policy: nothing to decide.',
      idle: true,
    };

  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const noAdmin = adminApiProblem(settings, clients);
  if (noAdmin) return recordStopped(request, runId, now, deps.cloudId, noAdmin);
  if (!deps.cloudId)
    return recordStopped(
      request,
      runId,
      now,
      '',
      "This site's cloud id is unknown (no installation context), so activity on this site cannot be told from activity elsewhere.",
    );

  const lock = await takeLock(runId, now, tuning);
  if (!lock.ok)
    return {
      status: 'not-started',
      reason: lock.reason,
      ...(lock.activeRunId ? { activeRunId: lock.activeRunId } : {}),
    };
  let created = false;
  try {
    const [siteCatalogue, siteAdminGroups, adminGroups, siteAris] = await Promise.all([
      siteProducts(clients),
      allGroupIds(clients.jira, 'site-admin'),
      allGroupIds(clients.jira, 'admin'),
      learnSiteAris(clients, deps.cloudId),
    ]);
    const policy = syncPolicyProducts(choice.policy, plainCatalogue(siteCatalogue)).policy;
    const catalogue = withPolicyProducts(siteCatalogue, policy);
    const run: InactivityRun = {
      ...newRun(request, runId, now, deps.cloudId),
      policyVersion: choice.version,
      siteAris,
      catalogue: plainCatalogue(catalogue),
      adminGroupIds: [...new Set([...siteAdminGroups, ...adminGroups])],
      licenceGroupNames: await licenceGroupNames(clients.jira, catalogue),
    };
    await putRunPolicy(runId, policy);
    if (!(await createRun(run))) {
      await releaseActiveRunLock(runId);
      return { status: 'not-started', reason: `${RunName(runId)} was started already.`, activeRunId: runId };
    }
    created = true;
    await recordAudit([
      {
        runId,
        fact: 'started',
        at: now,
        accountId: '',
        action: 'job-started',
        target: SWEEP_TARGET,
        targetName: runLabel(run),
        reason: `${runLabel(run)} started (${request.trigger === 'schedule' ? 'daily schedule' : 'by an admin'}) for ${Object.entries(
          policy.products,
        )
          .filter(([, p]) => p.enabled)
          .map(([, p]) => p.displayName)
          .join(', ')}.`,
        outcome: request.mode === 'dry-run' ? 'dry-run' : 'success',
        actor: request.requestedBy,
      },
    ]);
    await enqueueStep(deps, { kind: 'grants', runId, round: 0 });
    return { status: 'started', runId };
  } catch (e) {
    if (created) {
      const why = e instanceof Error ? e.message : String(e);
      await failRun(runId, deps.now(), `The run could not be queued: ${why}`);
      throw e;
    }
    await releaseActiveRunLock(runId);
    if (e instanceof AtlassianApiError && !e.transient) {
      return recordStopped(
        request,
        runId,
        now,
        deps.cloudId,
        `The site's products could not be read: ${e.message}. Check the app's permissions.`,
      );
    }
    throw e;
  }
}
