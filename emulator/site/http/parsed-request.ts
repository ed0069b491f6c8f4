// A site request taken apart once: path without query, query parameters (repeatable), lazily parsed JSON body.
import type { Principal, SiteProduct, SiteRequest } from '../../contracts';

export interface ParsedRequest {
  product: SiteProduct;
  method: string;
  /** The path without its query string, percent-decoding left to the router. */
  pathname: string;
  /** Path and query exactly as sent. */
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body?: string;
  principal: Principal;
}

export function parseRequest(request: SiteRequest): ParsedRequest {
  const at = request.path.indexOf('?');
  const pathname = at === -1 ? request.path : request.path.slice(0, at);
  const query = new URLSearchParams(at === -1 ? '' : request.path.slice(at + 1));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  return {
    product: request.product,
    method: request.method.toUpperCase(),
    pathname,
    rawPath: request.path,
    query,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    principal: request.principal,
  };
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses the body as JSON; an absent or empty body is `undefined`, not an error. */
export function jsonBody(request: ParsedRequest): JsonBody {
  if (request.body === undefined || request.body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.body) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a non-negative integer query parameter; `undefined` when absent, `NaN` when malformed. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}

/** Jira's comma-or-repeat list parameters (`expand=a,b`, `groupId=1&groupId=2`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}
