// Queue consumer for provisioning work: validates the message and runs it; the service requeues what it cannot finish.
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { runProvisionWork } from '../../services/provisioning/run-provision-work';
import { provisionWorkSchema } from '../../services/provisioning/provisioning-work';
import { QueueBusyError } from '../../services/runtime-deps';
import { isStorageQuotaError } from '../../services/storage-quota';
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
  try {
    const result = await runProvisionWork(parsed.data, runtimeDeps(context.installContext));
    return { processed: result.outcomes.length };
  } catch (e) {
    // Only a failure to put work back on the queue reaches here; redelivery redoes the message idempotently.
    if (e instanceof QueueBusyError || isStorageQuotaError(e))
      return new InvocationError({
        retryAfter: 60,
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      });
    throw e;
  }
}
