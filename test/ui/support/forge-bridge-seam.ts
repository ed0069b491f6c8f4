// Installs the one channel @forge/react and @forge/bridge talk through (`globalThis.__bridge`), before either
// loads: @forge/bridge captures `callBridge` when first required, and the reconciler reads `self.__bridge`.
// Import this first; each rendered page then answers the commands through `setBridgeHandler`.

export type BridgeHandler = (cmd: string, data: unknown) => Promise<unknown>;
/** The page's static files as Forge's CDN serves them beside the page (`./__LOCALES__/…`): text, or null (404). */
export type PageFiles = (path: string) => string | null;

let handler: BridgeHandler | undefined;
let pageFiles: PageFiles | undefined;

export function setPageFiles(next: PageFiles | undefined): void {
  pageFiles = next;
}

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

// @forge/bridge fetches the translations relative to the page (`./__LOCALES__/de-DE.json`); Node's fetch has no
// page to be relative to, so relative URLs are answered from the deployed files, and anything else goes out as is.
const networkFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith('./')) return networkFetch(input, init);
  const body = pageFiles?.(url.slice(2)) ?? null;
  return Promise.resolve(
    body === null
      ? new Response('Not Found', { status: 404, statusText: 'Not Found' })
      : new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
  );
};
