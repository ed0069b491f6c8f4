// Queue consumer for admin-started jobs (backfill, impact preview): one planning step or one page per message.
import type { AsyncEvent, InvocationError } from '@forge/events';
import { classify } from '../../services/failures';
import { runPage, runPlanStep } from '../../services/jobs/backfill';
import { JOBS_QUEUE, jobsWorkSchema, type JobsWork } from '../../services/jobs/jobs-work';
import { giveUpJobsWork } from '../../services/jobs/give-up';
import type { RuntimeDeps } from '../../services/runtime-deps';
import { boundedDelivery } from '../bounded-delivery';
import { redeliverInNewChain } from '../../services/chain-relay';
import { withStorageQuota } from '../../services/storage-quota';
import { retryLater } from '../retry-later';
import { runDailyScanPage } from '../../services/provisioning/daily-pass';
import { releaseParked } from '../../services/provisioning/rate-governor';
import { runtimeDeps } from '../runtime';
import { parkedWhileUnlicensed, type LicensedContext } from '../licence';

/** A step rerun after a quota wait needs this much of the invocation left. */
const QUOTA_WAIT_RESERVE_MS = 120_000;

/** Transient failures retry the whole message later; the page is idempotent. */
function retryFor(e: unknown): InvocationError | undefined {
  const failure = classify(e);
  switch (failure.kind) {
    case 'rate-limited':
    case 'unavailable':
      return retryLater(Math.max(failure.retryAfterSeconds ?? 30, 5), failure.message);
    case 'out-of-time':
      return retryLater(60, failure.message);
    case 'conflict':
      return retryLater(Math.max(failure.retryAfterSeconds ?? 30, 5), failure.message);
    case 'storage-quota':
    case 'queue-busy':
      // Spread over two minutes: pages refused together must not all come back in the same quota minute.
      return retryLater(60 + Math.floor(Math.random() * 60), failure.message);
    default:
      return undefined;
  }
}

export async function jobsWorker(
  event: AsyncEvent,
  context: { installContext?: string } & LicensedContext,
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
  const work = parsed.data;
  if (await parkedWhileUnlicensed(deps, context, JOBS_QUEUE, event)) return { ok: true };
  return boundedDelivery(
    event,
    () => runWork(work, event, deps),
    async (reason) => {
      await giveUpJobsWork(work, reason, deps);
      return { ok: true as const };
    },
  );
}

async function runWork(
  work: JobsWork,
  event: AsyncEvent,
  deps: RuntimeDeps,
): Promise<InvocationError | { ok: true }> {
  try {
    // Every step is resumable, so a storage-quota refusal is waited out here and the step simply runs again;
    // handing it back to the queue would bring all refused pages back in the same minute.
    await withStorageQuota(
      async () => {
        if (work.kind === 'backfill-plan') await runPlanStep(work.jobId, deps, work.chain ?? 0);
        else if (work.kind === 'daily-scan') await runDailyScanPage(work, deps);
        else if (work.kind === 'release-parked')
          await releaseParked(deps, work.slowStartStep ?? 0, work.chain ?? 0);
        else await runPage(work, deps);
      },
      deps,
      QUOTA_WAIT_RESERVE_MS,
    );
    return { ok: true };
  } catch (e) {
    const retry = retryFor(e);
    if (retry) return retry;
    // A retry would run in the same spent chain and be refused again: the relay delivers it in a new one.
    const failure = classify(e);
    if (failure.kind === 'chain-limit') {
      await redeliverInNewChain(
        deps,
        { queue: JOBS_QUEUE, eventId: event.eventId, body: event.body },
        failure.message,
      );
      return { ok: true };
    }
    throw e;
  }
}
