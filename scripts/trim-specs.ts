// Trims Atlassian's official OpenAPI specs (../shared/openapi) to the operations the app uses → emulator/specs/.
//
// Usage: npx tsx scripts/trim-specs.ts [--source <dir>] [--out <dir>] [--check]
//   --source  folder holding the official specs (default: <repo>/../shared/openapi)
//   --out     folder to write the subsets to (default: <repo>/emulator/specs)
//   --check   write nothing; exit 1 if any committed subset differs from what would be generated
//
// Each kept operation is copied verbatim (its `security`, `x-atlassian-oauth2-scopes` and every other `x-`
// extension intact: @forge/lint's permission linter reads the scopes from these files), together with every
// component it reaches through `$ref`, the security schemes it names and the tags it uses. Keys keep the
// official documents' order: the linter looks a call up by the FIRST path whose pattern matches, so reordering
// paths could change which scopes it reports. Output is 2-space JSON and deterministic, so regenerating from
// the same specs yields no diff. The subsets are committed, so tests need no ../shared.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Which official file each trimmed subset comes from. */
export const SOURCES = {
  jira: 'jira-platform.v3.json',
  'confluence-v1': 'confluence-v1.json',
  'confluence-v2': 'confluence-v2.json',
  scim: 'scim-user-provisioning.json',
  'user-management': 'user-management.json',
} as const;

export type TrimmedSpec = keyof typeof SOURCES;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type OperationRow = readonly [spec: TrimmedSpec, method: Method, path: string];

/**
 * THE OPERATIONS THE APP USES. One line per operation; paths exactly as written in the spec document.
 * Confluence v2 paths are relative to its server `https://{your-domain}/wiki/api/v2` (the app calls
 * `/wiki/api/v2/spaces`); every other spec's paths are what the app sends (Confluence v1's server is the bare
 * site `//your-domain.atlassian.net`, so its paths already start with `/wiki/rest/api`).
 */
export const OPERATIONS: readonly OperationRow[] = [
  ['jira', 'GET', '/rest/api/3/myself'],
  ['jira', 'GET', '/rest/api/3/user'],
  ['jira', 'GET', '/rest/api/3/user/bulk'],
  ['jira', 'GET', '/rest/api/3/user/groups'],
  ['jira', 'GET', '/rest/api/3/user/email'],
  ['jira', 'GET', '/rest/api/3/user/email/bulk'],
  ['jira', 'GET', '/rest/api/3/users/search'],
  ['jira', 'GET', '/rest/api/3/users'],
  ['jira', 'GET', '/rest/api/3/user/search'],
  ['jira', 'GET', '/rest/api/3/group/bulk'],
  ['jira', 'GET', '/rest/api/3/group/member'],
  ['jira', 'POST', '/rest/api/3/group/user'],
  ['jira', 'DELETE', '/rest/api/3/group/user'],
  ['jira', 'GET', '/rest/api/3/groups/picker'],
  ['jira', 'GET', '/rest/api/3/applicationrole'],
  ['jira', 'GET', '/rest/api/3/applicationrole/{key}'],
  ['jira', 'GET', '/rest/api/3/project/search'],
  ['jira', 'GET', '/rest/api/3/project/{projectIdOrKey}/role'],
  ['jira', 'GET', '/rest/api/3/project/{projectIdOrKey}/role/{id}'],
  ['jira', 'POST', '/rest/api/3/project/{projectIdOrKey}/role/{id}'],
  ['jira', 'DELETE', '/rest/api/3/project/{projectIdOrKey}/role/{id}'],
  ['jira', 'GET', '/rest/api/3/project/{projectKeyOrId}/permissionscheme'],
  ['jira', 'GET', '/rest/api/3/role'],
  ['jira', 'GET', '/rest/api/3/role/{id}'],
  ['jira', 'GET', '/rest/api/3/auditing/record'],
  ['jira', 'GET', '/rest/api/3/mypermissions'],
  ['jira', 'POST', '/rest/api/3/issue/{issueIdOrKey}/notify'],
  ['jira', 'GET', '/rest/api/3/issue/{issueIdOrKey}'],
  ['jira', 'GET', '/rest/api/3/serverInfo'],

  ['confluence-v1', 'POST', '/wiki/rest/api/group/userByGroupId'],
  ['confluence-v1', 'DELETE', '/wiki/rest/api/group/userByGroupId'],
  ['confluence-v1', 'GET', '/wiki/rest/api/group/{groupId}/membersByGroupId'],
  ['confluence-v1', 'GET', '/wiki/rest/api/group'],
  ['confluence-v1', 'GET', '/wiki/rest/api/user/current'],
  ['confluence-v1', 'GET', '/wiki/rest/api/user/memberof'],
  ['confluence-v1', 'POST', '/wiki/rest/api/space/{spaceKey}/permission'],

  ['confluence-v2', 'GET', '/spaces'],
  ['confluence-v2', 'GET', '/spaces/{id}'],
  ['confluence-v2', 'GET', '/spaces/{id}/permissions'],

  ['scim', 'GET', '/scim/directory/{directoryId}/Users'],
  ['scim', 'POST', '/scim/directory/{directoryId}/Users'],
  ['scim', 'GET', '/scim/directory/{directoryId}/Users/{userId}'],
  ['scim', 'PUT', '/scim/directory/{directoryId}/Users/{userId}'],
  ['scim', 'PATCH', '/scim/directory/{directoryId}/Users/{userId}'],
  ['scim', 'DELETE', '/scim/directory/{directoryId}/Users/{userId}'],
  ['scim', 'GET', '/scim/directory/{directoryId}/Groups'],
  ['scim', 'POST', '/scim/directory/{directoryId}/Groups'],
  ['scim', 'GET', '/scim/directory/{directoryId}/Groups/{id}'],
  ['scim', 'PUT', '/scim/directory/{directoryId}/Groups/{id}'],
  ['scim', 'PATCH', '/scim/directory/{directoryId}/Groups/{id}'],
  ['scim', 'DELETE', '/scim/directory/{directoryId}/Groups/{id}'],
  ['scim', 'GET', '/scim/directory/{directoryId}/Schemas'],
  ['scim', 'GET', '/scim/directory/{directoryId}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User'],
  ['scim', 'GET', '/scim/directory/{directoryId}/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group'],
  [
    'scim',
    'GET',
    '/scim/directory/{directoryId}/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ],
  ['scim', 'GET', '/scim/directory/{directoryId}/ResourceTypes'],
  ['scim', 'GET', '/scim/directory/{directoryId}/ResourceTypes/User'],
  ['scim', 'GET', '/scim/directory/{directoryId}/ResourceTypes/Group'],
  ['scim', 'GET', '/scim/directory/{directoryId}/ServiceProviderConfig'],

  ['user-management', 'GET', '/users/{account_id}/manage'],
  ['user-management', 'GET', '/users/{account_id}/manage/profile'],
  ['user-management', 'PATCH', '/users/{account_id}/manage/profile'],
  ['user-management', 'PUT', '/users/{account_id}/manage/email'],
  ['user-management', 'GET', '/users/{accountId}/manage/api-tokens'],
  ['user-management', 'DELETE', '/users/{accountId}/manage/api-tokens/{tokenId}'],
  ['user-management', 'POST', '/users/{account_id}/manage/lifecycle/disable'],
  ['user-management', 'POST', '/users/{account_id}/manage/lifecycle/enable'],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Component kinds a `$ref` may point into; `securitySchemes` are named by `security`, not referenced. */
const REF_KINDS = new Set([
  'schemas',
  'parameters',
  'requestBodies',
  'responses',
  'headers',
  'examples',
  'links',
  'callbacks',
]);

export interface TrimResult {
  document: JsonObject;
  /** Operations in the table that the official document does not contain. */
  missing: string[];
  /** Oddities worth telling a human about (inconsistent parameters, operations without security, ...). */
  notes: string[];
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `#/components/schemas/A~1B` → ['schemas', 'A/B']; anything else is refused (the subsets must be self-contained). */
export function parseComponentRef(ref: string): [kind: string, name: string] {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  if (!match || !REF_KINDS.has(match[1]!)) {
    throw new Error(
      `unsupported $ref "${ref}": only local #/components/<kind>/<name> references are handled`,
    );
  }
  return [match[1]!, match[2]!.replace(/~1/g, '/').replace(/~0/g, '~')];
}

/** Every string-valued `$ref` below `node`. A key named `$ref` holding an object is a property schema (SCIM has one). */
function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') into.add(value);
    else collectRefs(value, into);
  }
}

function securitySchemeNames(security: Json | undefined, into: Set<string>): void {
  if (!Array.isArray(security)) return;
  for (const requirement of security) {
    if (isObject(requirement)) for (const name of Object.keys(requirement)) into.add(name);
  }
}

/** Keeps `source`'s keys that `keep` accepts, in `source`'s order. */
function pick(source: JsonObject, keep: (key: string) => boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(source)) if (keep(key)) out[key] = value;
  return out;
}

/** Pure: the subset of `official` holding `rows` (all of one spec) and everything they reference. */
export function trimSpec(
  official: JsonObject,
  rows: readonly OperationRow[],
  sourceName: string,
): TrimResult {
  const missing: string[] = [];
  const notes: string[] = [];
  const paths = official['paths'];
  if (!isObject(paths)) throw new Error(`${sourceName}: no "paths" object`);

  const wanted = new Map<string, Set<string>>();
  for (const [, method, path] of rows) {
    const methods = wanted.get(path) ?? new Set<string>();
    if (methods.has(method.toLowerCase()))
      throw new Error(`${sourceName}: ${method} ${path} is listed twice`);
    methods.add(method.toLowerCase());
    wanted.set(path, methods);
  }

  const keptPaths: JsonObject = {};
  const refs = new Set<string>();
  const schemeNames = new Set<string>();
  const tagNames = new Set<string>();
  securitySchemeNames(official['security'], schemeNames);

  // Official order, not table order: see the header about the linter's first-match lookup.
  for (const [path, item] of Object.entries(paths)) {
    const methods = wanted.get(path);
    if (!methods || !isObject(item)) continue;
    const keptItem = pick(item, (key) => !HTTP_METHODS.has(key) || methods.has(key));
    for (const key of Object.keys(item)) {
      if (!HTTP_METHODS.has(key) || !methods.has(key)) continue;
      const operation = item[key];
      if (!isObject(operation)) continue;
      securitySchemeNames(operation['security'], schemeNames);
      const tags = operation['tags'];
      if (Array.isArray(tags)) for (const tag of tags) if (typeof tag === 'string') tagNames.add(tag);
      notes.push(...operationNotes(key.toUpperCase(), path, item, operation, official));
    }
    collectRefs(keptItem, refs);
    keptPaths[path] = keptItem;
  }
  for (const [path, methods] of wanted) {
    const item = paths[path];
    for (const method of methods) {
      if (!isObject(item) || !isObject(item[method])) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }

  const components = isObject(official['components']) ? official['components'] : {};
  const reached = closeOverRefs(components, refs, sourceName);
  const keptComponents: JsonObject = {};
  for (const [kind, entries] of Object.entries(components)) {
    if (!isObject(entries)) continue;
    const names = kind === 'securitySchemes' ? schemeNames : reached.get(kind);
    if (!names || names.size === 0) continue;
    const kept = pick(entries, (name) => names.has(name));
    if (Object.keys(kept).length > 0) keptComponents[kind] = kept;
  }
  for (const name of schemeNames) {
    if (!isObject(components['securitySchemes']) || !(name in components['securitySchemes'])) {
      throw new Error(`${sourceName}: security scheme "${name}" is used but not defined`);
    }
  }

  const document: JsonObject = {};
  for (const [key, value] of Object.entries(official)) {
    if (key === 'paths') document[key] = keptPaths;
    else if (key === 'components') document[key] = keptComponents;
    else if (key === 'tags' && Array.isArray(value)) {
      document[key] = value.filter(
        (tag) => isObject(tag) && typeof tag['name'] === 'string' && tagNames.has(tag['name']),
      );
    } else document[key] = value;
  }
  document['x-trimmed'] = {
    source: sourceName,
    by: 'scripts/trim-specs.ts',
    operations: rows.length - missing.length,
    note: 'A subset of the official document: only the operations the app uses and what they reference.',
  };
  return { document, missing, notes };
}

/** Transitive closure of component references, as kind → names. */
function closeOverRefs(
  components: JsonObject,
  roots: Set<string>,
  sourceName: string,
): Map<string, Set<string>> {
  const reached = new Map<string, Set<string>>();
  const queue = [...roots];
  while (queue.length > 0) {
    const ref = queue.pop()!;
    const [kind, name] = parseComponentRef(ref);
    const names = reached.get(kind) ?? new Set<string>();
    reached.set(kind, names);
    if (names.has(name)) continue;
    const group = components[kind];
    const target = isObject(group) ? group[name] : undefined;
    if (target === undefined) throw new Error(`${sourceName}: dangling $ref "${ref}"`);
    names.add(name);
    const inner = new Set<string>();
    collectRefs(target, inner);
    queue.push(...inner);
  }
  return reached;
}

function resolveParameter(parameter: Json, official: JsonObject): JsonObject | undefined {
  if (!isObject(parameter)) return undefined;
  const ref = parameter['$ref'];
  if (typeof ref !== 'string') return parameter;
  const [kind, name] = parseComponentRef(ref);
  const group = isObject(official['components']) ? official['components'][kind] : undefined;
  const target = isObject(group) ? group[name] : undefined;
  return isObject(target) ? target : undefined;
}

/** Inconsistencies a maintainer should know about; they do not stop the trim. */
function operationNotes(
  method: string,
  path: string,
  item: JsonObject,
  operation: JsonObject,
  official: JsonObject,
): string[] {
  const notes: string[] = [];
  const where = `${method} ${path}`;
  const templateNames = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!));
  const declared = [
    ...(Array.isArray(item['parameters']) ? item['parameters'] : []),
    ...(Array.isArray(operation['parameters']) ? operation['parameters'] : []),
  ]
    .map((parameter) => resolveParameter(parameter, official))
    .filter((parameter): parameter is JsonObject => parameter !== undefined);
  const declaredPath = new Set(
    declared.flatMap((p) => (p['in'] === 'path' && typeof p['name'] === 'string' ? [p['name']] : [])),
  );
  for (const name of declaredPath) {
    if (!templateNames.has(name)) notes.push(`${where}: path parameter "${name}" is not in the template`);
  }
  for (const name of templateNames) {
    if (!declaredPath.has(name)) notes.push(`${where}: template variable "{${name}}" is not declared`);
  }
  if (operation['security'] === undefined && official['security'] === undefined) {
    notes.push(`${where}: no security requirement (no scopes for the linter to check)`);
  }
  if (operation['operationId'] === undefined) notes.push(`${where}: no operationId`);
  if (operation['deprecated'] === true) notes.push(`${where}: deprecated`);
  return notes;
}

/** Deterministic serialisation: key order as built, 2-space indent, trailing newline. */
export function serialise(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

interface CliOptions {
  source: string;
  out: string;
  check: boolean;
}

function parseArgs(argv: readonly string[], repoRoot: string): CliOptions {
  const options: CliOptions = {
    source: resolve(repoRoot, '..', 'shared', 'openapi'),
    out: resolve(repoRoot, 'emulator', 'specs'),
    check: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--check') options.check = true;
    else if ((arg === '--source' || arg === '--out') && value !== undefined) {
      options[arg === '--source' ? 'source' : 'out'] = resolve(value);
      i += 1;
    } else
      throw new Error(
        `unknown argument "${arg ?? ''}"; usage: trim-specs [--source <dir>] [--out <dir>] [--check]`,
      );
  }
  return options;
}

function main(): number {
  const options = parseArgs(process.argv.slice(2), resolve(__dirname, '..'));
  if (!existsSync(options.source)) {
    console.error(`trim-specs: official specs not found at ${options.source} (pass --source <dir>)`);
    return 2;
  }
  let failed = false;
  mkdirSync(options.out, { recursive: true });
  for (const [spec, file] of Object.entries(SOURCES) as Array<[TrimmedSpec, string]>) {
    const official = JSON.parse(readFileSync(join(options.source, file), 'utf8')) as JsonObject;
    const rows = OPERATIONS.filter(([rowSpec]) => rowSpec === spec);
    const { document, missing, notes } = trimSpec(official, rows, file);
    const target = join(options.out, `${spec}.json`);
    const text = serialise(document);
    for (const operation of missing) console.error(`  ${spec}: MISSING ${operation} (not in ${file})`);
    for (const note of notes) console.log(`  ${spec}: note: ${note}`);
    if (missing.length > 0) failed = true;
    if (options.check) {
      const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
      if (current !== text) {
        console.error(`${target} is out of date: run npx tsx scripts/trim-specs.ts`);
        failed = true;
      }
    } else {
      writeFileSync(target, text);
    }
    console.log(`${spec}.json: ${rows.length - missing.length} operations from ${file}`);
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main();
}
