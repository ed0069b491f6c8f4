// Builds RuntimeDeps from the real Forge runtime; the only place that reaches for @forge/api request functions.
import api, { asApp, asUser, getAppContext } from '@forge/api';
import { InvocationLimitReachedError, Queue, RateLimitError } from '@forge/events';
import { ChainLimitError, QueueBusyError, type RuntimeDeps, type WorkItem } from '../services/runtime-deps';

const MAX_EVENTS_PER_PUSH = 50;

async function enqueue(queueName: string, items: WorkItem[]): Promise<void> {
  const queue = new Queue({ key: queueName });
  for (let i = 0; i < items.length; i += MAX_EVENTS_PER_PUSH) {
    try {
      await queue.push(items.slice(i, i + MAX_EVENTS_PER_PUSH));
    } catch (e) {
      if (e instanceof RateLimitError) throw new QueueBusyError(`Queue ${queueName} is busy: ${e.message}`);
      if (e instanceof InvocationLimitReachedError)
        throw new ChainLimitError(`Queue ${queueName} refused the push: ${e.message}`);
      throw e;
    }
  }
}

export function cloudIdFrom(installContext: string | undefined): string {
  return (installContext ?? '').replace(/^ari:cloud:[a-z-]+::site\//, '');
}

export function runtimeDeps(installContext?: string): RuntimeDeps {
  return {
    enqueue,
    asApp: asApp(),
    asUser: (accountId) => asUser(accountId),
    fetch: (url, init) => api.fetch(url, init),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    remainingMs: () => {
      try {
        return getAppContext().invocationRemainingTimeInMillis();
      } catch {
        return 25_000;
      }
    },
    cloudId: cloudIdFrom(installContext),
  };
}
