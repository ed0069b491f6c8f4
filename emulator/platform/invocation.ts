// One function invocation as the platform sees it: identity, principal, time budget, and the kill switch.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export type ModuleKind = 'trigger' | 'scheduledTrigger' | 'consumer' | 'webtrigger' | 'resolver';

/** The host the invocation belongs to; the runtime globals route every SDK call through it. */
export interface InvocationHost {
  /** Schedules a timer on the emulated clock; undefined means "use a real timer" (real-time mode). */
  scheduleTimer?(invocation: Invocation, fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): boolean;
  handleForgeFetch(
    invocation: Invocation,
    target: ForgeFetchTarget,
    path: string,
    init: RequestInit,
  ): Promise<Response>;
  handleEgressFetch(invocation: Invocation, url: URL, init: RequestInit | undefined): Promise<Response>;
  now(): number;
}

/** The descriptor the real SDK passes to `globalThis.__forge_fetch__` (see @forge/api out/api/fetch.js). */
export interface ForgeFetchTarget {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

export class InvocationKilledError extends Error {
  constructor(
    readonly reason: 'timeout',
    readonly limitMs: number,
  ) {
    super(`Forge killed this invocation: it ran longer than its ${Math.round(limitMs / 1000)} s limit`);
    this.name = 'InvocationKilledError';
  }
}

export interface InvocationInit {
  host: InvocationHost;
  moduleKind: ModuleKind;
  moduleKey: string;
  functionKey: string;
  /** The acting user (`aaid`), for resolvers; absent for background functions. */
  accountId?: string;
  limitMs: number;
  contextAri: string;
  /** A test's label for this invocation (see ForgePlatform.runConsumer); not a Forge concept. */
  tag?: string;
  /**
   * The async-event chain this invocation belongs to: its own (a root: a trigger, schedule, web trigger or
   * resolver) or, for a consumer, the chain of the push that queued its event. Its pushes count against it.
   */
  chain: { chainId: string; root: string };
  /** The deployed code's directory as the SDK sees it (`__LOCALES__` lives there); the process's by default. */
  appCodeDir?: string;
  appContext: {
    appId: string;
    appVersion: string;
    environmentId: string;
    environmentType: string;
    installationId: string;
    /** Forge's `License` for this installation; absent when Forge passes none. */
    license?: Record<string, unknown>;
  };
}

/** Per-invocation state; `elapsedMs` = wall time + emulated latency charged by the site. */
export class Invocation {
  readonly id = randomUUID();
  readonly startedAtReal = performance.now();
  chargedMs = 0;
  killed: InvocationKilledError | undefined;
  private killListeners: Array<(e: InvocationKilledError) => void> = [];

  constructor(readonly init: InvocationInit) {}

  elapsedMs(): number {
    return performance.now() - this.startedAtReal + this.chargedMs;
  }

  remainingMs(): number {
    return Math.max(0, this.init.limitMs - this.elapsedMs());
  }

  /** Adds emulated time (e.g. network latency that was not really slept) to this invocation's clock. */
  charge(ms: number): void {
    this.chargedMs += ms;
    this.checkDeadline();
  }

  checkDeadline(): void {
    if (!this.killed && this.elapsedMs() > this.init.limitMs) this.kill();
  }

  kill(): void {
    if (this.killed) return;
    this.killed = new InvocationKilledError('timeout', this.init.limitMs);
    for (const listener of this.killListeners) listener(this.killed);
  }

  onKill(listener: (e: InvocationKilledError) => void): void {
    this.killListeners.push(listener);
  }

  /** Throws if the invocation is dead: a killed Forge function can do nothing more. */
  assertAlive(): void {
    this.checkDeadline();
    if (this.killed) throw this.killed;
  }

  /** The `__forge_runtime__` object the SDK reads (shape from @forge/api out/api/runtime.d.ts). */
  runtime(): Record<string, unknown> {
    const metric = { incr() {}, incrBy() {}, decr() {}, decrBy() {} };
    return {
      proxy: { url: 'http://forge-platform.emulator.invalid', token: `emulator-${this.id}` },
      contextAri: this.init.contextAri,
      aaid: this.init.accountId,
      appContext: {
        ...this.init.appContext,
        invocationId: this.id,
        functionKey: this.init.functionKey,
        moduleType: this.init.moduleKind,
        moduleKey: this.init.moduleKey,
      },
      lambdaContext: {
        awsRequestId: this.id,
        getRemainingTimeInMillis: () => this.remainingMs(),
      },
      tracing: { traceId: this.id.replace(/-/g, ''), spanId: '0000000000000001' },
      realtime: {},
      metrics: {
        counter: () => metric,
        timing: () => ({ measure: () => ({ stop() {} }) }),
        gauge: () => ({ set() {} }),
      },
      externalAuth: [],
      featureFlags: () => false,
      container: { appCodeDir: this.init.appCodeDir ?? process.cwd() },
    };
  }
}

const store = new AsyncLocalStorage<Invocation>();

export function currentInvocation(): Invocation | undefined {
  return store.getStore();
}

export function runInInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  return store.run(invocation, fn);
}
