// Queue consumer for provisioning work: validates the message and runs it; the service requeues what it cannot finish.
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { runProvisionWork } from '../../services/provisioning/run-provision-work';
import { provisionWorkSchema } from '../../services/provisioning/provisioning-work';
import { QueueBusyError } from '../../services/runtime-deps';
import { isStorageQuotaError, quotaRetryAfterSeconds } from '../../services/storage-quota';
import { runtimeDeps } from '../runtime';

export async function provisionWorker(
  event: AsyncEvent,
  context: { installContext?: string },
): Promise<InvocationError | { processed: number }> {
  const parsed = provisionWorkSchema.safeParse(event.body);
  if (!parsed.success) {
    console.error(
      'Dropped malformed provisioning work:',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
    return { processed: 0 };
  }
  const deps = runtimeDeps(context.installContext);
  try {
    const result = await runProvisionWork(parsed.data, deps);
    return { processed: result.outcomes.length };
  } catch (e) {
    // Only storage refusals the message could not wait out, or a failure to put work back on the queue, reach
    // here; redelivery redoes the message idempotently (storage: when its minute turns, spread by run).
    if (isStorageQuotaError(e))
      return new InvocationError({
        retryAfter: quotaRetryAfterSeconds(deps.now(), parsed.data.runId),
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      });
    if (e instanceof QueueBusyError)
      return new InvocationError({
        retryAfter: 60,
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      });
    throw e;
  }
}
