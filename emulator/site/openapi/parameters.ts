// Path, query and header parameters: presence, string-to-type coercion as OpenAPI serialises them, schema rules.
import type { ValidateFunction } from 'ajv';
import { describeAjvErrors } from './schema-compiler';
import {
  isObject,
  resolveRef,
  type JsonObject,
  type OpenApiDocument,
  type ParameterObject,
} from './spec-documents';

export type ScalarKind = 'string' | 'integer' | 'number' | 'boolean' | 'unknown';
export type ParameterLocation = 'path' | 'query' | 'header';

export interface ParameterPlan {
  name: string;
  location: ParameterLocation;
  required: boolean;
  /** Documented as deprecated ("no longer available" for most Atlassian ones): worth a warning when used. */
  deprecated: boolean;
  /** For array parameters: the item type and, for non-exploded styles, the separator inside one value. */
  array?: { item: ScalarKind; separator?: string };
  scalar: ScalarKind;
  /** The parameter's OpenAPI schema (unconverted), validated after coercion. */
  schema?: JsonObject;
  /** Compiled on first use by the owner of the plan. */
  validator?: ValidateFunction | null;
}

export interface ParameterFinding {
  rule: string;
  detail: string;
  severity?: 'warning';
}

const LABEL: Record<ParameterLocation, string> = {
  path: 'path parameter',
  query: 'query parameter',
  header: 'header',
};

export function describeParameter(plan: Pick<ParameterPlan, 'location' | 'name'>): string {
  return `${LABEL[plan.location]} "${plan.name}"`;
}

function kindOf(document: OpenApiDocument, schema: unknown): ScalarKind | 'array' | 'object' {
  const resolved = resolveRef<unknown>(document, schema);
  if (!isObject(resolved)) return 'unknown';
  const type = resolved['type'];
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'array' || type === 'object') return type;
  const allOf = resolved['allOf'];
  if (Array.isArray(allOf) && allOf.length === 1) return kindOf(document, allOf[0]);
  return 'unknown';
}

/** Query arrays: `form` + explode (the default) repeats the key; otherwise one value holds a delimited list. */
const SEPARATORS: Record<string, string> = {
  form: ',',
  spaceDelimited: ' ',
  pipeDelimited: '|',
  simple: ',',
};

export function planParameter(document: OpenApiDocument, parameter: ParameterObject): ParameterPlan {
  const location = parameter.in === 'cookie' ? undefined : parameter.in;
  if (!location) throw new Error(`cookie parameter "${parameter.name}" is not supported`);
  const schema = parameter.schema ? resolveRef<JsonObject>(document, parameter.schema) : undefined;
  const kind = kindOf(document, schema);
  const plan: ParameterPlan = {
    name: parameter.name,
    location,
    // OpenAPI: path parameters are always required, whatever the document says.
    required: location === 'path' ? true : parameter.required === true,
    deprecated: parameter.deprecated === true,
    scalar: kind === 'array' || kind === 'object' ? 'unknown' : kind,
    ...(schema ? { schema } : {}),
  };
  if (kind === 'array') {
    const style = parameter.style ?? (location === 'query' ? 'form' : 'simple');
    const explode = parameter.explode ?? style === 'form';
    // Confluence v2 (`ids`, `keys`, `labels`) and Jira (`fields`) declare plain exploded arrays yet document
    // "a comma-separated list" in prose: where the spec says so and sets no explicit `explode`, both the
    // repeated-key and the comma-separated forms are accepted, as the real APIs do.
    const commaListed =
      parameter.explode === undefined && /comma[- ]separated/i.test(parameter.description ?? '');
    const item = kindOf(document, schema?.['items']);
    plan.array = {
      item: item === 'array' || item === 'object' ? 'unknown' : item,
      ...(explode && location === 'query' && !commaListed ? {} : { separator: SEPARATORS[style] ?? ',' }),
    };
  }
  return plan;
}

type Coerced = { ok: true; value: unknown } | { ok: false };

export function coerceScalar(raw: string, kind: ScalarKind): Coerced {
  switch (kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
    case 'number': {
      const value = Number(raw);
      return raw.trim() !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false };
    }
    case 'boolean': {
      // Atlassian's Java back ends parse booleans case-insensitively.
      const lower = raw.toLowerCase();
      return lower === 'true' || lower === 'false' ? { ok: true, value: lower === 'true' } : { ok: false };
    }
    default:
      return { ok: true, value: raw };
  }
}

/**
 * Checks one parameter given its raw values (every occurrence, already URI-decoded; undefined when absent).
 * Returns the coerced value, if any, and what is wrong, phrased without the operation (the caller adds it).
 */
export function evaluateParameter(
  plan: ParameterPlan,
  raw: readonly string[] | undefined,
  validator: ValidateFunction | null,
): { value?: unknown; findings: ParameterFinding[] } {
  const label = describeParameter(plan);
  if (raw === undefined || raw.length === 0) {
    return plan.required
      ? { findings: [{ rule: `${plan.location}.required`, detail: `${label} is required` }] }
      : { findings: [] };
  }
  const findings: ParameterFinding[] = [];
  if (plan.deprecated) {
    findings.push({
      rule: `${plan.location}.deprecated`,
      detail: `${label} is deprecated`,
      severity: 'warning',
    });
  }
  let value: unknown;
  if (plan.array) {
    const { separator, item } = plan.array;
    const parts = separator === undefined ? raw : raw.flatMap((one) => one.split(separator));
    const items: unknown[] = [];
    parts.forEach((part, index) => {
      const coerced = coerceScalar(part, item);
      if (coerced.ok) items.push(coerced.value);
      else findings.push(typeFinding(plan, `${label}[${index}]`, item, part));
    });
    value = items;
  } else {
    if (raw.length > 1) {
      findings.push({
        rule: `${plan.location}.repeated`,
        detail: `${label} is given ${raw.length} times but takes one value; the first is used`,
        severity: 'warning',
      });
    }
    const coerced = coerceScalar(raw[0]!, plan.scalar);
    if (!coerced.ok) return { findings: [...findings, typeFinding(plan, label, plan.scalar, raw[0]!)] };
    value = coerced.value;
  }
  if (!findings.some((finding) => finding.severity !== 'warning') && validator && !validator(value)) {
    for (const message of describeAjvErrors(validator.errors, label)) {
      findings.push({ rule: `${plan.location}.schema`, detail: message });
    }
  }
  return { value, findings };
}

function typeFinding(plan: ParameterPlan, label: string, kind: ScalarKind, raw: string): ParameterFinding {
  return { rule: `${plan.location}.type`, detail: `${label} must be ${kind}, got ${JSON.stringify(raw)}` };
}
