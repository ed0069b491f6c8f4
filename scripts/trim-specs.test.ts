// Tests for the spec trimmer: closure, extensions kept, determinism, and the committed subsets it produced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATIONS, parseComponentRef, serialise, SOURCES, trimSpec, type TrimmedSpec } from './trim-specs';

type Doc = Parameters<typeof trimSpec>[0];

const official = (): Doc => ({
  openapi: '3.0.1',
  info: { title: 'Official', version: '1' },
  servers: [{ url: 'https://example.atlassian.net' }],
  tags: [{ name: 'Users' }, { name: 'Groups' }, { name: 'Unused' }],
  paths: {
    '/group': {
      parameters: [{ $ref: '#/components/parameters/GroupId' }],
      post: {
        tags: ['Groups'],
        security: [{ OAuth2: ['manage:jira-configuration'] }],
        'x-atlassian-oauth2-scopes': [
          { scheme: 'OAuth2', scopes: ['manage:jira-configuration'], state: 'Current' },
        ],
        'x-atlassian-connect-scope': 'ADMIN',
        requestBody: { $ref: '#/components/requestBodies/Member' },
        responses: { '201': { $ref: '#/components/responses/Created' } },
      },
      delete: { tags: ['Groups'], responses: { '204': { description: 'gone' } } },
    },
    '/user': {
      get: {
        tags: ['Users'],
        security: [{ basicAuth: [] }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } },
          },
        },
      },
    },
    '/unused': { get: { responses: { '200': { description: 'ok' } } } },
  },
  components: {
    schemas: {
      User: {
        type: 'object',
        properties: {
          manager: { $ref: '#/components/schemas/User' },
          groups: { type: 'array', items: { $ref: '#/components/schemas/Group' } },
          $ref: { type: 'string', description: 'a property named $ref, not a reference' },
        },
      },
      Group: { type: 'object', properties: { name: { type: 'string' } } },
      Member: { type: 'object', required: ['accountId'], properties: { accountId: { type: 'string' } } },
      Unused: { type: 'string' },
    },
    parameters: {
      GroupId: { name: 'groupId', in: 'query', schema: { type: 'string' } },
      Unused: { name: 'x', in: 'query' },
    },
    requestBodies: {
      Member: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Member' } } } },
    },
    responses: {
      Created: {
        description: 'created',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Group' } } },
      },
    },
    securitySchemes: {
      OAuth2: { type: 'oauth2', flows: {} },
      basicAuth: { type: 'http', scheme: 'basic' },
      Unused: { type: 'http', scheme: 'bearer' },
    },
  },
  'x-atlassian-narrative': { documents: [] },
});

describe('trimSpec', () => {
  const rows = [
    ['jira', 'POST', '/group'],
    ['jira', 'GET', '/user'],
  ] as const;

  it('keeps the listed operations verbatim with their extensions, security and path-level parameters', () => {
    const { document, missing } = trimSpec(official(), rows, 'official.json');
    expect(missing).toEqual([]);
    const paths = document['paths'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(['/group', '/user']);
    expect(Object.keys(paths['/group']!)).toEqual(['parameters', 'post']);
    expect(paths['/group']!['post']).toEqual(
      (official()['paths'] as Record<string, Record<string, unknown>>)['/group']!['post'],
    );
    expect(document['x-atlassian-narrative']).toEqual({ documents: [] });
  });

  it('keeps exactly the components reached through $ref, transitively, and the security schemes named', () => {
    const { document } = trimSpec(official(), rows, 'official.json');
    const components = document['components'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(components)).toEqual([
      'schemas',
      'parameters',
      'requestBodies',
      'responses',
      'securitySchemes',
    ]);
    expect(Object.keys(components['schemas']!)).toEqual(['User', 'Group', 'Member']);
    expect(Object.keys(components['parameters']!)).toEqual(['GroupId']);
    expect(Object.keys(components['securitySchemes']!)).toEqual(['OAuth2', 'basicAuth']);
    expect(document['tags']).toEqual([{ name: 'Users' }, { name: 'Groups' }]);
  });

  it('reports listed operations the official document lacks', () => {
    const { missing } = trimSpec(
      official(),
      [...rows, ['jira', 'PUT', '/user'], ['jira', 'GET', '/gone']],
      'o.json',
    );
    expect(missing).toEqual(['PUT /user', 'GET /gone']);
  });

  it('is deterministic and idempotent: trimming a subset again changes nothing', () => {
    const once = trimSpec(official(), rows, 'official.json').document;
    const twice = trimSpec(JSON.parse(serialise(once)) as Doc, rows, 'official.json').document;
    expect(serialise(twice)).toBe(serialise(once));
    expect(serialise(once)).toMatch(/^\{\n {2}"openapi": "3\.0\.1",\n/);
  });

  it('refuses dangling, external and unsupported references, and duplicate rows', () => {
    const dangling = official();
    (dangling['components'] as Record<string, Record<string, unknown>>)['schemas']!['Group'] = {
      $ref: '#/components/schemas/Nowhere',
    };
    expect(() => trimSpec(dangling, rows, 'o.json')).toThrow('dangling $ref "#/components/schemas/Nowhere"');
    expect(() => parseComponentRef('other.json#/components/schemas/X')).toThrow('unsupported $ref');
    expect(() => trimSpec(official(), [...rows, ['jira', 'GET', '/user']], 'o.json')).toThrow('listed twice');
  });

  it('notes inconsistencies worth a human look', () => {
    const odd = official();
    (odd['paths'] as Record<string, unknown>)['/odd/{accountId}'] = {
      get: { parameters: [{ name: 'account_id', in: 'path', required: true }], responses: {} },
    };
    const { notes } = trimSpec(odd, [['jira', 'GET', '/odd/{accountId}']], 'o.json');
    expect(notes).toEqual([
      'GET /odd/{accountId}: path parameter "account_id" is not in the template',
      'GET /odd/{accountId}: template variable "{accountId}" is not declared',
      'GET /odd/{accountId}: no security requirement (no scopes for the linter to check)',
      'GET /odd/{accountId}: no operationId',
    ]);
  });
});

describe('the committed subsets in emulator/specs', () => {
  const specDir = join(__dirname, '..', 'emulator', 'specs');
  const load = (spec: TrimmedSpec) => JSON.parse(readFileSync(join(specDir, `${spec}.json`), 'utf8')) as Doc;
  const specs = Object.keys(SOURCES) as TrimmedSpec[];

  it.each(specs)('%s.json holds exactly the operations of the table', (spec) => {
    const paths = load(spec)['paths'] as Record<string, Record<string, unknown>>;
    const present = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'put', 'post', 'patch', 'delete'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const listed = OPERATIONS.filter(([rowSpec]) => rowSpec === spec).map(
      ([, method, path]) => `${method} ${path}`,
    );
    expect([...present].sort()).toEqual([...listed].sort());
  });

  it.each(specs)('%s.json is what the trimmer makes of it (closed under $ref, deterministic)', (spec) => {
    const text = readFileSync(join(specDir, `${spec}.json`), 'utf8');
    const rows = OPERATIONS.filter(([rowSpec]) => rowSpec === spec);
    expect(serialise(trimSpec(JSON.parse(text) as Doc, rows, SOURCES[spec]).document)).toBe(text);
  });

  it('keeps the scopes @forge/lint reads on the Jira operations', () => {
    const paths = load('jira')['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/rest/api/3/group/user']!['post']!['x-atlassian-oauth2-scopes']).toContainEqual({
      scheme: 'OAuth2',
      scopes: ['manage:jira-configuration'],
      state: 'Current',
    });
    expect(paths['/rest/api/3/user/email']!['get']!['x-atlassian-oauth2-scopes']).toEqual([
      { scheme: 'OAuth2', scopes: ['read:email-address:jira'], state: 'Beta' },
    ]);
  });

  // @forge/lint maps a call to the FIRST path whose pattern matches (patterns are not anchored at the start),
  // merging Confluence v1 and v2 paths. Each kept operation must be found as itself, or the linter would read
  // another operation's scopes.
  it.each([
    ['jira', ['jira'], ''],
    ['confluence', ['confluence-v1', 'confluence-v2'], '/wiki/api/v2'],
  ] as const)('lets the %s linter look every kept path up as itself', (_product, parts, v2Prefix) => {
    const merged: Record<string, unknown> = {};
    for (const spec of parts) Object.assign(merged, load(spec)['paths'] as Record<string, unknown>);
    const patterns = Object.keys(merged).map(
      (path) => [path, new RegExp(`${path.replace(/{(?<={)(.*?)(?=})}/g, '[^\\/\\s]*')}\\/?$`)] as const,
    );
    for (const path of Object.keys(merged)) {
      const called =
        `${path.startsWith('/wiki/') || path.startsWith('/rest/') ? '' : v2Prefix}${path}`.replace(
          /\{[^}]+\}/g,
          '10002',
        );
      expect({ called, foundAs: patterns.find(([, regex]) => regex.test(called))?.[0] }).toEqual({
        called,
        foundAs: path,
      });
    }
  });
});
