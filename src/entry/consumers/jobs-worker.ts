// Queue consumer for admin-started jobs (backfill, impact preview): one planning step or one page per message.
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { AtlassianApiError } from '../../clients/api-error';
import { runPage, runPlanStep } from '../../services/jobs/backfill';
import { jobsWorkSchema } from '../../services/jobs/jobs-work';
import { runDailyScanPage } from '../../services/provisioning/daily-pass';
import { releaseParked } from '../../services/provisioning/rate-governor';
import { runtimeDeps } from '../runtime';

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
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'RATE_LIMIT_EXCEEDED' || (e instanceof Error && e.name === 'QueueBusyError'))
    return new InvocationError({
      retryAfter: 60,
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
    if (work.kind === 'backfill-plan') await runPlanStep(work.jobId, deps);
    else if (work.kind === 'daily-scan') await runDailyScanPage(work, deps);
    else if (work.kind === 'release-parked') await releaseParked(deps);
    else await runPage(work, deps);
    return { ok: true };
  } catch (e) {
    const retry = retryFor(e);
    if (retry) return retry;
    throw e;
  }
}
