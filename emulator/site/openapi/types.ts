// The contract of the OpenAPI checker the site runs on every request and response (implemented beside this file).
import type { SiteProduct } from '../../contracts';

/** Which spec document an operation comes from. `admin` is modelled by us (no official spec exists). */
export type SpecName = 'jira' | 'confluence-v1' | 'confluence-v2' | 'scim' | 'user-management' | 'admin';

export interface SpecOperation {
  spec: SpecName;
  /** Upper-case HTTP method. */
  method: string;
  /** The path template as requested on the wire (the document's server path included), e.g.
   *  `/rest/api/3/project/{projectIdOrKey}/role/{id}` or `/wiki/api/v2/spaces/{id}`. */
  template: string;
  operationId?: string;
  /** Path parameters extracted from the concrete path (already URI-decoded). */
  pathParams: Record<string, string>;
  /** The path key as written in the spec document, when it differs from `template` (Confluence v2 writes
   *  `/spaces/{id}` for `/wiki/api/v2/spaces/{id}`, our admin document `/v1/orgs` for `/admin/v1/orgs`). */
  specPath?: string;
}

/** One broken spec rule, phrased so a test failure tells the developer what to fix. */
export interface SpecViolation {
  /** Short machine-readable rule, e.g. `query.required`, `body.schema`, `path.unknown`, `response.schema`. */
  rule: string;
  /** Human message naming the operation and the rule, e.g.
   *  `GET /rest/api/3/user: query parameter "accountId" is required`. */
  message: string;
  /** Absent means `error`. A `warning` is something the real API tolerates (it ignores unknown query parameters,
   *  for example) but that is still worth showing: it never makes a request fail. */
  severity?: 'error' | 'warning';
}

/** Parameter values converted to the types the spec declares (`maxResults=50` → 50, `a&a` arrays → string[]). */
export interface CoercedParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
}

export interface RequestToCheck {
  product: SiteProduct;
  method: string;
  /** Path with query string as sent. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** `ok` is false exactly when some violation has error severity; `violations` then lists warnings too. */
export type RequestCheck =
  | {
      ok: true;
      operation: SpecOperation;
      query: Record<string, string[]>;
      json?: unknown;
      /** Warning-severity violations (e.g. `query.unknown`), if any. */
      warnings?: SpecViolation[];
      params?: CoercedParams;
    }
  | { ok: false; operation?: SpecOperation; violations: SpecViolation[] };

export interface SpecValidator {
  /** Validates path + method (known operation), path/query/header parameters (required, type, enum) and the JSON body. */
  checkRequest(request: RequestToCheck): RequestCheck;
  /** Validates a response's status (documented for the operation) and JSON body against the response schema. */
  checkResponse(operation: SpecOperation, status: number, body: string | undefined): SpecViolation[];
  /** Every operation the loaded spec subsets contain (for the sweep test that exercises them all). */
  operations(): Array<Omit<SpecOperation, 'pathParams'>>;
}
