// Runs every request and response through the OpenAPI validator, counts outcomes, and records violations:
// a request violation is the app's bug (the test fails naming the rule); a response violation is the
// emulator's bug (loud: thrown in strict mode).
import type { SiteProduct } from '../contracts';
import type {
  RequestCheck,
  RequestToCheck,
  SpecOperation,
  SpecValidator,
  SpecViolation,
} from './openapi/types';

export interface RecordedViolation {
  /** `request`: the app sent something the spec forbids. `response`: the emulator answered off-spec. */
  kind: 'request' | 'response';
  seq: number;
  product: SiteProduct;
  method: string;
  path: string;
  /** The spec's template, when the operation was recognised. */
  operation?: string;
  status?: number;
  violations: SpecViolation[];
}

/**
 * Places where Atlassian's own spec contradicts what its API sends. The site answers like production; a
 * response violation matching one of these is counted apart (not thrown, not an emulator bug). The test
 * `known spec defects still occur` keeps this list honest: an entry the validator no longer reports fails it.
 */
export interface KnownSpecDefect {
  spec: string;
  method: string;
  /** Route template; a trailing `*` matches any suffix. */
  template: string;
  rule: string;
  /** A fragment of the violation message. */
  contains: string;
  reason: string;
}

export const KNOWN_SPEC_DEFECTS: readonly KnownSpecDefect[] = [
  {
    spec: 'jira',
    method: 'GET',
    template: '/rest/api/3/user/email/bulk',
    rule: 'response.schema',
    contains: 'must be object',
    reason:
      'The spec reuses UnrestrictedUserEmail (one object); Jira returns an array of {accountId, email}.',
  },
  {
    spec: 'scim',
    method: 'GET',
    template: '/scim/directory/{directoryId}/ServiceProviderConfig',
    rule: 'response.schema',
    contains: 'must be string',
    reason:
      'The SCIM spec types discovery documents as string; the service returns JSON objects (RFC 7644 §4).',
  },
  {
    spec: 'scim',
    method: 'GET',
    template: '/scim/directory/{directoryId}/ResourceTypes*',
    rule: 'response.schema',
    contains: 'must be string',
    reason:
      'The SCIM spec types discovery documents as string; the service returns JSON objects (RFC 7644 §4).',
  },
  {
    spec: 'scim',
    method: 'GET',
    template: '/scim/directory/{directoryId}/Schemas*',
    rule: 'response.schema',
    contains: 'must be string',
    reason:
      'The SCIM spec types discovery documents as string; the service returns JSON objects (RFC 7644 §4).',
  },
];

export function knownDefect(operation: SpecOperation, violation: SpecViolation): KnownSpecDefect | undefined {
  return KNOWN_SPEC_DEFECTS.find(
    (d) =>
      d.spec === operation.spec &&
      d.method === operation.method &&
      (d.template.endsWith('*')
        ? operation.template.startsWith(d.template.slice(0, -1))
        : d.template === operation.template) &&
      d.rule === violation.rule &&
      violation.message.includes(d.contains),
  );
}

export interface ValidationStats {
  requestsSeen: number;
  /** Requests the validator accepted. */
  validatedOk: number;
  /** Requests the validator refused (answered 400, or served and flagged when the path is unknown to the spec). */
  invalid: number;
  /** Requests not checked because validation is switched off. */
  unchecked: number;
  responsesChecked: number;
  responseViolations: number;
  /** Responses off-spec only where the spec itself is wrong (KNOWN_SPEC_DEFECTS). */
  knownSpecDefects: number;
}

export class SpecResponseViolationError extends Error {
  constructor(readonly violation: RecordedViolation) {
    super(
      `emulator bug: ${violation.method} ${violation.path} answered ${violation.status ?? '?'} off-spec: ` +
        violation.violations.map((v) => `[${v.rule}] ${v.message}`).join('; '),
    );
    this.name = 'SpecResponseViolationError';
  }
}

export interface SpecCheckerOptions {
  validator: SpecValidator | undefined;
  strict: boolean;
  onViolation?: (violation: RecordedViolation) => void;
}

export class SpecChecker {
  private readonly recorded: RecordedViolation[] = [];
  private readonly warned = new Set<string>();
  private stats: ValidationStats = emptyStats();

  constructor(private readonly options: SpecCheckerOptions) {}

  get enabled(): boolean {
    return this.options.validator !== undefined;
  }

  checkRequest(seq: number, request: RequestToCheck): RequestCheck | undefined {
    this.stats.requestsSeen += 1;
    const validator = this.options.validator;
    if (!validator) {
      this.stats.unchecked += 1;
      return undefined;
    }
    const check = validator.checkRequest(request);
    if (check.ok) this.stats.validatedOk += 1;
    else {
      this.stats.invalid += 1;
      this.record({
        kind: 'request',
        seq,
        product: request.product,
        method: request.method,
        path: request.path,
        ...(check.operation ? { operation: check.operation.template } : {}),
        violations: check.violations,
      });
    }
    return check;
  }

  /** A refusal the handler found (a rule the spec cannot express): counted and recorded as an invalid request. */
  recordHandlerViolation(
    seq: number,
    request: RequestToCheck,
    violation: SpecViolation,
    operation?: string,
  ): void {
    if (this.options.validator) {
      this.stats.validatedOk = Math.max(0, this.stats.validatedOk - 1);
      this.stats.invalid += 1;
    }
    this.record({
      kind: 'request',
      seq,
      product: request.product,
      method: request.method,
      path: request.path,
      ...(operation !== undefined ? { operation } : {}),
      violations: [violation],
    });
  }

  checkResponse(
    seq: number,
    request: RequestToCheck,
    operation: SpecOperation,
    status: number,
    body: string | undefined,
  ): SpecViolation[] {
    const validator = this.options.validator;
    if (!validator) return [];
    this.stats.responsesChecked += 1;
    const all = validator.checkResponse(operation, status, body);
    const violations = all.filter((v) => !knownDefect(operation, v));
    if (all.length > violations.length) this.stats.knownSpecDefects += 1;
    if (violations.length === 0) return violations;
    this.stats.responseViolations += 1;
    const violation: RecordedViolation = {
      kind: 'response',
      seq,
      product: request.product,
      method: request.method,
      path: request.path,
      operation: operation.template,
      status,
      violations,
    };
    this.record(violation);
    if (this.options.strict) throw new SpecResponseViolationError(violation);
    const key = `${operation.method} ${operation.template} ${status} ${violations.map((v) => v.rule).join(',')}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      console.error(new SpecResponseViolationError(violation).message);
    }
    return violations;
  }

  violations(): readonly RecordedViolation[] {
    return this.recorded;
  }

  counters(): ValidationStats {
    return { ...this.stats };
  }

  reset(): void {
    this.recorded.length = 0;
    this.warned.clear();
    this.stats = emptyStats();
  }

  private record(violation: RecordedViolation): void {
    this.recorded.push(violation);
    this.options.onViolation?.(violation);
  }
}

function emptyStats(): ValidationStats {
  return {
    requestsSeen: 0,
    validatedOk: 0,
    invalid: 0,
    unchecked: 0,
    responsesChecked: 0,
    responseViolations: 0,
    knownSpecDefects: 0,
  };
}
