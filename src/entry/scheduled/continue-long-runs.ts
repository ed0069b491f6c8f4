// Every five minutes: the relay. Long runs continue in a new chain of async events before Forge's limit of 1,000
// push requests per chain; a scheduled trigger is a new root, so the messages it pushes start fresh chains.
import { classify } from '../../services/failures';
import { relayContinuations } from '../../services/chain-relay';
import { runtimeDeps } from '../runtime';

/** A scheduled trigger's error is not retried by Forge: the next run, five minutes later, is the retry. */
export async function continueLongRuns(
  _event: unknown,
  context: { installContext?: string },
): Promise<{ statusCode: number; relayed?: number }> {
  try {
    const relayed = await relayContinuations(runtimeDeps(context.installContext));
    if (relayed) console.log(`relay: ${relayed} long run(s) continued in a new chain of async events`);
    return { statusCode: 200, relayed };
  } catch (e) {
    const failure = classify(e);
    if (!failure.transient) throw e;
    console.warn(`relay: skipped (${failure.kind}: ${failure.message}); the next run in five minutes relays`);
    return { statusCode: 503 };
  }
}
