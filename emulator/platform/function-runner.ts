// Runs one handler as a Forge invocation: loads it by manifest name, enforces the time limit, records the outcome.
import {
  Invocation,
  InvocationKilledError,
  runInInvocation,
  type InvocationInit,
  type ModuleKind,
} from './invocation';
import type { FunctionDef } from './manifest';

/** Forge's documented limits (developer.atlassian.com/platform/forge/limits-invocation). */
export const TIME_LIMITS_MS = {
  /** Every invocation not listed below: resolvers, product-event triggers. */
  general: 25_000,
  webtrigger: 55_000,
  /** Functions referenced only by consumer or scheduled-trigger modules, without `timeoutSeconds`. */
  defaultBackground: 55_000,
  /** The most `timeoutSeconds` can give such a function. */
  maxBackground: 900_000,
} as const;

const BACKGROUND_KINDS: ReadonlySet<ModuleKind> = new Set(['consumer', 'scheduledTrigger']);

/**
 * The time an invocation gets. `timeoutSeconds` applies only to a function that nothing but consumers and
 * scheduled triggers reference: the same function named by a product-event trigger, a web trigger or a UI module
 * keeps that module's limit, whatever the manifest asks for.
 */
export function timeLimitMs(kind: ModuleKind, fn: FunctionDef): number {
  if (kind === 'webtrigger') return TIME_LIMITS_MS.webtrigger;
  if (!BACKGROUND_KINDS.has(kind)) return TIME_LIMITS_MS.general;
  const backgroundOnly = [...fn.usedBy].every((k) => BACKGROUND_KINDS.has(k));
  const seconds = backgroundOnly ? fn.timeoutSeconds : undefined;
  return seconds ? Math.min(seconds * 1000, TIME_LIMITS_MS.maxBackground) : TIME_LIMITS_MS.defaultBackground;
}

export type Outcome = 'success' | 'error' | 'timeout';

export interface InvocationRecord {
  invocationId: string;
  moduleKind: ModuleKind;
  moduleKey: string;
  functionKey: string;
  startedAt: number;
  elapsedMs: number;
  limitMs: number;
  outcome: Outcome;
  /** Present when the handler asked to be retried (returned an InvocationError). */
  retryRequested?: { retryAfter: number; retryReason: string; retryData?: unknown };
  error?: string;
  attempt: number;
  eventId?: string;
  /** The async-event chain it ran in (see InvocationInit.chain). */
  chainId: string;
}

export interface RunResult {
  record: InvocationRecord;
  result?: unknown;
  error?: unknown;
}

export type HandlerLoader = (file: string) => Record<string, unknown>;

export function resolveHandler(load: HandlerLoader, fn: FunctionDef): (...args: unknown[]) => unknown {
  const dot = fn.handler.lastIndexOf('.');
  const file = fn.handler.slice(0, dot);
  const exportName = fn.handler.slice(dot + 1);
  const handler = load(file)[exportName];
  if (typeof handler !== 'function')
    throw new Error(
      `manifest.yml function "${fn.key}": handler ${fn.handler} is not an exported function of src/${file}`,
    );
  return handler as (...args: unknown[]) => unknown;
}

function retryRequestOf(result: unknown): InvocationRecord['retryRequested'] {
  if (result && typeof result === 'object' && (result as { _retry?: unknown })._retry === true) {
    const options = (
      result as { retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } }
    ).retryOptions;
    return {
      retryAfter: Math.max(1, options?.retryAfter ?? 1),
      retryReason: options?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
      ...(options?.retryData !== undefined ? { retryData: options.retryData } : {}),
    };
  }
  return undefined;
}

export async function runFunction(
  init: InvocationInit,
  handler: (...args: unknown[]) => unknown,
  args: unknown[],
  meta: { attempt: number; eventId?: string; startedAt: number },
): Promise<RunResult> {
  const invocation = new Invocation(init);
  const killed = new Promise<never>((_, reject) => invocation.onKill(reject));
  killed.catch(() => undefined);
  const watchdog = setTimeout(() => invocation.kill(), init.limitMs);
  watchdog.unref?.();
  let result: unknown;
  let error: unknown;
  try {
    result = await Promise.race([
      runInInvocation(invocation, () => Promise.resolve().then(() => handler(...args))),
      killed,
    ]);
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(watchdog);
  }
  const timedOut = error instanceof InvocationKilledError || invocation.killed !== undefined;
  const retryRequested = error === undefined ? retryRequestOf(result) : undefined;
  const record: InvocationRecord = {
    invocationId: invocation.id,
    moduleKind: init.moduleKind,
    moduleKey: init.moduleKey,
    functionKey: init.functionKey,
    startedAt: meta.startedAt,
    elapsedMs: Math.round(invocation.elapsedMs()),
    limitMs: init.limitMs,
    outcome: timedOut ? 'timeout' : error !== undefined ? 'error' : 'success',
    attempt: meta.attempt,
    chainId: init.chain.chainId,
    ...(meta.eventId ? { eventId: meta.eventId } : {}),
    ...(retryRequested ? { retryRequested } : {}),
    ...(timedOut
      ? { error: `Task timed out after ${(init.limitMs / 1000).toFixed(2)} seconds` }
      : error !== undefined
        ? { error: error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error) }
        : {}),
  };
  if (timedOut) invocation.kill();
  return { record, ...(error === undefined ? { result } : { error }) };
}
