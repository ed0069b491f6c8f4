// Serves the site over HTTP like a real Atlassian cloud site plus api.atlassian.com: /rest/... (Jira) and
// /wiki/... (Confluence) with Basic email:API-token auth; /admin/..., /scim/..., /users/... (what lives on
// https://api.atlassian.com) with Bearer keys; the control API under /__emulator/....
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SiteProduct } from '../contracts';
import { handleControl, type ControlOptions } from './control-api';
import type { Site } from './site';

export interface SiteHttpOptions extends ControlOptions {
  port?: number;
  host?: string;
}

export interface RunningSiteServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Which product a path belongs to; undefined for paths the site does not serve. */
export function productForPath(pathname: string): SiteProduct | 'control' | undefined {
  if (pathname.startsWith('/__emulator/') || pathname === '/__emulator') return 'control';
  if (pathname.startsWith('/rest/')) return 'jira';
  if (pathname.startsWith('/wiki/')) return 'confluence';
  if (pathname.startsWith('/admin/') || pathname.startsWith('/scim/') || pathname.startsWith('/users/'))
    return 'api';
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  res.writeHead(
    status,
    body !== undefined ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers,
  );
  res.end(body);
}

async function serve(
  site: Site,
  options: ControlOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = req.url ?? '/';
  const pathname = path.split('?')[0] ?? '/';
  const method = (req.method ?? 'GET').toUpperCase();
  const product = productForPath(pathname);
  const raw = await readBody(req);
  if (product === 'control') {
    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        send(
          res,
          400,
          { 'content-type': 'application/json' },
          JSON.stringify({ error: 'The body is not valid JSON.' }),
        );
        return;
      }
    }
    const answer = handleControl(site, method, path, body, options);
    if (answer.body === undefined) send(res, answer.status, {});
    else send(res, answer.status, { 'content-type': 'application/json' }, JSON.stringify(answer.body));
    return;
  }
  if (!product) {
    send(
      res,
      404,
      { 'content-type': 'application/json' },
      JSON.stringify({ error: `Nothing is served at ${pathname}.` }),
    );
    return;
  }
  const response = await site.handle({
    product,
    method,
    path,
    headers: headersOf(req),
    ...(raw.length > 0 ? { body: raw } : {}),
    principal: { kind: 'http' },
  });
  send(res, response.status, response.headers, response.body);
}

/** A plain Node handler, for mounting the site inside another server (the platform's single `npm start`). */
export function createSiteRequestHandler(
  site: Site,
  options: ControlOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(site, options, req, res).catch((error: unknown) => {
      console.error('site: request failed:', error);
      if (!res.headersSent)
        send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ error: String(error) }));
      else res.end();
    });
  };
}

/**
 * For mounting inside another server (the `npm start` server's `Mount`): answers the site's paths and returns
 * true, or returns false without touching the response for anything else (the preview, web triggers).
 */
export function createSiteMount(
  site: Site,
  options: ControlOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const handler = createSiteRequestHandler(site, options);
  return (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (!productForPath(pathname)) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      res.once('finish', () => resolve(true));
      res.once('close', () => resolve(true));
      handler(req, res);
    });
  };
}

export function createSiteHttpServer(site: Site, options: SiteHttpOptions = {}): Promise<RunningSiteServer> {
  const server = createServer(createSiteRequestHandler(site, options));
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
  });
}
