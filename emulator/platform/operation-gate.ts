// A seam for deterministic interleaving tests: every storage, queue, product and egress call of an invocation can
// be held before it reaches the platform, so a test scheduler decides the order in which two workers' calls land.

/** One call an invocation is about to make, as a scheduler sees it. */
export interface PlatformOperation {
  invocationId: string;
  moduleKey: string;
  /** The label the caller gave the invocation (see ForgePlatform.runConsumer), to tell workers apart. */
  tag?: string;
  kind: 'storage' | 'queue' | 'product' | 'egress';
  /** `GET`, `POST`…; for storage the SDK's operation path, e.g. `/api/v1/transaction`. */
  method: string;
  path: string;
  /** The request body, parsed when it is JSON. */
  body?: unknown;
  /** Kills the invocation now, as Forge does at its time limit: this call and every later one fail. */
  kill(): void;
}

/**
 * Called before each operation; the operation proceeds when the returned promise resolves, and fails with the
 * rejection (e.g. the invocation being killed) when it rejects.
 */
export type OperationGate = (operation: PlatformOperation) => Promise<void>;

export function parsedBody(init: RequestInit | undefined): unknown {
  const body = init?.body;
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
