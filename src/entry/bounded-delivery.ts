// A consumer's delivery limit: which delivery of its message this is (Forge's retryContext), and giving the
// message up, with its reason, once it has failed MAX_DELIVERIES times instead of letting Forge retry it all day.
import type { AsyncEvent, InvocationError } from '@forge/events';
import { givenUpReason, MAX_DELIVERIES } from '../services/delivery-limit';
import { loggableError } from '../services/failures';

/** 1 for the first delivery, then 2, 3… for Forge's retries. */
export function deliveryOf(event: Pick<AsyncEvent, 'retryContext'>): number {
  return (event.retryContext?.retryCount ?? 0) + 1;
}

/** An InvocationError as the SDK builds it: its constructor returns a plain `{_retry, retryOptions}` object. */
type RetryRequest = { _retry?: unknown; retryOptions?: { retryData?: { note?: unknown } } };
function retryRequest(result: unknown): RetryRequest | undefined {
  const candidate = typeof result === 'object' && result !== null ? (result as RetryRequest) : undefined;
  return candidate?._retry === true ? candidate : undefined;
}

/**
 * Runs a delivery; on the last allowed one, a failure or a request to retry gives the message up instead (the
 * consumer records it as failed where its admin will see it), and a delivery past the limit (the one before was
 * killed) gives up at once. Giving up that itself fails is retried by Forge like any failure.
 */
export async function boundedDelivery<R>(
  event: Pick<AsyncEvent, 'retryContext'>,
  run: () => Promise<R | InvocationError>,
  giveUp: (reason: string) => Promise<R>,
): Promise<R | InvocationError> {
  const delivery = deliveryOf(event);
  if (delivery > MAX_DELIVERIES)
    return giveUp(givenUpReason(delivery - 1, event.retryContext?.retryReason ?? 'unknown'));
  try {
    const result = await run();
    const retry = retryRequest(result);
    if (retry && delivery >= MAX_DELIVERIES) {
      const note = retry.retryOptions?.retryData?.note;
      return await giveUp(givenUpReason(delivery, typeof note === 'string' ? note : 'a retry was asked for'));
    }
    return result;
  } catch (e) {
    if (delivery < MAX_DELIVERIES) throw e;
    return giveUp(givenUpReason(delivery, loggableError(e)));
  }
}
