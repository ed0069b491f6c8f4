// Tests for the OpenAPI 3.0 → Ajv translation: nullable, readOnly/writeOnly, discriminators, formats, spec quirks.
import {
  convertSchema,
  createAjv,
  describeAjvErrors,
  SchemaCompiler,
  type Direction,
} from './schema-compiler';
import type { OpenApiDocument } from './spec-documents';
import type { SpecName } from './types';

const document: OpenApiDocument = {
  openapi: '3.0.3',
  paths: {},
  components: {
    schemas: {
      Account: {
        type: 'object',
        required: ['id', 'name', 'password'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', readOnly: true },
          name: { type: 'string', nullable: true, example: 'Ada' },
          password: { type: 'string', writeOnly: true },
          example: { type: 'integer', description: 'a property that happens to be called "example"' },
          $ref: { type: 'string', description: 'SCIM names a property "$ref"' },
          'x-note': { type: 'boolean', description: 'a property that merely looks like an extension' },
          manager: { $ref: '#/components/schemas/Ref', nullable: true },
        },
        'x-atlassian-thing': true,
      },
      Ref: { type: 'string', readOnly: true, pattern: '^[a-z]+\n' },
      Pet: {
        type: 'object',
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind' },
      },
      Cat: { type: 'object', properties: { kind: { type: 'string' }, lives: { type: 'integer' } } },
      Dog: { type: 'object', properties: { kind: { type: 'string' }, barks: { type: 'boolean' } } },
      Level: { type: 'string', enum: ['low', 'high'], nullable: true },
    },
    // Not something a schema may reference, but user-management.json does (from an array's `items`).
    responses: {
      Token: {
        description: 'x',
        content: { 'application/json': { schema: { type: 'object', required: ['id'] } } },
      },
    },
  },
};

const compiler = new SchemaCompiler(createAjv(), new Map<SpecName, OpenApiDocument>([['jira', document]]));
const validator = (ref: string, direction: Direction) =>
  compiler.compile('jira', { $ref: `#/components/schemas/${ref}` }, direction);

describe('convertSchema', () => {
  const context = { document, direction: 'request' as Direction, baseId: 'https://x.invalid/jira/request' };

  it('drops annotations and x- extensions but keeps properties that are merely named like them', () => {
    const converted = convertSchema(document.components!['schemas']!['Account'], context) as Record<
      string,
      unknown
    >;
    expect(converted['x-atlassian-thing']).toBeUndefined();
    expect(Object.keys(converted['properties'] as object)).toEqual([
      'id',
      'name',
      'password',
      'example',
      '$ref',
      'x-note',
      'manager',
    ]);
    expect((converted['properties'] as Record<string, unknown>)['name']).toEqual({
      type: ['string', 'null'],
    });
  });

  it('points references at the registered components', () => {
    expect(convertSchema({ $ref: '#/components/schemas/Ref' }, context)).toEqual({
      $ref: 'https://x.invalid/jira/request#/definitions/Ref',
    });
  });

  it('refuses references that point at nothing a schema can be', () => {
    expect(() => convertSchema({ $ref: '#/components/parameters/Foo' }, context)).toThrow(
      'does not point at a schema',
    );
  });
});

describe('SchemaCompiler', () => {
  it('does not require readOnly properties in requests, nor writeOnly ones in responses', () => {
    const request = validator('Account', 'request');
    const response = validator('Account', 'response');
    expect(request({ name: 'Ada', password: 'pw' })).toBe(true);
    expect(request({ password: 'pw' })).toBe(false);
    expect(response({ id: 'a1', name: null })).toBe(true);
    expect(response({ name: 'Ada', password: 'pw' })).toBe(false);
    expect(describeAjvErrors(response.errors, 'body')).toEqual(["body: must have required property 'id'"]);
  });

  it('honours nullable on plain types, enums and references', () => {
    const response = validator('Account', 'response');
    expect(response({ id: 'a', name: null, manager: null })).toBe(true);
    expect(response({ id: 'a', name: 3 })).toBe(false);
    const level = validator('Level', 'response');
    expect(level(null)).toBe(true);
    expect(level('low')).toBe(true);
    expect(level('medium')).toBe(false);
    expect(describeAjvErrors(level.errors, 'body')).toContain(
      'body: must be equal to one of the allowed values: "low", "high", null',
    );
  });

  it('reports additional properties by name when the schema forbids them', () => {
    const response = validator('Account', 'response');
    expect(response({ id: 'a', name: 'b', surprise: 1 })).toBe(false);
    expect(describeAjvErrors(response.errors, 'body')).toEqual([
      'body: must NOT have additional properties: "surprise"',
    ]);
  });

  it('treats oneOf with a discriminator as anyOf, so overlapping branches do not fail', () => {
    const pet = validator('Pet', 'response');
    expect(pet({ kind: 'cat' })).toBe(true);
    expect(pet({ kind: 'dog', barks: 'loud' })).toBe(true); // matches Cat, which does not describe `barks`
    expect(pet({ kind: 1 })).toBe(false);
  });

  it('ignores the trailing newline a YAML block left in a pattern', () => {
    const ref = validator('Ref', 'response');
    expect(ref('abc')).toBe(true);
    expect(ref('ABC')).toBe(false);
  });

  it('reads a schema referenced through a response object as that response body schema', () => {
    const tokens = compiler.compile(
      'jira',
      { type: 'array', items: { $ref: '#/components/responses/Token' } },
      'response',
    );
    expect(tokens([{ id: 't' }])).toBe(true);
    expect(tokens([{}])).toBe(false);
    expect(describeAjvErrors(tokens.errors, 'body')).toEqual(["body/0: must have required property 'id'"]);
  });

  it('validates OpenAPI formats, accepting the date-times Jira actually sends', () => {
    const dateTime = compiler.compile('jira', { type: 'string', format: 'date-time' }, 'response');
    expect(dateTime('2024-01-31T09:00:00.000+0000')).toBe(true);
    expect(dateTime('2024-01-31T09:00:00Z')).toBe(true);
    expect(dateTime('2024-01-31T09:00:00.123+05:30')).toBe(true);
    expect(dateTime('yesterday')).toBe(false);
    const int32 = compiler.compile('jira', { type: 'integer', format: 'int32' }, 'request');
    expect(int32(2147483647)).toBe(true);
    expect(int32(2147483648)).toBe(false);
    const uuid = compiler.compile('jira', { type: 'string', format: 'uuid' }, 'response');
    expect(uuid('3571b9a7-348f-414a-9087-8e1ea03a7df8')).toBe(true);
    expect(uuid('not-a-uuid')).toBe(false);
  });

  it('caps long error lists so a broken payload stays readable', () => {
    const many = compiler.compile('jira', { type: 'array', items: { type: 'string' } }, 'response');
    expect(many(Array.from({ length: 20 }, (_, i) => i))).toBe(false);
    const messages = describeAjvErrors(many.errors, 'body');
    expect(messages).toHaveLength(9);
    expect(messages[8]).toBe('body: ...and 12 more');
  });

  it('refuses specs it was not given', () => {
    expect(() => compiler.compile('scim', { type: 'string' }, 'request')).toThrow('unknown spec "scim"');
  });
});
