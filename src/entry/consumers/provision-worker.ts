// Queue consumer for provisioning work: validates the message and runs it; the service requeues what it cannot finish.
import type { AsyncEvent, InvocationError } from '@forge/events';
import { classify } from '../../services/failures';
import { runProvisionWork } from '../../services/provisioning/run-provision-work';
import {
  PROVISION_QUEUE,
  provisionWorkSchema,
  type ProvisionWork,
} from '../../services/provisioning/provisioning-work';
import type { RuntimeDeps } from '../../services/runtime-deps';
import { redeliverInNewChain } from '../../services/chain-relay';
import { quotaRetryAfterSeconds } from '../../services/storage-quota';
import { giveUpProvisionWork } from '../../services/provisioning/hand-back';
import { boundedDelivery } from '../bounded-delivery';
import { retryLater } from '../retry-later';
import { runtimeDeps } from '../runtime';
import { parkedWhileUnlicensed, type LicensedContext } from '../licence';

export async function provisionWorker(
  event: AsyncEvent,
  context: { installContext?: string } & LicensedContext,
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
  const work = parsed.data;
  if (await parkedWhileUnlicensed(deps, context, PROVISION_QUEUE, event)) return { processed: 0 };
  return boundedDelivery(
    event,
    () => provision(work, event, deps),
    async (reason) => {
      await giveUpProvisionWork(work, reason, deps);
      return { processed: 0 };
    },
  );
}

async function provision(
  work: ProvisionWork,
  event: AsyncEvent,
  deps: RuntimeDeps,
): Promise<InvocationError | { processed: number }> {
  try {
    const result = await runProvisionWork(work, deps);
    return { processed: result.outcomes.length };
  } catch (e) {
    // Only storage refusals the message could not wait out, or a failure to put work back on the queue, reach
    // here; redelivery redoes the message idempotently (storage: when its minute turns, spread by run).
    const failure = classify(e);
    if (failure.kind === 'storage-quota')
      return retryLater(quotaRetryAfterSeconds(deps.now(), work.runId), failure.message);
    if (failure.kind === 'queue-busy') return retryLater(60, failure.message);
    // A retry would run in the same spent chain and be refused again: the relay delivers it in a new one.
    if (failure.kind === 'chain-limit') {
      await redeliverInNewChain(
        deps,
        { queue: PROVISION_QUEUE, eventId: event.eventId, body: event.body },
        failure.message,
      );
      return { processed: 0 };
    }
    throw e;
  }
}
