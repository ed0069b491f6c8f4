// The contract of the OpenAPI checker the site runs on every request and response (implemented beside this file).
import type { SiteProduct } from '../../contracts';

/** Which spec document an operation comes from. `admin` is modelled by us (no official spec exists). */
export type SpecName = 'jira' | 'confluence-v1' | 'confluence-v2' | 'scim' | 'user-management' | 'admin';

export interface SpecOperation {
  spec: SpecName;
  /** Upper-case HTTP method. */
  method: string;
  /** The spec's path template, e.g. `/rest/api/3/project/{projectIdOrKey}/role/{id}`. */
  template: string;
  operationId?: string;
  /** Path parameters extracted from the concrete path (already URI-decoded). */
  pathParams: Record<string, string>;
}

/** One broken spec rule, phrased so a test failure tells the developer what to fix. */
export interface SpecViolation {
  /** Short machine-readable rule, e.g. `query.required`, `body.schema`, `path.unknown`, `response.schema`. */
  rule: string;
  /** Human message naming the operation and the rule, e.g.
   *  `GET /rest/api/3/user: query parameter "accountId" is required`. */
  message: string;
}

export interface RequestToCheck {
  product: SiteProduct;
  method: string;
  /** Path with query string as sent. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type RequestCheck =
  | { ok: true; operation: SpecOperation; query: Record<string, string[]>; json?: unknown }
  | { ok: false; operation?: SpecOperation; violations: SpecViolation[] };

export interface SpecValidator {
  /** Validates path + method (known operation), path/query/header parameters (required, type, enum) and the JSON body. */
  checkRequest(request: RequestToCheck): RequestCheck;
  /** Validates a response's status (documented for the operation) and JSON body against the response schema. */
  checkResponse(operation: SpecOperation, status: number, body: string | undefined): SpecViolation[];
  /** Every operation the loaded spec subsets contain (for the sweep test that exercises them all). */
  operations(): Array<Omit<SpecOperation, 'pathParams'>>;
}
