// Real HTTP on 127.0.0.1 for web triggers: the request becomes Forge's web-trigger event, the reply its response.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Forge's web-trigger request event (developer.atlassian.com/platform/forge/events-reference/web-trigger). */
export interface WebTriggerEvent {
  method: string;
  headers: Record<string, string[]>;
  body: string;
  path: string;
  userPath: string;
  queryParameters: Record<string, string[]>;
  context: { cloudId: string; moduleKey: string };
}

export interface WebTriggerReply {
  statusCode: number;
  headers?: Record<string, string[]>;
  body?: string;
}

export type WebTriggerDispatch = (
  id: string,
  event: Omit<WebTriggerEvent, 'context'>,
) => Promise<WebTriggerReply>;

/** Invocation payloads are limited; Forge refuses larger requests before invoking anything. */
const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  body: string,
  userPath: string,
): Omit<WebTriggerEvent, 'context'> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    (headers[name.toLowerCase()] ??= []).push(req.rawHeaders[i + 1] as string);
  }
  const queryParameters: Record<string, string[]> = {};
  url.searchParams.forEach((value, name) => (queryParameters[name] ??= []).push(value));
  return { method: req.method ?? 'GET', headers, body, path: url.pathname, userPath, queryParameters };
}

function send(res: ServerResponse, reply: WebTriggerReply): void {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(reply.headers ?? {})) headers[name] = values.join(', ');
  res.writeHead(reply.statusCode, headers);
  res.end(reply.body ?? '');
}

export class WebTriggerServer {
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(
    private readonly dispatch: WebTriggerDispatch,
    private readonly port = 0,
  ) {}

  /** Handles a request whose path is `/x1/<id>[/<userPath>]`; exported for servers that mount it themselves. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/x1\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!match) return send(res, { statusCode: 404, body: 'No web trigger here.' });
    readBody(req)
      .then(async (body) => {
        if (body === undefined) return send(res, { statusCode: 413, body: 'Request payload too large.' });
        send(res, await this.dispatch(match[1] as string, toEvent(req, url, body, match[2] ?? '')));
      })
      .catch((e: unknown) =>
        send(res, { statusCode: 500, body: e instanceof Error ? e.message : 'internal error' }),
      );
  };

  async url(): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = createServer(this.handle);
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  /** When another server mounts `handle`, it tells us its address instead of us listening. */
  useBaseUrl(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
    this.baseUrl = undefined;
  }
}
