// Queue consumer of the inactivity sweep: one page, finalize, execute or restore step per message.
import { randomUUID } from 'node:crypto';
import type { AsyncEvent, InvocationError } from '@forge/events';
import { giveUpSweepStep, handleSweepStep, INACTIVITY_QUEUE } from '../../services/inactivity';
import { parkedWhileUnlicensed, type LicensedContext } from '../licence';
import { boundedDelivery } from '../bounded-delivery';
import { retryLater } from '../retry-later';
import { runtimeDeps } from '../runtime';

/** A transient failure asks Forge to deliver the same message again later; every step is safe to repeat. */
export async function inactivitySweepWorker(
  event: AsyncEvent,
  context: { installContext?: string } & LicensedContext,
): Promise<InvocationError | { ok: true; note: string }> {
  const deps = runtimeDeps(context.installContext);
  // A step of a run waits untouched (the run keeps its lock, so no second run starts) until the licence is back.
  if (await parkedWhileUnlicensed(deps, context, INACTIVITY_QUEUE, event))
    return { ok: true as const, note: 'parked until the licence is active again' };
  return boundedDelivery(
    event,
    async () => {
      // Unique per invocation, not per event: concurrent duplicate deliveries share an event id and must not
      // share claims; a retry after a kill takes over its predecessor's rows once their lease runs out.
      const result = await handleSweepStep(deps, event.body, `${event.eventId}:${randomUUID()}`);
      if (result.status === 'retry') return retryLater(result.retryAfterSeconds, result.note);
      return { ok: true as const, note: result.note };
    },
    async (reason) => {
      await giveUpSweepStep(deps, event.body, reason);
      return { ok: true as const, note: `given up: ${reason}` };
    },
  );
}
