// The emulator's one HTTP server (127.0.0.1:8787 by default): health, web triggers at /x1/…, the local preview
// at / and /__preview/…, and the emulated site's REST and control API for everything else.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** Answers a request and returns true, or returns false to let the next mount try. */
export type Mount = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface EmulatorMounts {
  /** Forge web triggers: requests under /x1/ (the platform's `webTriggerHandler`). */
  webTriggers: (req: IncomingMessage, res: ServerResponse) => void;
  /** The local preview: `/` and `/__preview/…`. */
  preview?: Mount;
  /** The emulated site: product REST APIs, the Admin API, SCIM, and its control API under /__emulator/. */
  site?: Mount;
}

export interface EmulatorServer {
  readonly url: string;
  readonly port: number;
  /** Until this is called every route but health answers 503 "starting". */
  setReady(mounts: EmulatorMounts, health?: () => Record<string, unknown>): void;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `${host}:${port} is already in use (another \`npm start\`?). Stop that process, or choose another port: PORT=8788 npm start`,
    );
    this.name = 'PortInUseError';
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`PORT must be an integer from 0 to 65535, got "${value}"`);
  return port;
}

export async function startEmulatorServer(
  options: { port?: number; host?: string } = {},
): Promise<EmulatorServer> {
  const host = options.host ?? DEFAULT_HOST;
  let mounts: EmulatorMounts | undefined;
  let health: () => Record<string, unknown> = () => ({});
  const started = Date.now();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/__emulator/health') {
      if (!mounts) return json(res, 503, { status: 'starting', uptimeMs: Date.now() - started });
      return json(res, 200, { status: 'ok', uptimeMs: Date.now() - started, ...health() });
    }
    if (!mounts) return json(res, 503, { error: 'the emulator is still starting; retry in a moment' });
    if (path === '/x1' || path.startsWith('/x1/')) return mounts.webTriggers(req, res);
    for (const mount of [mounts.preview, mounts.site]) if (mount && (await mount(req, res))) return;
    json(res, 404, {
      error: `nothing is served at ${req.method ?? 'GET'} ${path}`,
      ...(mounts.site ? {} : { note: 'the emulated site has no HTTP API mounted in this build' }),
    });
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      console.error('emulator server:', e);
      if (!res.headersSent) json(res, 500, { error: e instanceof Error ? e.message : String(e) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(host, options.port ?? DEFAULT_PORT) : e);
    server.once('error', onError);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  return {
    url,
    port,
    setReady(next, nextHealth) {
      mounts = next;
      if (nextHealth) health = nextHealth;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
