// Conversions between WHATWG fetch objects and the site's plain request/response records.
import type { SiteResponse } from '../contracts';

export function toSiteRequestHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    result[name.toLowerCase()] = value;
  });
  return result;
}

export function fromSiteResponse(response: SiteResponse): Response {
  const nullBody = response.status === 204 || response.status === 304 || response.body === undefined;
  return new Response(nullBody ? null : response.body, {
    status: response.status,
    headers: response.headers,
  });
}

export function bodyText(init: RequestInit): string | undefined {
  const body = init.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
    return Buffer.from(body as ArrayBuffer).toString('utf8');
  throw new TypeError('The emulator supports string, URLSearchParams and binary request bodies only.');
}
