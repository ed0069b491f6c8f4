// Queue consumer of the inactivity sweep: one page, finalize, execute or restore step per message.
import { randomUUID } from 'node:crypto';
import type { AsyncEvent, InvocationError } from '@forge/events';
import { handleSweepStep } from '../../services/inactivity';
import { retryLater } from '../retry-later';
import { runtimeDeps } from '../runtime';

/** A transient failure asks Forge to deliver the same message again later; every step is safe to repeat. */
export async function inactivitySweepWorker(
  event: AsyncEvent,
  context: { installContext?: string },
): Promise<InvocationError | { ok: true; note: string }> {
  const deps = runtimeDeps(context.installContext);
  // Unique per invocation, not per event: concurrent duplicate deliveries share an event id and must not share
  // claims; a retry after a kill takes over its predecessor's rows once their lease runs out.
  const result = await handleSweepStep(deps, event.body, `${event.eventId}:${randomUUID()}`);
  if (result.status === 'retry') {
    return retryLater(result.retryAfterSeconds, result.note);
  }
  return { ok: true, note: result.note };
}
