// Compiles OpenAPI 3.0 schemas to Ajv validators (draft-07), translating the OpenAPI dialect on the way.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { SpecName } from './types';
import { isObject, lookupPointer, type JsonObject, type OpenApiDocument } from './spec-documents';

/** readOnly properties are not required in requests, writeOnly ones not in responses (OpenAPI 3.0 §4.7.25).
 *  `partial-request` is a request whose body is a subset of the schema: nothing in it is required. */
export type Direction = 'request' | 'response' | 'partial-request';

/** Annotations Ajv need not see; `discriminator` is dropped because oneOf/anyOf already carry the meaning. */
const DROPPED_KEYWORDS = new Set([
  'example',
  'examples',
  'xml',
  'externalDocs',
  'discriminator',
  'deprecated',
]);

/**
 * ISO-8601 date-time, lenient about the offset: Jira writes `2024-01-31T09:00:00.000+0000` (no colon), which
 * RFC 3339 (ajv-formats' `date-time`) rejects although it is what the real API returns.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function createAjv(): Ajv {
  const ajv = new Ajv({
    // OpenAPI documents carry keywords and type/keyword combinations draft-07 strict mode rejects
    // (e.g. Jira's `maxLength` on arrays); strictness here would reject the official specs, not bad requests.
    strict: false,
    allErrors: true,
    validateSchema: false,
    // Patterns in these specs were written for Java regexes; the `u` flag refuses some harmless escapes.
    unicodeRegExp: false,
    logger: false,
  });
  addFormats(ajv, ['date', 'time', 'uri', 'uri-reference', 'email', 'uuid', 'hostname', 'ipv4', 'ipv6']);
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('byte', BASE64);
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  return ajv;
}

interface ConvertContext {
  document: OpenApiDocument;
  direction: Direction;
  /** Absolute id the components of this document and direction are registered under in Ajv. */
  baseId: string;
}

/**
 * OpenAPI 3.0 schema → JSON Schema draft-07: `nullable` becomes a null type, references point into the
 * registered components, oneOf with a discriminator becomes anyOf (the discriminator guarantees exclusivity the
 * branches themselves often do not state), readOnly/writeOnly properties leave `required` in the direction
 * where they do not apply, and annotations and `x-` extensions go. Schema-aware: a property NAMED `example`
 * or `$ref` (SCIM has one) is kept.
 */
export function convertSchema(schema: unknown, context: ConvertContext): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema['$ref'] === 'string') {
    // OpenAPI 3.0 ignores a reference's siblings; `nullable` next to one is honoured as its authors meant.
    const target = referencedSchema(schema['$ref'], context);
    return schema['nullable'] === true ? { anyOf: [target, { type: 'null' }] } : target;
  }
  const out: JsonObject = {};
  let discriminated: unknown[] | undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || DROPPED_KEYWORDS.has(key) || key === 'nullable') continue;
    switch (key) {
      case 'properties':
      case 'patternProperties':
        out[key] = isObject(value) ? mapValues(value, (child) => convertSchema(child, context)) : value;
        break;
      case 'items':
      case 'additionalProperties':
      case 'not':
        out[key] = Array.isArray(value)
          ? value.map((child) => convertSchema(child, context))
          : convertSchema(value, context);
        break;
      case 'allOf':
      case 'anyOf':
        out[key] = Array.isArray(value) ? value.map((child) => convertSchema(child, context)) : value;
        break;
      case 'oneOf': {
        const branches = Array.isArray(value) ? value.map((child) => convertSchema(child, context)) : value;
        if (schema['discriminator'] === undefined) out['oneOf'] = branches;
        else discriminated = asArray(branches);
        break;
      }
      case 'pattern':
        // user-management.json's AccountId pattern ends in a newline (a YAML block-scalar artefact) that no
        // account id contains; trailing whitespace is never meant in these specs.
        out[key] = typeof value === 'string' ? value.replace(/\s+$/, '') : value;
        break;
      case 'required':
        if (context.direction !== 'partial-request') {
          out[key] = Array.isArray(value) ? requiredFor(value, schema['properties'], context) : value;
        }
        break;
      default:
        out[key] = value;
    }
  }
  if (discriminated) {
    if (out['anyOf'] === undefined) out['anyOf'] = discriminated;
    else out['allOf'] = [...asArray(out['allOf']), { anyOf: discriminated }];
  }
  return schema['nullable'] === true ? makeNullable(out) : out;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function mapValues(object: JsonObject, map: (value: unknown) => unknown): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) out[key] = map(value);
  return out;
}

function referencedSchema(ref: string, context: ConvertContext): unknown {
  const prefix = '#/components/schemas/';
  if (ref.startsWith(prefix)) return { $ref: `${context.baseId}#/definitions/${ref.slice(prefix.length)}` };
  // user-management.json points a schema at a Response Object (`items: {$ref: '#/components/responses/
  // ApiTokenResponse'}`), which OpenAPI does not allow; its authors clearly meant that response's JSON schema.
  if (ref.startsWith('#/components/responses/')) {
    const response = lookupPointer(context.document, ref);
    const content = isObject(response) ? response['content'] : undefined;
    const media = isObject(content) ? content['application/json'] : undefined;
    if (isObject(media) && media['schema'] !== undefined) return convertSchema(media['schema'], context);
  }
  throw new Error(`schema reference "${ref}" does not point at a schema`);
}

function makeNullable(schema: JsonObject): JsonObject {
  const type = schema['type'];
  if (typeof type === 'string') {
    const out: JsonObject = { ...schema, type: [type, 'null'] };
    const values: unknown = schema['enum'];
    if (Array.isArray(values) && !values.includes(null)) out['enum'] = [...(values as unknown[]), null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function requiredFor(required: unknown[], properties: unknown, context: ConvertContext): unknown[] {
  if (!isObject(properties)) return required;
  const flag = context.direction === 'response' ? 'writeOnly' : 'readOnly';
  return required.filter((name) => {
    if (typeof name !== 'string') return true;
    let property = properties[name];
    if (isObject(property) && typeof property['$ref'] === 'string' && property[flag] === undefined) {
      property = lookupPointer(context.document, property['$ref']);
    }
    return !(isObject(property) && property[flag] === true);
  });
}

/** Lazily registers each document's components (once per direction) and compiles schemas against them. */
export class SchemaCompiler {
  private readonly registered = new Set<string>();

  constructor(
    private readonly ajv: Ajv,
    private readonly documents: ReadonlyMap<SpecName, OpenApiDocument>,
  ) {}

  compile(spec: SpecName, schema: unknown, direction: Direction): ValidateFunction {
    const document = this.documents.get(spec);
    if (!document) throw new Error(`unknown spec "${spec}"`);
    const baseId = `https://openapi.invalid/${spec}/${direction}`;
    const context: ConvertContext = { document, direction, baseId };
    if (!this.registered.has(baseId)) {
      const schemas = document.components?.['schemas'] ?? {};
      this.ajv.addSchema({ $id: baseId, definitions: mapValues(schemas, (s) => convertSchema(s, context)) });
      this.registered.add(baseId);
    }
    const converted = convertSchema(schema, context);
    return this.ajv.compile(isObject(converted) ? converted : { const: converted });
  }
}

/** `body/user/0: must be string`; enum and additionalProperties errors also say which values. */
export function describeAjvError(error: ErrorObject, root: string): string {
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'enum' && Array.isArray(error.params['allowedValues'])) {
    message += `: ${(error.params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
  } else if (error.keyword === 'additionalProperties') {
    message += `: "${String(error.params['additionalProperty'])}"`;
  }
  return `${root}${error.instancePath}: ${message}`;
}

/** Distinct messages of a failed validation, most specific first, capped so a broken payload stays readable. */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined, root: string): string[] {
  const messages: string[] = [];
  for (const error of errors ?? []) {
    const message = describeAjvError(error, root);
    if (!messages.includes(message)) messages.push(message);
  }
  const limit = 8;
  return messages.length > limit
    ? [...messages.slice(0, limit), `${root}: ...and ${messages.length - limit} more`]
    : messages;
}
