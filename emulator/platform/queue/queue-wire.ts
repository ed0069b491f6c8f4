// Answers @forge/events's wire calls (`/webhook/queue/{publish,stats,cancel}/...`) from the queue store.
import { QUEUE_LIMITS, type QueueStore } from './queue-store';

const json = (status: number, body?: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });

interface PushRequest {
  queueName?: unknown;
  jobId?: unknown;
  payload?: unknown;
}

type PushEvent = {
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
};

function validEvents(payload: unknown): PushEvent[] | string {
  if (!Array.isArray(payload) || payload.length === 0) return 'payload must be a non-empty array of events';
  if (payload.length > QUEUE_LIMITS.maxEventsPerPush)
    return `at most ${QUEUE_LIMITS.maxEventsPerPush} events per push, got ${payload.length}`;
  for (const [i, event] of (payload as unknown[]).entries()) {
    const e = event as Partial<PushEvent> | null;
    if (!e || typeof e.body !== 'object' || e.body === null || Array.isArray(e.body))
      return `event ${i}: body must be an object`;
    if (
      e.delayInSeconds !== undefined &&
      (e.delayInSeconds < 0 || e.delayInSeconds > QUEUE_LIMITS.maxDelaySeconds)
    )
      return `event ${i}: delayInSeconds must be 0 to ${QUEUE_LIMITS.maxDelaySeconds}`;
  }
  return payload as PushEvent[];
}

export function handleQueueRequest(
  store: QueueStore,
  path: string,
  init: RequestInit,
  context: {
    now: number;
    consumerQueues: Set<string>;
    /** The chain of the invocation that pushes (a root invocation's own, or the one its event belongs to). */
    chain: { chainId: string; root: string };
  },
): Response {
  const raw = typeof init.body === 'string' ? init.body : '';
  let request: PushRequest;
  try {
    request = JSON.parse(raw) as PushRequest;
  } catch {
    return json(400, { message: 'The request body is not valid JSON.' });
  }
  const queueName = typeof request.queueName === 'string' ? request.queueName : '';
  const jobId = typeof request.jobId === 'string' ? request.jobId : '';
  if (path.startsWith('/webhook/queue/publish/')) {
    if (Buffer.byteLength(JSON.stringify(request.payload ?? [])) > QUEUE_LIMITS.maxPushBytes)
      return json(413, {
        errorMessage: `The combined payload exceeds ${QUEUE_LIMITS.maxPushBytes / 1024} KB.`,
      });
    const events = validEvents(request.payload);
    if (typeof events === 'string') return json(400, { message: events });
    if (!context.consumerQueues.has(queueName))
      return json(400, { message: `No consumer in manifest.yml listens to queue "${queueName}".` });
    // The push request that would exceed the chain's budget is answered 405; @forge/events turns that into
    // InvocationLimitReachedError ("The limit on cyclic invocation has been reached.").
    if (store.chainPushes(context.chain.chainId) >= QUEUE_LIMITS.maxPushesPerChain)
      return json(405, {
        message: `This chain of async events (started by ${context.chain.root}) has made ${QUEUE_LIMITS.maxPushesPerChain} push requests, the most Forge allows; start a new chain from a scheduled trigger or another root invocation.`,
      });
    const recent = store.pushedSince(context.now - 60_000);
    if (recent + events.length > QUEUE_LIMITS.eventsPerMinute)
      return json(429, {
        message: `More than ${QUEUE_LIMITS.eventsPerMinute} events pushed in the last minute.`,
      });
    store.push(queueName, jobId, events, context.now, context.chain);
    return json(201, {});
  }
  if (path.startsWith('/webhook/queue/stats/')) {
    const stats = store.jobStats(queueName, jobId);
    return stats
      ? json(200, stats)
      : json(404, { message: `Job ${jobId} does not exist in queue ${queueName}.` });
  }
  if (path.startsWith('/webhook/queue/cancel/')) {
    return store.cancelJob(queueName, jobId)
      ? json(204)
      : json(404, { message: `Job ${jobId} does not exist.` });
  }
  return json(404, { message: `Unknown queue operation ${path}` });
}
