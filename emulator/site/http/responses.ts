// Response builders with each API's own error body: Jira ErrorCollection, Confluence v1/v2, SCIM, Admin API,
// user management. Headers are lower-cased, bodies JSON strings.
import type { SiteResponse } from '../../contracts';

const JSON_TYPE = 'application/json;charset=UTF-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SiteResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function empty(status: number, headers: Record<string, string> = {}): SiteResponse {
  return { status, headers: { ...headers } };
}

/** Jira's ErrorCollection: `{errorMessages: [...], errors: {field: message}}`. */
export function jiraError(
  status: number,
  messages: string[],
  errors: Record<string, string> = {},
): SiteResponse {
  return json(status, { errorMessages: messages, errors });
}

/** Confluence REST v1 error body. */
export function confluenceV1Error(status: number, message: string): SiteResponse {
  return json(status, {
    statusCode: status,
    data: {
      authorized: status !== 401 && status !== 403,
      valid: status !== 400,
      errors: [],
      successful: false,
    },
    message,
  });
}

/** Confluence REST v2 error body. */
export function confluenceV2Error(
  status: number,
  code: string,
  title: string,
  detail?: string,
): SiteResponse {
  return json(status, { errors: [{ status, code, title, detail: detail ?? null }] });
}

const SCIM_TYPE = 'application/scim+json;charset=UTF-8';

export function scimJson(status: number, body: unknown): SiteResponse {
  return { status, headers: { 'content-type': SCIM_TYPE }, body: JSON.stringify(body) };
}

export type ScimErrorType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue';

/** SCIM's error schema (RFC 7644 §3.12). */
export function scimError(status: number, detail: string, scimType?: ScimErrorType): SiteResponse {
  return scimJson(status, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType !== undefined ? { scimType } : {}),
    detail,
  });
}

/** SCIM's gateway-level refusal (401/403): the spec's `Failure` object. */
export function scimFailure(status: 401 | 403, error: string, traceId: string): SiteResponse {
  return scimJson(status, { error, traceId });
}

const ADMIN_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Organizations (Admin) API error body `{errors:[{id,status,code,title,detail}]}` with codes like ADMIN-404-1.
 * No official spec exists; this follows Atlassian's reference pages (see emulator/specs/admin-api.json).
 */
export function adminError(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): SiteResponse {
  return json(
    status,
    {
      errors: [
        {
          id: `${status}`,
          status: String(status),
          code: `ADMIN-${status}-1`,
          title: ADMIN_TITLES[status] ?? 'Error',
          detail,
        },
      ],
    },
    headers,
  );
}

/** api.atlassian.com's gateway refuses a missing or unknown key before the Admin API sees it. */
export function gatewayError(status: number, message: string): SiteResponse {
  return json(status, { code: status, message });
}

/** User-management API error body: `{key, context?}`. */
export function userManagementError(
  status: number,
  key: string,
  context?: Record<string, unknown>,
): SiteResponse {
  return json(status, { key, ...(context !== undefined ? { context } : {}) });
}
