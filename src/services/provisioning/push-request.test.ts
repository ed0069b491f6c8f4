// The push's request rules on their own: media types, header lookup, attribute names and body parsing, including
// the JSON a prototype-polluting attacker would send.
import {
  attributeNameProblem,
  contentTypeProblem,
  headerValues,
  parsePushBody,
  PUSH_LIMITS,
  RESERVED_ATTRIBUTE_NAMES,
} from './push-request';

describe('Content-Type', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    'application/json; charset="utf-8"',
    'APPLICATION/JSON',
  ])('accepts %s', (value) => {
    expect(contentTypeProblem({ 'content-type': [value] })).toBeUndefined();
  });

  it.each([
    'text/plain',
    'application/json5',
    'application/jsonp',
    'application/vnd.api+json',
    'application/json; charset=latin1',
    'application/json; boundary=x',
    'application/json, text/plain',
    '',
  ])('refuses %j', (value) => {
    expect(contentTypeProblem({ 'content-type': [value] })).toMatch(/Content-Type: application\/json/);
  });

  it('refuses a request with none, or with two', () => {
    expect(contentTypeProblem({})).toMatch(/no Content-Type/);
    expect(
      contentTypeProblem({ 'Content-Type': ['application/json'], 'content-type': ['application/json'] }),
    ).toMatch(/2 Content-Type headers/);
  });
});

it("finds a header's values whatever the case of its name and the shape of its value", () => {
  expect(headerValues({ 'X-JIT-Timestamp': ['1'], 'x-jit-timestamp': '2' }, 'x-jit-timestamp')).toEqual([
    '1',
    '2',
  ]);
  expect(headerValues({ other: ['x'], 'x-jit-timestamp': undefined }, 'x-jit-timestamp')).toEqual([]);
});

describe('attribute names', () => {
  it.each(['department', 'costCentre', 'employee_type', 'A1', 'a'.repeat(PUSH_LIMITS.maxNameLength)])(
    'allows %s',
    (name) => {
      expect(attributeNameProblem(name)).toBeUndefined();
    },
  );

  it.each([...RESERVED_ATTRIBUTE_NAMES])('refuses %s, which every object already has', (name) => {
    expect(attributeNameProblem(name)).toMatch(/not allowed/);
  });

  it('refuses every member of Object.prototype that the name pattern would let through', () => {
    const members = Object.getOwnPropertyNames(Object.prototype).filter((m) => /^[A-Za-z]/.test(m));
    expect(members.filter((m) => attributeNameProblem(m) === undefined)).toEqual([]);
  });

  it.each(['_x', '1x', 'a-b', 'a.b', 'a b', 'é', '', 'a'.repeat(PUSH_LIMITS.maxNameLength + 1)])(
    'refuses %j',
    (name) => {
      expect(attributeNameProblem(name)).toMatch(/letters, digits and _/);
    },
  );
});

describe('the body', () => {
  it('keeps every attribute as an own property of an object with no prototype', () => {
    const parsed = parsePushBody('{"accountId":"a:1","attributes":{"department":"Sales","tags":["x"]}}');
    if (parsed === 'not-json' || !parsed.ok) throw new Error('expected a valid body');
    expect(Object.getPrototypeOf(parsed.value.attributes)).toBeNull();
    expect({ ...parsed.value.attributes }).toEqual({ department: 'Sales', tags: ['x'] });
  });

  it('refuses a "__proto__" attribute by name rather than dropping it', () => {
    const parsed = parsePushBody('{"accountId":"a:1","attributes":{"__proto__":{"polluted":true}}}');
    expect(parsed).toEqual({
      ok: false,
      errors: [{ field: 'attributes.__proto__', message: expect.stringMatching(/not allowed/) as unknown }],
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports name, value and identity problems together', () => {
    const parsed = parsePushBody('{"attributes":{"constructor":"x","ok":[1],"bad-name":true}}');
    expect(parsed !== 'not-json' && !parsed.ok && parsed.errors.map((e) => e.field).sort()).toEqual([
      'accountId',
      'attributes.bad-name',
      'attributes.constructor',
      'attributes.ok',
    ]);
  });

  it('counts attributes by the own keys sent', () => {
    const many = Object.fromEntries(
      Array.from({ length: PUSH_LIMITS.maxAttributes + 1 }, (_, i) => [`a${i}`, i]),
    );
    const parsed = parsePushBody(JSON.stringify({ accountId: 'a:1', attributes: many }));
    expect(parsed !== 'not-json' && !parsed.ok && parsed.errors).toEqual([
      { field: 'attributes', message: `At most ${PUSH_LIMITS.maxAttributes} attributes` },
    ]);
  });

  it('tells malformed JSON and a body that is not an object apart', () => {
    expect(parsePushBody('{"accountId":')).toBe('not-json');
    const parsed = parsePushBody('[1]');
    expect(parsed !== 'not-json' && parsed.ok).toBe(false);
  });
});
