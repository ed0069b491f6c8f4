// Installs the one channel @forge/react and @forge/bridge talk through (`globalThis.__bridge`), before either
// loads: @forge/bridge captures `callBridge` when first required, and the reconciler reads `self.__bridge`.
// Import this first; each rendered page then answers the commands through `setBridgeHandler`.

export type BridgeHandler = (cmd: string, data: unknown) => Promise<unknown>;

let handler: BridgeHandler | undefined;

export function setBridgeHandler(next: BridgeHandler | undefined): void {
  handler = next;
}

const g = globalThis as unknown as { self?: unknown; __bridge?: { callBridge: BridgeHandler } };
// The reconciler runs in a browser worker upstream and reads `self`; Node has only globalThis.
g.self ??= globalThis;
g.__bridge = {
  callBridge: (cmd, data) => {
    if (handler) return handler(cmd, data);
    // A late commit from a page already closed: nothing listens any more.
    if (cmd === 'reconcile') return Promise.resolve(undefined);
    return Promise.reject(new Error(`bridge command "${cmd}" arrived while no page is open`));
  },
};
