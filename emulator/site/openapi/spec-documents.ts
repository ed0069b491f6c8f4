// The six OpenAPI documents the site is checked against, where each is mounted, and typed access to their parts.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SiteProduct } from '../../contracts';
import type { SpecName } from './types';

/**
 * Where each document's paths live on the wire. `basePath` is the path part of the document's server URL: the
 * Confluence v2 spec writes `/spaces` for what the app calls `/wiki/api/v2/spaces`, and our admin document writes
 * `/v1/orgs` for `https://api.atlassian.com/admin/v1/orgs`. Confluence v1's server is the bare site
 * (`//your-domain.atlassian.net`), so its paths (`/wiki/rest/api/...`) are already what the app sends.
 */
export interface SpecMount {
  spec: SpecName;
  file: string;
  product: SiteProduct;
  basePath: string;
}

export const SPEC_MOUNTS: readonly SpecMount[] = [
  { spec: 'jira', file: 'jira.json', product: 'jira', basePath: '' },
  { spec: 'confluence-v1', file: 'confluence-v1.json', product: 'confluence', basePath: '' },
  { spec: 'confluence-v2', file: 'confluence-v2.json', product: 'confluence', basePath: '/wiki/api/v2' },
  { spec: 'scim', file: 'scim.json', product: 'api', basePath: '' },
  { spec: 'user-management', file: 'user-management.json', product: 'api', basePath: '' },
  { spec: 'admin', file: 'admin-api.json', product: 'api', basePath: '/admin' },
];

export const DEFAULT_SPEC_DIR = resolve(__dirname, '..', '..', 'specs');

export type JsonObject = { [key: string]: unknown };

export interface Reference {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema?: JsonObject;
  deprecated?: boolean;
  description?: string;
}

export interface MediaTypeObject {
  schema?: JsonObject;
}

export interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  parameters?: Array<ParameterObject | Reference>;
  requestBody?: RequestBodyObject | Reference;
  responses?: Record<string, ResponseObject | Reference>;
}

export interface OpenApiDocument {
  openapi: string;
  servers?: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

export interface LoadedSpec extends SpecMount {
  document: OpenApiDocument;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isReference(value: unknown): value is Reference {
  return isObject(value) && typeof value['$ref'] === 'string';
}

export function loadSpecs(specDir: string = DEFAULT_SPEC_DIR): LoadedSpec[] {
  return SPEC_MOUNTS.map((mount) => {
    const file = join(specDir, mount.file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`cannot load OpenAPI document ${file}: ${(error as Error).message}`);
    }
    if (!isObject(parsed) || typeof parsed['openapi'] !== 'string' || !isObject(parsed['paths'])) {
      throw new Error(`${file} is not an OpenAPI 3 document (no "openapi" version or "paths")`);
    }
    return { ...mount, document: parsed as unknown as OpenApiDocument };
  });
}

/** Follows a local `#/components/<kind>/<name>` reference (and chains of them) inside one document. */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops += 1) {
    if (hops > 20) throw new Error(`reference cycle at ${current.$ref}`);
    current = lookupPointer(document, current.$ref);
  }
  return current as T;
}

export function lookupPointer(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got "${ref}"`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) throw new Error(`dangling reference "${ref}"`);
    node = node[key];
  }
  return node;
}
