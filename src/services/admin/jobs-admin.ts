// Impact preview and backfill from the Rules tab: start (one of each kind at a time), watch, cancel, list.
import { classify } from '../failures';
import type { JobKind, JobProgress } from '../../shared/jobs';
import type { JobsAffectedPayload, JobsAffectedView, JobsListView, Reply } from '../../shared/contract';
import { listAffected } from '../../storage/affected-users-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import { outdatedReasons, rulesVersion } from '../../domain/computed-inputs';
import { recentJobs } from '../../storage/jobs-repository';
import { listRules } from '../../storage/rules-repository';
import { cancelJob, JobConflictError, jobProgress, startJob } from '../jobs/backfill';
import type { AdminContext } from './admin-context';
import { apiFailure, fail, ok } from './reply';
import { csvLine } from './csv';

/** Stored pages read per call: up to 100 users, one `/user/bulk` round for their names. */
const AFFECTED_PAGES_PER_READ = 4;

/** The rule set's version now: what a finished preview or backfill is compared with. */
export async function currentRulesVersion(): Promise<string> {
  return rulesVersion(await listRules());
}

/** A finished job's results are outdated once the rules change or the clock moves on by a day. */
function withOutdated(job: JobProgress, rules: string, now: number): JobProgress {
  if (!isFinished(job)) return job;
  return {
    ...job,
    outdated: outdatedReasons(
      { rulesVersion: job.rulesVersion ?? undefined, at: job.finishedAt ?? job.startedAt },
      { rulesVersion: rules, now },
    ),
  };
}

function isFinished(job: JobProgress): boolean {
  return job.status === 'done' || job.status === 'cancelled' || job.status === 'failed';
}

export async function startAdminJob(ctx: AdminContext, kind: JobKind): Promise<Reply<JobProgress>> {
  try {
    const job = await startJob(kind, ctx.accountId, ctx.deps, await currentRulesVersion());
    const progress = await jobProgress(job.id);
    return progress ? ok(progress) : fail('internal', `Job ${job.id} was started but cannot be read back.`);
  } catch (e) {
    if (e instanceof JobConflictError) return fail('conflict', e.message);
    const busy = classify(e);
    if (busy.kind === 'queue-busy')
      return fail(
        'unavailable',
        `The job could not be queued right now (${busy.message}); try again in a minute.`,
      );
    throw e;
  }
}

export async function getAdminJob(ctx: AdminContext, jobId: string): Promise<Reply<JobProgress>> {
  const progress = await jobProgress(jobId);
  if (!progress) return fail('not-found', `There is no job ${jobId}.`);
  return ok(
    isFinished(progress) ? withOutdated(progress, await currentRulesVersion(), ctx.deps.now()) : progress,
  );
}

export async function cancelAdminJob(ctx: AdminContext, jobId: string): Promise<Reply<JobProgress>> {
  const job = await cancelJob(jobId, ctx.accountId, ctx.deps);
  if (!job) return fail('not-found', `There is no job ${jobId}.`);
  return getAdminJob(ctx, jobId);
}

export async function listAdminJobs(ctx: AdminContext, limit = 10): Promise<Reply<JobsListView>> {
  const jobs = await recentJobs(limit);
  const [progress, rules] = await Promise.all([
    Promise.all(jobs.map((j) => jobProgress(j.id))),
    currentRulesVersion(),
  ]);
  const now = ctx.deps.now();
  return ok({
    jobs: progress.filter((p): p is JobProgress => p !== undefined).map((p) => withOutdated(p, rules, now)),
  });
}

/** Everyone a preview would give or take one grant, a page at a time, by display name. */
export async function listAffectedUsers(
  ctx: AdminContext,
  payload: JobsAffectedPayload,
): Promise<Reply<JobsAffectedView>> {
  const progress = await jobProgress(payload.jobId);
  if (!progress || progress.kind !== 'preview')
    return fail('not-found', `There is no impact preview ${payload.jobId}.`);
  const impact = (payload.change === 'gain' ? progress.gains : progress.losses).find(
    (i) => i.grantKey === payload.grantKey,
  );
  if (!impact)
    return fail(
      'not-found',
      `Preview ${payload.jobId} has nobody who would ${payload.change === 'gain' ? 'gain' : 'lose'} that grant.`,
    );
  const page = await listAffected(
    payload.jobId,
    payload.change,
    payload.grantKey,
    AFFECTED_PAGES_PER_READ,
    payload.cursor,
  );
  if (payload.cursor === undefined && page.accountIds.length === 0)
    return fail(
      'not-found',
      `The list of preview ${payload.jobId} is no longer kept: a newer preview replaced it, or it is over 30 days old.`,
    );
  const names = new Map<string, string>();
  if (page.accountIds.length > 0) {
    try {
      const { settings } = await loadSettings();
      const clients = await buildApiClients(ctx.deps, settings);
      const users = await clients.jira.usersByIds(page.accountIds);
      for (const user of users) if (user.displayName) names.set(user.accountId, user.displayName);
    } catch (e) {
      const failure = apiFailure<JobsAffectedView>(e, 'Looking up the affected users');
      if (failure) return failure;
      throw e;
    }
  }
  const users = page.accountIds.map((id) => ({ accountId: id, displayName: names.get(id) ?? id }));
  const header = payload.cursor ? '' : csvLine(['Display name', 'Account id']);
  const checked = withOutdated(progress, await currentRulesVersion(), ctx.deps.now());
  return ok({
    grantKey: impact.grantKey,
    grantName: impact.name,
    change: payload.change,
    count: impact.count,
    users,
    csv: header + users.map((u) => csvLine([u.displayName, u.accountId])).join(''),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    outdated: checked.outdated,
  });
}
