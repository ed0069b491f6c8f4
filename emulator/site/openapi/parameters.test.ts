// Tests for parameter planning and evaluation: serialisation styles, coercion from strings, findings.
import { coerceScalar, evaluateParameter, planParameter } from './parameters';
import type { OpenApiDocument, ParameterObject } from './spec-documents';

const document: OpenApiDocument = {
  openapi: '3.0.3',
  paths: {},
  components: { schemas: { Ids: { type: 'array', items: { type: 'integer' } } } },
};

const plan = (parameter: ParameterObject) => planParameter(document, parameter);

describe('coerceScalar', () => {
  it.each([
    ['integer', '42', 42],
    ['integer', '-7', -7],
    ['number', '2.5', 2.5],
    ['boolean', 'TRUE', true],
    ['boolean', 'false', false],
    ['string', '007', '007'],
  ] as const)('%s accepts %j', (kind, raw, value) => {
    expect(coerceScalar(raw, kind)).toEqual({ ok: true, value });
  });

  it.each([
    ['integer', '4.2'],
    ['integer', ''],
    ['integer', '1e3'],
    ['number', 'abc'],
    ['number', ' '],
    ['boolean', 'yes'],
  ] as const)('%s refuses %j', (kind, raw) => {
    expect(coerceScalar(raw, kind)).toEqual({ ok: false });
  });
});

describe('planParameter', () => {
  it('treats query arrays as exploded by default and comma lists where style form has explode false', () => {
    expect(
      plan({ name: 'a', in: 'query', schema: { type: 'array', items: { type: 'string' } } }).array,
    ).toEqual({
      item: 'string',
    });
    expect(
      plan({ name: 'e', in: 'query', style: 'form', explode: false, schema: { type: 'array', items: {} } })
        .array,
    ).toEqual({ item: 'unknown', separator: ',' });
    expect(
      plan({ name: 'p', in: 'query', style: 'pipeDelimited', explode: false, schema: { type: 'array' } })
        .array,
    ).toEqual({ item: 'unknown', separator: '|' });
  });

  it('also accepts comma lists when the description says the array is comma-separated', () => {
    const ids = plan({
      name: 'ids',
      in: 'query',
      description: 'Multiple IDs can be specified as a comma-separated list.',
      schema: { $ref: '#/components/schemas/Ids' },
    });
    expect(ids.array).toEqual({ item: 'integer', separator: ',' });
    expect(evaluateParameter(ids, ['1,2', '3'], null)).toEqual({ value: [1, 2, 3], findings: [] });
  });

  it('makes path parameters required whatever the document says', () => {
    expect(plan({ name: 'id', in: 'path', schema: { type: 'string' } }).required).toBe(true);
  });

  it('refuses cookie parameters rather than ignoring them silently', () => {
    expect(() => plan({ name: 'c', in: 'cookie' })).toThrow('cookie parameter "c" is not supported');
  });
});

describe('evaluateParameter', () => {
  const maxResults = plan({ name: 'maxResults', in: 'query', schema: { type: 'integer' } });

  it('reports a missing required parameter and ignores a missing optional one', () => {
    const required = plan({ name: 'accountId', in: 'query', required: true, schema: { type: 'string' } });
    expect(evaluateParameter(required, undefined, null).findings).toEqual([
      { rule: 'query.required', detail: 'query parameter "accountId" is required' },
    ]);
    expect(evaluateParameter(maxResults, undefined, null)).toEqual({ findings: [] });
  });

  it('names the parameter, the expected type and the value it could not convert', () => {
    expect(evaluateParameter(maxResults, ['ten'], null).findings).toEqual([
      { rule: 'query.type', detail: 'query parameter "maxResults" must be integer, got "ten"' },
    ]);
    const ids = plan({ name: 'id', in: 'query', schema: { type: 'array', items: { type: 'integer' } } });
    expect(evaluateParameter(ids, ['1', 'x'], null).findings).toEqual([
      { rule: 'query.type', detail: 'query parameter "id"[1] must be integer, got "x"' },
    ]);
  });

  it('uses the first of repeated scalar values and warns about the rest', () => {
    expect(evaluateParameter(maxResults, ['5', '6'], null)).toEqual({
      value: 5,
      findings: [
        {
          rule: 'query.repeated',
          detail: 'query parameter "maxResults" is given 2 times but takes one value; the first is used',
          severity: 'warning',
        },
      ],
    });
  });
});
