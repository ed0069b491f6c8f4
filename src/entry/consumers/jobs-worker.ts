// Queue consumer for admin-started jobs (backfill, impact preview): one planning step or one page per message.
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { AtlassianApiError } from '../../clients/api-error';
import { runPage, runPlanStep } from '../../services/jobs/backfill';
import { jobsWorkSchema } from '../../services/jobs/jobs-work';
import { isStorageQuotaError, withStorageQuota } from '../../services/storage-quota';
import { runDailyScanPage } from '../../services/provisioning/daily-pass';
import { releaseParked } from '../../services/provisioning/rate-governor';
import { runtimeDeps } from '../runtime';

/** A step rerun after a quota wait needs this much of the invocation left. */
const QUOTA_WAIT_RESERVE_MS = 120_000;

/** Transient failures retry the whole message later; the page is idempotent. */
function retryFor(e: unknown): InvocationError | undefined {
  if (e instanceof AtlassianApiError && e.transient)
    return new InvocationError({
      retryAfter: Math.min(900, Math.max(e.retryAfterSeconds ?? 30, 5)),
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
    });
  if (e instanceof Error && e.name === 'PageOutOfTimeError')
    return new InvocationError({
      retryAfter: 60,
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
    });
  if (isStorageQuotaError(e) || (e instanceof Error && e.name === 'QueueBusyError'))
    return new InvocationError({
      // Spread over two minutes: pages refused together must not all come back in the same quota minute.
      retryAfter: 60 + Math.floor(Math.random() * 60),
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
    });
  return undefined;
}

export async function jobsWorker(
  event: AsyncEvent,
  context: { installContext?: string },
): Promise<InvocationError | { ok: true }> {
  const parsed = jobsWorkSchema.safeParse(event.body);
  if (!parsed.success) {
    console.error(
      'Dropped malformed job work:',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
    return { ok: true };
  }
  const deps = runtimeDeps(context.installContext);
  try {
    const work = parsed.data;
    // Every step is resumable, so a storage-quota refusal is waited out here and the step simply runs again;
    // handing it back to the queue would bring all refused pages back in the same minute.
    await withStorageQuota(
      async () => {
        if (work.kind === 'backfill-plan') await runPlanStep(work.jobId, deps);
        else if (work.kind === 'daily-scan') await runDailyScanPage(work, deps);
        else if (work.kind === 'release-parked') await releaseParked(deps, work.slowStartStep ?? 0);
        else await runPage(work, deps);
      },
      deps,
      QUOTA_WAIT_RESERVE_MS,
    );
    return { ok: true };
  } catch (e) {
    const retry = retryFor(e);
    if (retry) return retry;
    throw e;
  }
}
