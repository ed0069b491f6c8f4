// Every five minutes: the relay. Long runs continue in a new chain of async events before Forge's limit of 1,000
// push requests per chain; a scheduled trigger is a new root, so the messages it pushes start fresh chains.
import { classify } from '../../services/failures';
import { relayContinuations } from '../../services/chain-relay';
import { runtimeDeps } from '../runtime';
import { notePaused, noteResumed } from '../../services/licence-gate';
import { licenceOf, type LicensedContext } from '../licence';

/** A scheduled trigger's error is not retried by Forge: the next run, five minutes later, is the retry. */
export async function continueLongRuns(
  _event: unknown,
  context: { installContext?: string } & LicensedContext,
): Promise<{ statusCode: number; relayed?: number; skipped?: 'unlicensed' }> {
  const deps = runtimeDeps(context.installContext);
  const licence = licenceOf(context);
  try {
    // Parked work (long runs, and messages parked while unlicensed) waits until the licence is back.
    if (!licence.mayAct) {
      await notePaused(deps, licence);
      return { statusCode: 200, skipped: 'unlicensed' };
    }
    await noteResumed(deps, licence);
    const relayed = await relayContinuations(deps);
    if (relayed) console.log(`relay: ${relayed} long run(s) continued in a new chain of async events`);
    return { statusCode: 200, relayed };
  } catch (e) {
    const failure = classify(e);
    if (!failure.transient) throw e;
    console.warn(`relay: skipped (${failure.kind}: ${failure.message}); the next run in five minutes relays`);
    return { statusCode: 503 };
  }
}
