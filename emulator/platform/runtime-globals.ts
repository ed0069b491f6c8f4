// Installs the two globals the real Forge SDK reads (`__forge_runtime__`, `__forge_fetch__`), egress-checked
// `fetch`, and an emulated `Date` inside invocations. Must run before any @forge/* module is first required.
import { currentInvocation, type ForgeFetchTarget, type Invocation } from './invocation';

type GlobalWithForge = typeof globalThis & {
  __forge_emulator_installed__?: boolean;
  __forge_fetch__?: (target: ForgeFetchTarget, path: string, init?: RequestInit) => Promise<Response>;
};

const runtimeCache = new WeakMap<Invocation, Record<string, unknown>>();

function runtimeOf(invocation: Invocation): Record<string, unknown> {
  let runtime = runtimeCache.get(invocation);
  if (!runtime) {
    runtime = invocation.runtime();
    runtimeCache.set(invocation, runtime);
  }
  return runtime;
}

function urlOf(input: string | URL | Request): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

/** Date that reads the emulated clock inside an invocation and the real clock elsewhere. */
function installEmulatedDate(g: GlobalWithForge): void {
  const RealDate = g.Date;
  // A real-time clock itself reads Date.now: inside host.now() the real clock must answer, or it would recurse.
  let readingHostClock = false;
  const nowMs = (): number => {
    const invocation = currentInvocation();
    if (!invocation || readingHostClock) return RealDate.now();
    readingHostClock = true;
    try {
      return invocation.init.host.now();
    } finally {
      readingHostClock = false;
    }
  };
  g.Date = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget) {
      return Reflect.construct(target, args.length === 0 ? [nowMs()] : args, newTarget) as object;
    },
    apply() {
      return new RealDate(nowMs()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return nowMs;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

export function installForgeGlobals(): void {
  const g = globalThis as GlobalWithForge;
  if (g.__forge_emulator_installed__) return;
  g.__forge_emulator_installed__ = true;

  Object.defineProperty(g, '__forge_runtime__', {
    configurable: true,
    get: () => {
      const invocation = currentInvocation();
      return invocation ? runtimeOf(invocation) : undefined;
    },
  });

  g.__forge_fetch__ = async (target, path, init = {}) => {
    const invocation = currentInvocation();
    if (!invocation)
      throw new Error('Forge runtime not found: an SDK call was made outside a Forge invocation.');
    invocation.assertAlive();
    const response = await invocation.init.host.handleForgeFetch(invocation, target, path, init);
    invocation.assertAlive();
    return response;
  };

  const nativeFetch = g.fetch.bind(g);
  g.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const invocation = currentInvocation();
    if (!invocation) return nativeFetch(input, init);
    invocation.assertAlive();
    const response = await invocation.init.host.handleEgressFetch(invocation, urlOf(input), init);
    invocation.assertAlive();
    return response;
  };

  installEmulatedDate(g);
  installVirtualTimers(g);
}

/** setTimeout inside an invocation goes to its host, which may run it on the emulated clock. */
function installVirtualTimers(g: GlobalWithForge): void {
  const realSetTimeout = g.setTimeout;
  const realClearTimeout = g.clearTimeout;
  const virtualSetTimeout = (handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const invocation = currentInvocation();
    if (invocation?.init.host.scheduleTimer && typeof handler === 'function') {
      const callback = handler as (...a: unknown[]) => void;
      const handle = invocation.init.host.scheduleTimer(invocation, () => callback(...args), ms ?? 0);
      if (handle !== undefined) return handle;
    }
    return realSetTimeout(handler as (...a: unknown[]) => void, ms, ...args);
  };
  g.setTimeout = Object.assign(virtualSetTimeout, realSetTimeout);
  g.clearTimeout = (handle: unknown) => {
    const host = currentInvocation()?.init.host;
    if (host?.clearTimer?.(handle)) return;
    realClearTimeout(handle as Parameters<typeof realClearTimeout>[0]);
  };
}
