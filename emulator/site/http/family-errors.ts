// The error each API family sends for pipeline-level refusals (auth, unknown path, bad request, rate limit,
// injected faults), in that API's own body shape.
import type { SiteResponse } from '../../contracts';
import type { ApiFamily } from '../router';
import {
  adminError,
  confluenceV1Error,
  confluenceV2Error,
  empty,
  gatewayError,
  jiraError,
  scimError,
  scimFailure,
  userManagementError,
} from './responses';

export type PipelineRefusal =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'bad-request'
  | 'rate-limited'
  | 'server-error'
  | 'gateway-timeout';

const STATUS: Record<PipelineRefusal, number> = {
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'bad-request': 400,
  'rate-limited': 429,
  'server-error': 500,
  'gateway-timeout': 504,
};

const V2_CODES: Record<number, [string, string]> = {
  400: ['INVALID_REQUEST_PARAMETER', 'Bad Request'],
  401: ['UNAUTHORIZED', 'Unauthorized'],
  403: ['FORBIDDEN', 'Forbidden'],
  404: ['NOT_FOUND', 'Not Found'],
  405: ['METHOD_NOT_ALLOWED', 'Method Not Allowed'],
  429: ['TOO_MANY_REQUESTS', 'Too Many Requests'],
  500: ['INTERNAL_SERVER_ERROR', 'Internal Server Error'],
  502: ['BAD_GATEWAY', 'Bad Gateway'],
  503: ['SERVICE_UNAVAILABLE', 'Service Unavailable'],
  504: ['GATEWAY_TIMEOUT', 'Gateway Timeout'],
};

const UM_KEYS: Record<number, string> = {
  400: 'bodyParseFailure',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  405: 'methodNotAllowed',
  429: 'tooManyRequests',
};

export function familyError(
  family: ApiFamily,
  pathname: string,
  refusal: PipelineRefusal,
  message: string,
  options: { status?: number; headers?: Record<string, string>; traceId?: string } = {},
): SiteResponse {
  const status = options.status ?? STATUS[refusal];
  const response = build(family, pathname, status, refusal, message, options.traceId ?? '0');
  return { ...response, headers: { ...response.headers, ...(options.headers ?? {}) } };
}

function build(
  family: ApiFamily,
  pathname: string,
  status: number,
  refusal: PipelineRefusal,
  message: string,
  traceId: string,
): SiteResponse {
  switch (family) {
    case 'jira':
      return jiraError(status, [message]);
    case 'confluence': {
      if (pathname.startsWith('/wiki/api/v2/')) {
        const [code, title] = V2_CODES[status] ?? ['ERROR', 'Error'];
        return confluenceV2Error(status, code, title, message);
      }
      return confluenceV1Error(status, message);
    }
    case 'admin':
      return status === 401 ? gatewayError(401, 'Unauthorized') : adminError(status, message);
    case 'user-management':
      return userManagementError(status, UM_KEYS[status] ?? 'internalError');
    case 'scim':
      if (status === 401 || status === 403) return scimFailure(status, message, traceId);
      if (status === 405) return empty(405);
      return scimError(status, message, refusal === 'bad-request' ? 'invalidSyntax' : undefined);
  }
}
