// Queue consumer of access reviews: one step of a campaign per message (collect, open, notify, close, act, finish,
// reassign, purge).
import type { AsyncEvent, InvocationError } from '@forge/events';
import { giveUpReviewStep, handleReviewStep } from '../../services/reviews/handle-step';
import { REVIEWS_QUEUE } from '../../services/reviews/review-steps';
import { boundedDelivery } from '../bounded-delivery';
import { parkedWhileUnlicensed, type LicensedContext } from '../licence';
import { retryLater } from '../retry-later';
import { runtimeDeps } from '../runtime';

/** A transient failure asks Forge to deliver the same message again later; every step is safe to repeat. */
export async function accessReviewsWorker(
  event: AsyncEvent,
  context: { installContext?: string } & LicensedContext,
): Promise<InvocationError | { ok: true; note: string }> {
  const deps = runtimeDeps(context.installContext);
  // A campaign step (removals included) waits untouched until the licence is back.
  if (await parkedWhileUnlicensed(deps, context, REVIEWS_QUEUE, event))
    return { ok: true as const, note: 'parked until the licence is active again' };
  return boundedDelivery(
    event,
    async () => {
      const result = await handleReviewStep(deps, event.body);
      if (result.status === 'retry') return retryLater(result.retryAfterSeconds, result.note);
      return { ok: true as const, note: result.note };
    },
    async (reason) => {
      await giveUpReviewStep(deps, event.body, reason);
      return { ok: true as const, note: `given up: ${reason}` };
    },
  );
}
