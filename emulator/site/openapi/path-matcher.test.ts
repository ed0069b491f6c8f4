// Tests for the path-template trie: literal preference, decoding, mixed segments, refusals.
import { PathMatcher, type PathLookup } from './path-matcher';

function templates<T>(lookup: PathLookup<T>): string[] {
  if (!lookup.ok) throw new Error(`lookup failed on segment ${lookup.segment}`);
  return lookup.matches.map((match) => match.template);
}

describe('PathMatcher', () => {
  const matcher = new PathMatcher<string>();
  for (const template of [
    '/rest/api/3/user/{accountId}',
    '/rest/api/3/user/groups',
    '/rest/api/3/user',
    '/rest/api/3/project/{projectIdOrKey}/role/{id}',
    '/rest/api/3/{anything}/ABC/role/{id}',
    '/files/{name}.json',
    '/files/{name}',
  ]) {
    matcher.add(template, template);
  }

  it('prefers a literal segment over a parameter, and still offers the parameter match second', () => {
    expect(templates(matcher.lookup('/rest/api/3/user/groups'))).toEqual([
      '/rest/api/3/user/groups',
      '/rest/api/3/user/{accountId}',
    ]);
  });

  it('prefers the template whose literals come earliest', () => {
    const lookup = matcher.lookup('/rest/api/3/project/ABC/role/10002');
    expect(templates(lookup)).toEqual([
      '/rest/api/3/project/{projectIdOrKey}/role/{id}',
      '/rest/api/3/{anything}/ABC/role/{id}',
    ]);
    expect(lookup.ok && lookup.matches[0]!.params).toEqual({ projectIdOrKey: 'ABC', id: '10002' });
  });

  it('extracts and percent-decodes parameters per segment (an encoded slash stays inside its segment)', () => {
    const lookup = matcher.lookup('/rest/api/3/project/A%2FB%20C/role/1');
    expect(lookup.ok && lookup.matches[0]!.params).toEqual({ projectIdOrKey: 'A/B C', id: '1' });
  });

  it('matches literal segments written percent-encoded', () => {
    expect(templates(matcher.lookup('/rest/api/3/user/%67roups'))[0]).toBe('/rest/api/3/user/groups');
  });

  it('prefers a mixed segment over a bare parameter and captures its variable', () => {
    const lookup = matcher.lookup('/files/report.json');
    expect(templates(lookup)).toEqual(['/files/{name}.json', '/files/{name}']);
    expect(lookup.ok && lookup.matches[0]!.params).toEqual({ name: 'report' });
  });

  it('finds nothing for unknown paths, extra segments, empty segments and trailing slashes', () => {
    expect(templates(matcher.lookup('/rest/api/3/nope'))).toEqual([]);
    expect(templates(matcher.lookup('/rest/api/3/user/groups/extra'))).toEqual([]);
    expect(templates(matcher.lookup('/rest/api/3/user/'))).toEqual([]);
    expect(templates(matcher.lookup('/rest/api/3//role/1'))).toEqual([]);
    expect(templates(matcher.lookup('rest/api/3/user'))).toEqual([]);
  });

  it('reports a malformed percent-escape instead of guessing', () => {
    expect(matcher.lookup('/rest/api/3/user/%E0%A4%A')).toEqual({
      ok: false,
      reason: 'encoding',
      segment: '%E0%A4%A',
    });
  });

  it('refuses templates that do not start with a slash', () => {
    expect(() => new PathMatcher<number>().add('spaces', 1)).toThrow('must start with "/"');
  });
});
