// The browser's side of the preview server's JSON API (/__preview/*): state, resolver calls, product fetches,
// user search and the activity feed (the console's site actions go to the site's control API: site-control.ts).
import type { PreviewUser } from './renderer';

export interface PreviewPersona {
  accountId: string;
  displayName: string;
  email: string;
  /** What this persona shows, e.g. "site admin" or "member (not an admin)". */
  role: string;
  timeZone: string;
}

export interface PreviewState {
  personas: PreviewPersona[];
  /** What getContext answers, less the accountId (the browser adds the current persona's). */
  context: Record<string, unknown>;
  app: { entry: string; isDemo: boolean };
  /** The app's locales, default first; the page can be viewed in any of them (and falls back for others). */
  locales: string[];
  siteUrl: string;
  clock: { now: number; mode: string };
}

export interface ActivityFeed {
  invocations: Array<{
    invocationId: string;
    moduleKind: string;
    moduleKey: string;
    functionKey: string;
    startedAt: number;
    elapsedMs: number;
    outcome: string;
    error?: string;
  }>;
  audit: Array<{
    id: number;
    created: number;
    summary: string;
    category?: string;
    objectName?: string;
    eventSource?: string;
  }>;
  now: number;
}

export class PreviewApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PreviewApiError';
  }
}

async function readReply<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : `${response.status} ${response.statusText}: ${text.slice(0, 200)}`;
    throw new PreviewApiError(message, response.status);
  }
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return readReply<T>(await fetch(path, { headers: { accept: 'application/json' } }));
}

async function sendJson<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  return readReply<T>(
    await fetch(path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export const postJson = <T>(path: string, body: unknown): Promise<T> => sendJson<T>('POST', path, body);
export const putJson = <T>(path: string, body: unknown): Promise<T> => sendJson<T>('PUT', path, body);

/** What the server answers for an invoke: the resolver's result, or the error Forge would hand the page. */
export type InvokeReply =
  { ok: true; result: unknown } | { ok: false; error: { name: string; message: string } };

export function invokeResolver(
  accountId: string,
  functionKey: string,
  payload: unknown,
): Promise<InvokeReply> {
  return postJson<InvokeReply>('/__preview/invoke', { accountId, functionKey, payload });
}

export interface ProductFetchReply {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  isAttachment: boolean;
}

export function fetchProduct(
  accountId: string,
  request: Record<string, unknown>,
): Promise<ProductFetchReply> {
  return postJson<ProductFetchReply>('/__preview/fetch-product', { accountId, ...request });
}

export function searchUsers(query: string): Promise<PreviewUser[]> {
  return getJson<PreviewUser[]>(`/__preview/users?query=${encodeURIComponent(query)}`);
}

export function lookupUser(accountId: string): Promise<PreviewUser | undefined> {
  return getJson<PreviewUser[]>(`/__preview/users?accountId=${encodeURIComponent(accountId)}`).then(
    (u) => u[0],
  );
}
