// Checks every request the app sends and every response the site returns against the OpenAPI documents.
import type { ValidateFunction } from 'ajv';
import type { SiteProduct } from '../../contracts';
import { PathMatcher } from './path-matcher';
import { evaluateParameter, planParameter, type ParameterPlan } from './parameters';
import { createAjv, describeAjvErrors, SchemaCompiler } from './schema-compiler';
import {
  HTTP_METHODS,
  isObject,
  loadSpecs,
  resolveRef,
  type JsonObject,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type Reference,
  type RequestBodyObject,
  type ResponseObject,
} from './spec-documents';
import type {
  CoercedParams,
  RequestCheck,
  RequestToCheck,
  SpecName,
  SpecOperation,
  SpecValidator,
  SpecViolation,
} from './types';

export interface SpecValidatorOptions {
  /** Folder holding the six documents (default: emulator/specs). */
  specDir?: string;
}

export interface CompilingSpecValidator extends SpecValidator {
  /** Compiles every parameter, body and response schema now instead of on first use; returns how many
   *  validators exist afterwards. For tests (every schema must compile) and benchmarks (warm numbers). */
  compileAll(): number;
}

interface MediaPlan {
  type: string;
  json: boolean;
  schema?: JsonObject;
  validator?: ValidateFunction | null;
}

interface OperationPlan {
  path: ParameterPlan[];
  query: Map<string, ParameterPlan>;
  header: ParameterPlan[];
  body?: { required: boolean; media: MediaPlan[] };
  responses: Map<string, MediaPlan | null>;
}

interface OperationEntry {
  spec: SpecName;
  product: SiteProduct;
  method: string;
  template: string;
  specPath: string;
  operationId?: string;
  document: OpenApiDocument;
  pathItem: Record<string, unknown>;
  operation: OperationObject;
  plan?: OperationPlan;
}

/**
 * Operations whose request body the official document describes with a full resource schema although its own
 * description says the body is a subset of it: checking `required` there would refuse valid partial updates.
 */
const PARTIAL_BODIES = new Set([
  // "The information to change, a subset of the mutable fields": yet AtlassianAccountUser requires name, nickname.
  'user-management PATCH /users/{account_id}/manage/profile',
]);

/** Headers OpenAPI says parameter definitions must not describe (HTTP and auth handle them). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

function isJsonMedia(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json') || type === '*/*';
}

function operationKey(spec: string, method: string, template: string): string {
  return `${spec} ${method} ${template}`;
}

export function createSpecValidator(options: SpecValidatorOptions = {}): CompilingSpecValidator {
  const specs = loadSpecs(options.specDir);
  const documents = new Map<SpecName, OpenApiDocument>(specs.map((spec) => [spec.spec, spec.document]));
  const compiler = new SchemaCompiler(createAjv(), documents);
  const matchers = new Map<SiteProduct, PathMatcher<Map<string, OperationEntry>>>();
  const byKey = new Map<string, OperationEntry>();
  const specFilesByProduct = new Map<SiteProduct, string[]>();

  for (const { spec, product, basePath, file, document } of specs) {
    specFilesByProduct.set(product, [...(specFilesByProduct.get(product) ?? []), file]);
    let matcher = matchers.get(product);
    if (!matcher) {
      matcher = new PathMatcher();
      matchers.set(product, matcher);
    }
    for (const [specPath, pathItem] of Object.entries(document.paths)) {
      const template = basePath + specPath;
      const methods = new Map<string, OperationEntry>();
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method];
        if (!isObject(operation)) continue;
        const entry: OperationEntry = {
          spec,
          product,
          method: method.toUpperCase(),
          template,
          specPath,
          ...(typeof operation['operationId'] === 'string' ? { operationId: operation['operationId'] } : {}),
          document,
          pathItem,
          operation,
        };
        methods.set(entry.method, entry);
        byKey.set(operationKey(spec, entry.method, template), entry);
      }
      if (methods.size > 0) matcher.add(template, methods);
    }
  }

  function planFor(entry: OperationEntry): OperationPlan {
    if (entry.plan) return entry.plan;
    const { document } = entry;
    const declared = new Map<string, ParameterObject>();
    const pathLevel = Array.isArray(entry.pathItem['parameters'])
      ? (entry.pathItem['parameters'] as Array<ParameterObject | Reference>)
      : [];
    for (const raw of [...pathLevel, ...(entry.operation.parameters ?? [])]) {
      const parameter = resolveRef<ParameterObject>(document, raw);
      declared.set(`${parameter.in} ${parameter.name}`, parameter);
    }
    const templateVariables = new Set(
      [...entry.specPath.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!),
    );
    const plan: OperationPlan = { path: [], query: new Map(), header: [], responses: new Map() };
    for (const parameter of declared.values()) {
      if (parameter.in === 'cookie') continue;
      if (parameter.in === 'header' && IGNORED_HEADERS.has(parameter.name.toLowerCase())) continue;
      // user-management.json declares `account_id` on templates that say `{accountId}`: the template, which is
      // what gets matched, wins; the undeclared variable is still captured, just not type-checked.
      if (parameter.in === 'path' && !templateVariables.has(parameter.name)) continue;
      const parameterPlan = planParameter(document, parameter);
      if (parameter.in === 'path') plan.path.push(parameterPlan);
      else if (parameter.in === 'query') plan.query.set(parameter.name, parameterPlan);
      else plan.header.push(parameterPlan);
    }
    if (entry.operation.requestBody) {
      const body = resolveRef<RequestBodyObject>(document, entry.operation.requestBody);
      plan.body = { required: body.required === true, media: mediaPlans(document, body.content) };
    }
    entry.plan = plan;
    return plan;
  }

  function mediaPlans(
    document: OpenApiDocument,
    content: Record<string, MediaTypeObject> | undefined,
  ): MediaPlan[] {
    return Object.entries(content ?? {}).map(([type, media]) => {
      const schema = media.schema ? resolveRef<JsonObject>(document, media.schema) : undefined;
      const useful = schema !== undefined && Object.keys(schema).length > 0;
      return {
        type: type.toLowerCase(),
        json: isJsonMedia(type.toLowerCase()),
        ...(useful ? { schema } : {}),
      };
    });
  }

  function parameterValidator(entry: OperationEntry, plan: ParameterPlan): ValidateFunction | null {
    if (plan.validator === undefined) {
      plan.validator = plan.schema ? compiler.compile(entry.spec, plan.schema, 'request') : null;
    }
    return plan.validator;
  }

  function mediaValidator(entry: OperationEntry, media: MediaPlan, direction: 'request' | 'response') {
    if (media.validator === undefined) {
      const partial =
        direction === 'request' && PARTIAL_BODIES.has(operationKey(entry.spec, entry.method, entry.template));
      media.validator = media.schema
        ? compiler.compile(entry.spec, media.schema, partial ? 'partial-request' : direction)
        : null;
    }
    return media.validator;
  }

  /** The documented response for `status`: exact code, then `2XX`-style range, then `default`. */
  function responseKey(entry: OperationEntry, status: number): string | undefined {
    const responses = entry.operation.responses ?? {};
    return [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((key) => key in responses);
  }

  /** The JSON media of one documented response, or null when it documents no JSON body. */
  function responseMedia(entry: OperationEntry, key: string): MediaPlan | null {
    const plan = planFor(entry);
    let media = plan.responses.get(key);
    if (media === undefined) {
      const response = resolveRef<ResponseObject>(entry.document, entry.operation.responses![key]!);
      const all = mediaPlans(entry.document, response.content);
      media = all.find((m) => m.type === 'application/json') ?? all.find((m) => m.json) ?? null;
      plan.responses.set(key, media);
    }
    return media;
  }

  function toOperation(entry: OperationEntry, pathParams: Record<string, string>): SpecOperation {
    return {
      spec: entry.spec,
      method: entry.method,
      template: entry.template,
      ...(entry.operationId !== undefined ? { operationId: entry.operationId } : {}),
      pathParams,
      ...(entry.specPath !== entry.template ? { specPath: entry.specPath } : {}),
    };
  }

  function checkRequest(request: RequestToCheck): RequestCheck {
    const method = request.method.toUpperCase();
    const hashAt = request.path.indexOf('#');
    const target = hashAt === -1 ? request.path : request.path.slice(0, hashAt);
    const queryAt = target.indexOf('?');
    const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    const rawQuery = queryAt === -1 ? '' : target.slice(queryAt + 1);

    const fail = (rule: string, message: string, operation?: SpecOperation): RequestCheck => ({
      ok: false,
      ...(operation ? { operation } : {}),
      violations: [{ rule, message }],
    });
    const matcher = matchers.get(request.product);
    if (!matcher)
      return fail('product.unknown', `${method} ${pathname}: unknown product "${request.product}"`);
    const lookup = matcher.lookup(pathname);
    if (!lookup.ok) {
      return fail(
        'path.encoding',
        `${method} ${pathname}: malformed percent-escape in segment "${lookup.segment}"`,
      );
    }
    if (lookup.matches.length === 0) {
      const files = (specFilesByProduct.get(request.product) ?? []).join(', ');
      return fail('path.unknown', `${method} ${pathname}: no operation in ${files} has this path`);
    }
    const found = lookup.matches.find((match) => match.value.has(method));
    if (!found) {
      const best = lookup.matches[0]!;
      const allowed = [...best.value.keys()].join(', ');
      return fail(
        'method.unknown',
        `${method} ${best.template}: method not documented (documented: ${allowed})`,
      );
    }
    const entry = found.value.get(method)!;
    const operation = toOperation(entry, found.params);
    const plan = planFor(entry);
    const label = `${method} ${entry.template}`;
    const violations: SpecViolation[] = [];
    const report = (rule: string, detail: string, severity?: 'warning') =>
      violations.push({ rule, message: `${label}: ${detail}`, ...(severity ? { severity } : {}) });

    const params: CoercedParams = { path: {}, query: {}, header: {} };
    for (const parameter of plan.path) {
      const raw = found.params[parameter.name];
      const outcome = evaluateParameter(
        parameter,
        raw === undefined ? undefined : [raw],
        validatorOf(parameter),
      );
      outcome.findings.forEach((f) => report(f.rule, f.detail, f.severity));
      if (outcome.value !== undefined) params.path[parameter.name] = outcome.value;
    }

    const query = parseQuery(rawQuery);
    for (const parameter of plan.query.values()) {
      const outcome = evaluateParameter(parameter, query[parameter.name], validatorOf(parameter));
      outcome.findings.forEach((f) => report(f.rule, f.detail, f.severity));
      if (outcome.value !== undefined) params.query[parameter.name] = outcome.value;
    }
    for (const name of Object.keys(query)) {
      if (!plan.query.has(name)) {
        report(
          'query.unknown',
          `query parameter "${name}" is not documented (Atlassian ignores it)`,
          'warning',
        );
      }
    }

    for (const parameter of plan.header) {
      const value = headerValue(request.headers, parameter.name);
      const outcome = evaluateParameter(
        parameter,
        value === undefined ? undefined : [value],
        validatorOf(parameter),
      );
      outcome.findings.forEach((f) => report(f.rule, f.detail, f.severity));
      if (outcome.value !== undefined) params.header[parameter.name] = outcome.value;
    }

    const json = checkBody(entry, plan, request, report);

    const failed = violations.some((violation) => violation.severity !== 'warning');
    if (failed) return { ok: false, operation, violations };
    return {
      ok: true,
      operation,
      query,
      ...(json !== undefined ? { json } : {}),
      ...(violations.length > 0 ? { warnings: violations } : {}),
      params,
    };

    function validatorOf(parameter: ParameterPlan): ValidateFunction | null {
      return parameterValidator(entry, parameter);
    }
  }

  function checkBody(
    entry: OperationEntry,
    plan: OperationPlan,
    request: RequestToCheck,
    report: (rule: string, detail: string, severity?: 'warning') => void,
  ): unknown {
    const text = request.body;
    const hasBody = text !== undefined && text.length > 0;
    if (!plan.body) {
      if (hasBody) report('body.unexpected', 'the operation takes no request body', 'warning');
      return undefined;
    }
    if (!hasBody) {
      if (plan.body.required) report('body.required', 'request body is required');
      return undefined;
    }
    const expected = plan.body.media.map((media) => media.type).join(', ');
    const header = headerValue(request.headers, 'content-type');
    if (header === undefined) {
      report('body.content-type', `Content-Type header is missing (expected ${expected})`);
      return undefined;
    }
    const type = header.split(';')[0]!.trim().toLowerCase();
    const media =
      plan.body.media.find((m) => m.type === type) ??
      plan.body.media.find((m) => m.type === `${type.split('/')[0]!}/*`) ??
      plan.body.media.find((m) => m.type === '*/*');
    if (!media) {
      report('body.content-type', `Content-Type "${type}" is not accepted (expected ${expected})`);
      return undefined;
    }
    if (!media.json) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      report('body.json', `body is not valid JSON: ${(error as Error).message}`);
      return undefined;
    }
    const validator = mediaValidator(entry, media, 'request');
    if (validator && !validator(json)) {
      for (const message of describeAjvErrors(validator.errors, 'body')) report('body.schema', message);
    }
    return json;
  }

  function checkResponse(
    operation: SpecOperation,
    status: number,
    body: string | undefined,
  ): SpecViolation[] {
    const label = `${operation.method} ${operation.template}`;
    const entry = byKey.get(operationKey(operation.spec, operation.method.toUpperCase(), operation.template));
    if (!entry)
      return [{ rule: 'response.operation', message: `${label}: not an operation of ${operation.spec}` }];
    const key = responseKey(entry, status);
    if (key === undefined) {
      const documented = Object.keys(entry.operation.responses ?? {}).join(', ');
      return [
        {
          rule: 'response.status',
          message: `${label}: status ${status} is not documented (documented: ${documented})`,
        },
      ];
    }
    const media = responseMedia(entry, key);
    if (!media?.schema) return [];
    if (body === undefined || body.length === 0) {
      return [
        {
          rule: 'response.body',
          message: `${label}: response ${status} has no body but the spec documents a ${media.type} body`,
        },
      ];
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      return [
        {
          rule: 'response.json',
          message: `${label}: response ${status} body is not valid JSON: ${(error as Error).message}`,
        },
      ];
    }
    const validator = mediaValidator(entry, media, 'response');
    if (!validator || validator(json)) return [];
    return describeAjvErrors(validator.errors, 'body').map((detail) => ({
      rule: 'response.schema',
      message: `${label}: response ${status} ${detail}`,
    }));
  }

  function operations(): Array<Omit<SpecOperation, 'pathParams'>> {
    return [...byKey.values()].map((entry) => {
      const { pathParams: _unused, ...rest } = toOperation(entry, {});
      return rest;
    });
  }

  function compileAll(): number {
    let count = 0;
    for (const entry of byKey.values()) {
      const plan = planFor(entry);
      for (const parameter of [...plan.path, ...plan.query.values(), ...plan.header]) {
        if (parameterValidator(entry, parameter)) count += 1;
      }
      for (const media of plan.body?.media ?? [])
        if (media.json && mediaValidator(entry, media, 'request')) count += 1;
      for (const key of Object.keys(entry.operation.responses ?? {})) {
        const media = responseMedia(entry, key);
        if (media && mediaValidator(entry, media, 'response')) count += 1;
      }
    }
    return count;
  }

  return { checkRequest, checkResponse, operations, compileAll };
}

/** Decoded query values per name, in order; a null-prototype object so `__proto__=x` is just a name. */
export function parseQuery(raw: string): Record<string, string[]> {
  const query = Object.create(null) as Record<string, string[]>;
  if (raw.length === 0) return query;
  for (const [name, value] of new URLSearchParams(raw)) {
    const values = query[name];
    if (values) values.push(value);
    else query[name] = [value];
  }
  return query;
}

/** Site requests carry lower-cased header names; anything else is matched case-insensitively. */
function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  const direct = headers[lower];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
