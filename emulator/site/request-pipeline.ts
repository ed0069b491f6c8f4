// One request's way through the site: spec check (recorded) → faults → route → authentication → rate limit →
// 400 for an invalid request → handler → response check. Every step is recorded in the request log.
import type { Principal, SiteProduct, SiteRequest, SiteResponse } from '../contracts';
import { resolveCaller, type Caller } from './auth';
import type { FaultInjector } from './faults';
import { familyError } from './http/family-errors';
import { parseRequest, type ParsedRequest } from './http/parsed-request';
import type { RequestCheck, SpecViolation } from './openapi/types';
import { objectsRead, type RateLimiter, type RateLimitSubject } from './rate-limits';
import type { ApiFamily, HandlerResponse, Router, RouteDefinition } from './router';
import type { SiteContext } from './site-context';
import type { SpecChecker } from './spec-checker';

export type ValidationOutcome = 'ok' | 'invalid' | 'unknown-operation' | 'unchecked';

export interface RequestLogEntry {
  seq: number;
  at: number;
  product: SiteProduct;
  method: string;
  path: string;
  principal: Principal['kind'];
  caller?: Caller['kind'];
  status: number;
  /** The route template that served the request, if any. */
  route?: string;
  validation: ValidationOutcome;
  violations: SpecViolation[];
  responseViolations: SpecViolation[];
  fault?: 'error' | 'timeout';
  rateLimited: boolean;
  /** The Forge invocation that sent it, when the platform said. */
  origin?: { invocationId: string; moduleKey: string };
}

export interface PipelineOptions {
  context: SiteContext;
  router: Router;
  checker: SpecChecker;
  limiter: RateLimiter;
  faults: FaultInjector;
  delay: (ms: number) => Promise<void>;
  strict: boolean;
  requestLogLimit: number;
}

/** Rules meaning "the spec does not know this operation" rather than "this request breaks the operation's rules". */
function unknownOperation(check: RequestCheck): boolean {
  return !check.ok && check.operation === undefined;
}

function familyForPath(product: SiteProduct, pathname: string): ApiFamily {
  if (product === 'jira') return 'jira';
  if (product === 'confluence') return 'confluence';
  if (pathname.startsWith('/scim/')) return 'scim';
  if (pathname.startsWith('/users/')) return 'user-management';
  return 'admin';
}

function authorize(
  family: ApiFamily,
  caller: Caller,
  params: Record<string, string>,
): { ok: true } | { ok: false; refusal: 'unauthorized' | 'forbidden'; message: string } {
  switch (family) {
    case 'jira':
    case 'confluence':
      if (caller.kind === 'app' || caller.kind === 'user') return { ok: true };
      return {
        ok: false,
        refusal: 'unauthorized',
        message:
          caller.kind === 'anonymous'
            ? `Client must be authenticated to access this resource (${caller.reason}).`
            : 'Client must be authenticated to access this resource.',
      };
    case 'admin':
    case 'user-management':
      if (caller.kind !== 'org-key')
        return {
          ok: false,
          refusal: 'unauthorized',
          message: 'A valid organization API key is required (Bearer).',
        };
      if (params['orgId'] !== undefined && params['orgId'] !== caller.org.orgId)
        return {
          ok: false,
          refusal: 'forbidden',
          message: `The API key does not grant access to org ${params['orgId']}.`,
        };
      return { ok: true };
    case 'scim':
      if (caller.kind === 'scim-key' && params['directoryId'] === caller.directory.directoryId)
        return { ok: true };
      return { ok: false, refusal: 'unauthorized', message: 'Missing or invalid directory API key.' };
  }
}

function rateSubject(
  family: ApiFamily,
  caller: Caller,
  route: RouteDefinition,
): RateLimitSubject | undefined {
  const endpoint = `${route.method} ${route.template}`;
  const base = { family, endpoint, lastActive: route.template.endsWith('/last-active-dates') };
  if (caller.kind === 'app') return { ...base, budget: 'app', pointsApply: true, impersonation: false };
  if (caller.kind === 'user') {
    if (caller.via === 'basic')
      return {
        ...base,
        budget: `user:${caller.account.accountId}`,
        pointsApply: false,
        impersonation: false,
      };
    return {
      ...base,
      budget: `app+user:${caller.account.accountId}`,
      pointsApply: true,
      impersonation: caller.via === 'impersonation',
    };
  }
  if (caller.kind === 'org-key')
    return { ...base, budget: `org:${caller.org.orgId}`, pointsApply: false, impersonation: false };
  return undefined;
}

export class RequestPipeline {
  private seq = 0;
  private readonly log: RequestLogEntry[] = [];

  constructor(private readonly options: PipelineOptions) {}

  requestLog(): readonly RequestLogEntry[] {
    return this.log;
  }

  clearLog(): void {
    this.log.length = 0;
  }

  async handle(raw: SiteRequest): Promise<SiteResponse> {
    const seq = ++this.seq;
    const request = parseRequest(raw);
    const { context } = this.options;
    const family = familyForPath(request.product, request.pathname);
    const entry: RequestLogEntry = {
      seq,
      at: context.clock.now(),
      product: request.product,
      method: request.method,
      path: request.rawPath,
      principal: request.principal.kind,
      status: 0,
      validation: 'unchecked',
      violations: [],
      responseViolations: [],
      rateLimited: false,
      ...(raw.origin ? { origin: raw.origin } : {}),
    };
    try {
      const response = await this.run(seq, request, family, entry);
      entry.status = response.status;
      return response;
    } finally {
      this.log.push(entry);
      if (this.log.length > this.options.requestLogLimit)
        this.log.splice(0, this.log.length - this.options.requestLogLimit);
    }
  }

  private async run(
    seq: number,
    request: ParsedRequest,
    family: ApiFamily,
    entry: RequestLogEntry,
  ): Promise<SiteResponse> {
    const { context, router, checker, limiter, faults } = this.options;

    const toCheck = {
      product: request.product,
      method: request.method,
      path: request.rawPath,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    };
    const check = checker.checkRequest(seq, toCheck);
    if (check) {
      entry.validation = check.ok ? 'ok' : unknownOperation(check) ? 'unknown-operation' : 'invalid';
      if (!check.ok) entry.violations = check.violations;
    }

    const fault = faults.decide({
      product: request.product,
      method: request.method,
      pathname: request.pathname,
    });
    if (fault.latencyMs > 0) await this.options.delay(fault.latencyMs);
    if (fault.kind === 'timeout') {
      entry.fault = 'timeout';
      return familyError(family, request.pathname, 'gateway-timeout', 'The request timed out upstream.');
    }
    if (fault.kind === 'error') {
      entry.fault = 'error';
      return familyError(family, request.pathname, 'server-error', 'Injected server error.', {
        status: fault.status,
      });
    }

    const match = router.match(request.product, request.method, request.pathname);
    if (match.kind === 'not-found')
      return familyError(family, request.pathname, 'not-found', `null for uri: ${request.pathname}`);
    if (match.kind === 'method-not-allowed')
      return familyError(
        family,
        request.pathname,
        'method-not-allowed',
        `Method ${request.method} is not allowed here.`,
        {
          headers: { allow: match.allowed.join(', ') },
        },
      );
    const { route, params } = match;
    entry.route = route.template;

    const caller = resolveCaller(context.state, request);
    entry.caller = caller.kind;
    const auth = authorize(route.family, caller, params);
    if (!auth.ok)
      return familyError(route.family, request.pathname, auth.refusal, auth.message, {
        traceId: String(seq),
      });

    const subject = rateSubject(route.family, caller, route);
    let rateHeaders: Record<string, string> = {};
    if (subject) {
      const decision = limiter.check(subject);
      if (decision.limited) {
        entry.rateLimited = true;
        return familyError(route.family, request.pathname, 'rate-limited', 'Rate limit exceeded.', {
          headers: decision.headers,
        });
      }
      rateHeaders = decision.headers;
    }

    if (check && !check.ok && !unknownOperation(check)) {
      // The 400 production sends for a request that breaks the spec; the violation itself is already recorded.
      const message = check.violations.map((v) => v.message).join('; ');
      const response = familyError(route.family, request.pathname, 'bad-request', message);
      return { ...response, headers: { ...response.headers, ...rateHeaders } };
    }

    let handled: HandlerResponse;
    try {
      handled = await route.handler({ site: context, request, params, caller });
    } catch (error) {
      if (this.options.strict) throw error;
      console.error(`site: handler for ${route.method} ${route.template} failed:`, error);
      handled = familyError(route.family, request.pathname, 'server-error', 'Internal server error.');
    }
    const { requestViolation, ...plain } = handled;
    const response: SiteResponse = { ...plain, headers: { ...plain.headers, ...rateHeaders } };
    if (subject && request.method === 'GET' && response.status < 300)
      limiter.chargeObjects(subject, objectsRead(response.body));
    if (requestViolation) {
      checker.recordHandlerViolation(seq, toCheck, requestViolation, route.template);
      if (entry.validation === 'ok') entry.validation = 'invalid';
      entry.violations = [...entry.violations, requestViolation];
      return response;
    }
    return this.checked(seq, toCheck, check, response, entry);
  }

  private checked(
    seq: number,
    toCheck: Parameters<SpecChecker['checkRequest']>[1],
    check: RequestCheck | undefined,
    response: SiteResponse,
    entry: RequestLogEntry,
  ): SiteResponse {
    const operation = check?.ok ? check.operation : undefined;
    if (operation)
      entry.responseViolations = this.options.checker.checkResponse(
        seq,
        toCheck,
        operation,
        response.status,
        response.body,
      );
    return response;
  }
}
