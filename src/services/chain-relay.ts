// Long runs and Forge's limit on chains of async events: at most 1,000 push requests downstream of one root
// invocation (limits-async-events). A run that continues itself message by message (the sweep's steps, a
// backfill's planning, the daily scan) carries in each message how many pushes its chain has made; before that
// count nears the limit, the next message is parked as a continuation instead of pushed, and the relay (a
// scheduled trigger, hence a new root) pushes it as the first message of a fresh chain. A push Forge refuses for
// the limit anyway (pushes this run cannot see, made by messages it fanned out) is parked the same way.
import { deleteContinuation, listContinuations, parkContinuation } from '../storage/continuations-repository';
import { ChainLimitError, type RuntimeDeps } from './runtime-deps';

/**
 * Push requests a run spends from one chain before continuing in a new one: a fifth of Forge's 1,000, so retries,
 * duplicate deliveries and pushes by messages the run fanned out never bring a chain near the limit.
 */
export const CHAIN_BUDGET = 200;

/** Continuations one relay run pushes: they all share the relay's chain, so a few at a time. */
export const CONTINUATIONS_PER_RELAY = 2;

/** How many push requests the chain of a message has made so far, as the message carries it (absent: none). */
export function chainPushesOf(body: { readonly chain?: unknown }): number {
  const n = body.chain;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
}

export interface NextMessage {
  /** Unique per step of the run (two deliveries of one step park it once). */
  readonly id: string;
  readonly queue: string;
  readonly body: Record<string, unknown>;
  readonly delaySeconds?: number;
}

export type Continued = 'pushed' | 'relayed';

/**
 * Pushes the next message of a run, counting it against the chain (`chainSoFar` pushes made before it); when the
 * budget is spent, or Forge refuses the push for the chain limit, parks it for the relay instead.
 */
export async function continueRun(
  deps: RuntimeDeps,
  next: NextMessage,
  chainSoFar: number,
): Promise<Continued> {
  const delaySeconds = Math.max(0, Math.min(900, Math.ceil(next.delaySeconds ?? 0)));
  let reason = `its chain of async events made ${chainSoFar} push requests (budget ${CHAIN_BUDGET})`;
  if (chainSoFar + 1 <= CHAIN_BUDGET) {
    try {
      await deps.enqueue(next.queue, [
        {
          body: { ...next.body, chain: chainSoFar + 1 },
          ...(delaySeconds > 0 ? { delayInSeconds: delaySeconds } : {}),
        },
      ]);
      return 'pushed';
    } catch (e) {
      if (!(e instanceof ChainLimitError)) throw e;
      reason = e.message;
    }
  }
  const now = deps.now();
  await parkContinuation({
    id: next.id,
    queue: next.queue,
    body: { ...next.body, chain: 0 },
    dueAt: now + delaySeconds * 1000,
    parkedAt: now,
    reason,
  });
  return 'relayed';
}

/**
 * Hands a message whose work pushes more than its chain allows back to the relay as it is (every message the app
 * queues is safe to deliver again): the relay delivers it again in a new chain. For a push refused for the chain
 * limit where no continuation was planned (a message fanning out work).
 */
export async function redeliverInNewChain(
  deps: RuntimeDeps,
  message: { queue: string; eventId: string; body: Record<string, unknown> },
  reason: string,
): Promise<void> {
  const now = deps.now();
  await parkContinuation({
    id: `redeliver:${message.queue}:${message.eventId}`,
    queue: message.queue,
    body: { ...message.body, chain: 0 },
    dueAt: now,
    parkedAt: now,
    reason,
  });
}

/**
 * The relay: pushes parked continuations, each as the first push of the chain this (root) invocation starts, with
 * what is left of its delay. A continuation is deleted only once pushed, so a failed push is tried next time (a
 * push followed by a failed delete is delivered twice, which every continued step tolerates).
 */
export async function relayContinuations(deps: RuntimeDeps): Promise<number> {
  const now = deps.now();
  let relayed = 0;
  for (const continuation of await listContinuations(100)) {
    if (relayed >= CONTINUATIONS_PER_RELAY) break;
    const delaySeconds = Math.max(0, Math.min(900, Math.ceil((continuation.dueAt - now) / 1000)));
    await deps.enqueue(continuation.queue, [
      {
        body: { ...continuation.body, chain: relayed + 1 },
        ...(delaySeconds > 0 ? { delayInSeconds: delaySeconds } : {}),
      },
    ]);
    await deleteContinuation(continuation.id);
    relayed++;
  }
  return relayed;
}
