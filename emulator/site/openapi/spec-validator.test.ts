// Tests for the site's OpenAPI checker against the six committed documents: each rule, each document, responses.
import { SchemaCompiler } from './schema-compiler';
import { createSpecValidator } from './spec-validator';
import type { RequestCheck, RequestToCheck, SpecOperation, SpecViolation } from './types';

const validator = createSpecValidator();
const JSON_HEADERS = { 'content-type': 'application/json' };

function check(
  product: RequestToCheck['product'],
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = body === undefined ? {} : JSON_HEADERS,
): RequestCheck {
  return validator.checkRequest({
    product,
    method,
    path,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

function expectOk(result: RequestCheck): Extract<RequestCheck, { ok: true }> {
  if (!result.ok)
    throw new Error(`expected a valid request, got:\n${result.violations.map((v) => v.message).join('\n')}`);
  return result;
}

function violations(result: RequestCheck): SpecViolation[] {
  return result.ok ? (result.warnings ?? []) : result.violations;
}

function operation(result: RequestCheck): SpecOperation {
  if (!result.operation) throw new Error('expected the request to match an operation');
  return result.operation;
}

describe('request routing', () => {
  it('names the operation and extracts typed path parameters', () => {
    const result = expectOk(check('jira', 'POST', '/rest/api/3/project/ABC/role/10002', { user: ['acc-1'] }));
    expect(result.operation).toEqual({
      spec: 'jira',
      method: 'POST',
      template: '/rest/api/3/project/{projectIdOrKey}/role/{id}',
      operationId: 'addActorUsers',
      pathParams: { projectIdOrKey: 'ABC', id: '10002' },
    });
    expect(result.params?.path).toEqual({ projectIdOrKey: 'ABC', id: 10002 });
    expect(result.json).toEqual({ user: ['acc-1'] });
  });

  it('maps Confluence v2 paths under /wiki/api/v2 and keeps the spec path beside the wire template', () => {
    const result = expectOk(check('confluence', 'GET', '/wiki/api/v2/spaces/98304/permissions?limit=50'));
    expect(result.operation).toMatchObject({
      spec: 'confluence-v2',
      template: '/wiki/api/v2/spaces/{id}/permissions',
      specPath: '/spaces/{id}/permissions',
      pathParams: { id: '98304' },
    });
    expect(violations(check('confluence', 'GET', '/spaces/98304/permissions'))[0]?.rule).toBe('path.unknown');
  });

  it('serves Confluence v1 paths as written in the spec (its server is the bare site)', () => {
    expect(operation(check('confluence', 'GET', '/wiki/rest/api/user/current')).spec).toBe('confluence-v1');
  });

  it('maps api.atlassian.com to SCIM, user management and the Admin API by path', () => {
    expect(operation(check('api', 'GET', '/scim/directory/d-1/Users')).spec).toBe('scim');
    expect(operation(check('api', 'GET', '/users/557058:abc/manage/profile')).spec).toBe('user-management');
    expect(operation(check('api', 'GET', '/admin/v1/orgs')).spec).toBe('admin');
    expect(violations(check('api', 'GET', '/v1/orgs'))[0]?.rule).toBe('path.unknown');
  });

  it('decodes percent-escapes in path segments and query values', () => {
    const result = expectOk(check('jira', 'GET', '/rest/api/3/project/A%20B/role?x=1'));
    expect(result.operation.pathParams).toEqual({ projectIdOrKey: 'A B' });
    const query = expectOk(check('jira', 'GET', '/rest/api/3/user/groups?accountId=557058%3Aabc+def'));
    expect(query.query['accountId']).toEqual(['557058:abc def']);
  });

  it('matches literal SCIM schema paths that contain colons', () => {
    const result = expectOk(
      check(
        'api',
        'GET',
        '/scim/directory/d-1/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ),
    );
    expect(result.operation.operationId).toBe('getExtensionUserSchemas');
  });

  it('reports an unknown path, naming the documents searched', () => {
    expect(violations(check('jira', 'GET', '/rest/api/3/nope'))).toEqual([
      { rule: 'path.unknown', message: 'GET /rest/api/3/nope: no operation in jira.json has this path' },
    ]);
  });

  it('reports a known path with an undocumented method, listing the documented ones', () => {
    expect(violations(check('jira', 'PUT', '/rest/api/3/group/user'))).toEqual([
      {
        rule: 'method.unknown',
        message: 'PUT /rest/api/3/group/user: method not documented (documented: POST, DELETE)',
      },
    ]);
    expect(violations(check('api', 'GET', '/admin/v2/orgs/o-1/workspaces'))[0]?.message).toBe(
      'GET /admin/v2/orgs/{orgId}/workspaces: method not documented (documented: POST)',
    );
  });

  it('reports malformed percent-escapes', () => {
    expect(violations(check('jira', 'GET', '/rest/api/3/project/%E0%A4%A/role'))[0]?.rule).toBe(
      'path.encoding',
    );
  });

  it('ignores the fragment and accepts a lower-case method', () => {
    expect(operation(check('jira', 'get', '/rest/api/3/myself#top')).method).toBe('GET');
  });
});

describe('parameters', () => {
  it('requires required query parameters', () => {
    expect(violations(check('jira', 'DELETE', '/rest/api/3/group/user?groupId=g-1'))).toEqual([
      {
        rule: 'query.required',
        message: 'DELETE /rest/api/3/group/user: query parameter "accountId" is required',
      },
    ]);
    expect(violations(check('jira', 'GET', '/rest/api/3/user/groups'))[0]?.message).toBe(
      'GET /rest/api/3/user/groups: query parameter "accountId" is required',
    );
  });

  it('coerces integers, booleans and exploded arrays from their string form', () => {
    const result = expectOk(
      check('jira', 'GET', '/rest/api/3/user/bulk?accountId=a&accountId=b&maxResults=20'),
    );
    expect(result.params?.query).toEqual({ accountId: ['a', 'b'], maxResults: 20 });
    const spaces = expectOk(check('confluence', 'GET', '/wiki/api/v2/spaces/7?include-icon=true'));
    expect(spaces.params?.query).toEqual({ 'include-icon': true });
    expect(spaces.params?.path).toEqual({ id: 7 });
  });

  it('splits comma lists where the spec says so (explode=false, or a documented comma-separated array)', () => {
    const current = expectOk(
      check('confluence', 'GET', '/wiki/rest/api/user/current?expand=operations,personalSpace'),
    );
    expect(current.params?.query).toEqual({ expand: ['operations', 'personalSpace'] });
    const spaces = expectOk(check('confluence', 'GET', '/wiki/api/v2/spaces?ids=1,2&ids=3&keys=ENG'));
    expect(spaces.params?.query).toEqual({ ids: [1, 2, 3], keys: ['ENG'] });
  });

  it('reports values that are not of the declared type', () => {
    expect(violations(check('jira', 'GET', '/rest/api/3/project/search?maxResults=ten'))).toEqual([
      {
        rule: 'query.type',
        message: 'GET /rest/api/3/project/search: query parameter "maxResults" must be integer, got "ten"',
      },
    ]);
    expect(violations(check('jira', 'GET', '/rest/api/3/project/ABC/role/admins'))).toEqual([
      {
        rule: 'path.type',
        message:
          'GET /rest/api/3/project/{projectIdOrKey}/role/{id}: path parameter "id" must be integer, got "admins"',
      },
    ]);
    expect(violations(check('confluence', 'GET', '/wiki/api/v2/spaces?ids=1,x'))[0]?.message).toBe(
      'GET /wiki/api/v2/spaces: query parameter "ids"[1] must be integer, got "x"',
    );
  });

  it('enforces minimum, maximum and enums', () => {
    expect(violations(check('jira', 'GET', '/rest/api/3/project/search?maxResults=101'))[0]?.message).toBe(
      'GET /rest/api/3/project/search: query parameter "maxResults": must be <= 100',
    );
    expect(
      violations(check('confluence', 'GET', '/wiki/rest/api/group/g-1/membersByGroupId?limit=-1')),
    ).toEqual([
      {
        rule: 'query.schema',
        message: 'GET /wiki/rest/api/group/{groupId}/membersByGroupId: query parameter "limit": must be >= 0',
      },
    ]);
    expect(violations(check('jira', 'GET', '/rest/api/3/project/search?orderBy=size'))[0]?.message).toMatch(
      /^GET \/rest\/api\/3\/project\/search: query parameter "orderBy": must be equal to one of the allowed values: "category",/,
    );
    expect(
      violations(check('api', 'GET', '/admin/v2/orgs/o-1/directories/-/users?status=active&status=gone'))[0]
        ?.message,
    ).toBe(
      'GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users: query parameter "status"/1: must be equal to one of the allowed values: "active", "suspended", "not_invited", "deactivated", "for_deletion"',
    );
  });

  it('warns about unknown, deprecated and repeated query parameters without failing the request', () => {
    const result = expectOk(check('jira', 'GET', '/rest/api/3/myself?foo=1'));
    expect(result.warnings).toEqual([
      {
        rule: 'query.unknown',
        message: 'GET /rest/api/3/myself: query parameter "foo" is not documented (Atlassian ignores it)',
        severity: 'warning',
      },
    ]);
    const deprecated = expectOk(
      check('confluence', 'DELETE', '/wiki/rest/api/group/userByGroupId?groupId=g&username=u'),
    );
    expect(deprecated.warnings?.map((w) => w.rule)).toEqual(['query.deprecated']);
    const repeated = expectOk(check('jira', 'GET', '/rest/api/3/user/groups?accountId=a&accountId=b'));
    expect(repeated.params?.query).toEqual({ accountId: 'a' });
    expect(repeated.warnings?.map((w) => w.rule)).toEqual(['query.repeated']);
  });

  it('lists warnings beside errors when a request fails', () => {
    const result = check('jira', 'DELETE', '/rest/api/3/group/user?groupId=g&foo=1');
    expect(result.ok).toBe(false);
    expect(violations(result).map((v) => [v.rule, v.severity ?? 'error'])).toEqual([
      ['query.required', 'error'],
      ['query.unknown', 'warning'],
    ]);
  });

  it('does not trip over a query parameter called __proto__', () => {
    const result = expectOk(check('jira', 'GET', '/rest/api/3/myself?__proto__=x'));
    expect(result.query['__proto__']).toEqual(['x']);
  });
});

describe('request bodies', () => {
  it('accepts a valid body and returns it parsed', () => {
    const result = expectOk(
      check('confluence', 'POST', '/wiki/rest/api/group/userByGroupId?groupId=g-1', {
        accountId: '5b10ac8d',
      }),
    );
    expect(result.json).toEqual({ accountId: '5b10ac8d' });
  });

  it('names a missing required property', () => {
    expect(
      violations(check('confluence', 'POST', '/wiki/rest/api/group/userByGroupId?groupId=g-1', {})),
    ).toEqual([
      {
        rule: 'body.schema',
        message: "POST /wiki/rest/api/group/userByGroupId: body: must have required property 'accountId'",
      },
    ]);
    expect(
      violations(
        check('api', 'POST', '/admin/v2/orgs/o/directories/d/groups/g/memberships', { account_id: 'a' }),
      )[0]?.message,
    ).toBe(
      "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships: body: must have required property 'accountId'",
    );
  });

  it("says where in the body a value is wrong, using Ajv's instance path", () => {
    expect(violations(check('jira', 'POST', '/rest/api/3/project/P/role/1', { user: ['a', 7] }))).toEqual([
      {
        rule: 'body.schema',
        message: 'POST /rest/api/3/project/{projectIdOrKey}/role/{id}: body/user/1: must be string',
      },
    ]);
    expect(
      violations(check('jira', 'POST', '/rest/api/3/project/P/role/1', { users: ['a'] }))[0]?.message,
    ).toBe(
      'POST /rest/api/3/project/{projectIdOrKey}/role/{id}: body: must NOT have additional properties: "users"',
    );
  });

  it('requires a required body', () => {
    expect(violations(check('jira', 'POST', '/rest/api/3/group/user?groupId=g'))).toEqual([
      { rule: 'body.required', message: 'POST /rest/api/3/group/user: request body is required' },
    ]);
    // The lifecycle call documents a required body; `{}` satisfies it.
    expect(check('api', 'POST', '/users/557058:abc/manage/lifecycle/disable').ok).toBe(false);
    expect(check('api', 'POST', '/users/557058:abc/manage/lifecycle/disable', {}).ok).toBe(true);
  });

  it('checks the content type', () => {
    const body = JSON.stringify({ accountId: 'a' });
    expect(violations(check('jira', 'POST', '/rest/api/3/group/user?groupId=g', body, {}))).toEqual([
      {
        rule: 'body.content-type',
        message: 'POST /rest/api/3/group/user: Content-Type header is missing (expected application/json)',
      },
    ]);
    expect(
      violations(
        check('jira', 'POST', '/rest/api/3/group/user?groupId=g', body, { 'content-type': 'text/plain' }),
      ),
    ).toEqual([
      {
        rule: 'body.content-type',
        message:
          'POST /rest/api/3/group/user: Content-Type "text/plain" is not accepted (expected application/json)',
      },
    ]);
    expect(
      check('jira', 'POST', '/rest/api/3/group/user?groupId=g', body, {
        'Content-Type': 'application/json; charset=utf-8',
      }).ok,
    ).toBe(true);
  });

  it('reports a body that is not JSON', () => {
    const result = check('jira', 'POST', '/rest/api/3/group/user?groupId=g', '{"accountId":');
    expect(violations(result)).toHaveLength(1);
    expect(violations(result)[0]).toMatchObject({ rule: 'body.json' });
    expect(violations(result)[0]?.message).toMatch(
      /^POST \/rest\/api\/3\/group\/user: body is not valid JSON: /,
    );
  });

  it('warns about a body sent to an operation that takes none', () => {
    const result = expectOk(check('api', 'POST', '/admin/v2/orgs/o/directories/d/users/a/suspend', {}));
    expect(result.warnings?.map((w) => w.rule)).toEqual(['body.unexpected']);
  });

  it('accepts SCIM bodies as application/scim+json and checks their types', () => {
    const user = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ada@example.com',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        department: 'R&D',
        organization: 'Org',
      },
    };
    const scim = { 'content-type': 'application/scim+json' };
    expect(expectOk(check('api', 'POST', '/scim/directory/d-1/Users', user, scim)).operation.spec).toBe(
      'scim',
    );
    expect(
      violations(check('api', 'POST', '/scim/directory/d-1/Users', { ...user, active: 'yes' }, scim)),
    ).toEqual([
      {
        rule: 'body.schema',
        message: 'POST /scim/directory/{directoryId}/Users: body/active: must be boolean',
      },
    ]);
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      operations: [{ op: 'replace' }],
    };
    expect(check('api', 'PATCH', '/scim/directory/d-1/Users/u-1', patch, scim).ok).toBe(true);
  });

  it('treats the user-management profile PATCH as the partial update its description says it is', () => {
    const body = { extended_profile: { department: 'Finance' } };
    expect(check('api', 'PATCH', '/users/557058:abc/manage/profile', body).ok).toBe(true);
    expect(
      violations(check('api', 'PATCH', '/users/557058:abc/manage/profile', { nickname: 5 }))[0]?.rule,
    ).toBe('body.schema');
  });

  it('checks the Admin API workspace query, which is a POST', () => {
    expect(check('api', 'POST', '/admin/v2/orgs/o-1/workspaces', { limit: 20 }).ok).toBe(true);
    expect(check('api', 'POST', '/admin/v2/orgs/o-1/workspaces').ok).toBe(true);
    expect(violations(check('api', 'POST', '/admin/v2/orgs/o-1/workspaces', { limit: 0 }))[0]?.message).toBe(
      'POST /admin/v2/orgs/{orgId}/workspaces: body/limit: must be >= 1',
    );
  });
});

describe('responses', () => {
  const jiraUser = operation(check('jira', 'GET', '/rest/api/3/user?accountId=a'));
  const user = {
    self: 'https://example.atlassian.net/rest/api/3/user?accountId=a',
    accountId: 'a',
    accountType: 'atlassian',
    active: true,
    displayName: 'Ada',
    timeZone: 'Europe/London',
  };

  it('accepts a documented status with a matching body', () => {
    expect(validator.checkResponse(jiraUser, 200, JSON.stringify(user))).toEqual([]);
  });

  it('reports a wrong type and an undocumented property', () => {
    expect(
      validator.checkResponse(jiraUser, 200, JSON.stringify({ ...user, active: 'yes', surname: 'L' })),
    ).toEqual([
      {
        rule: 'response.schema',
        message: 'GET /rest/api/3/user: response 200 body: must NOT have additional properties: "surname"',
      },
      { rule: 'response.schema', message: 'GET /rest/api/3/user: response 200 body/active: must be boolean' },
    ]);
  });

  it('reports a missing required field', () => {
    const groups = operation(check('confluence', 'GET', '/wiki/rest/api/group'));
    const page = {
      results: [{ type: 'group', name: 'jira-users', id: 'g-1' }],
      start: 0,
      limit: 200,
      size: 1,
    };
    expect(validator.checkResponse(groups, 200, JSON.stringify(page))).toEqual([
      {
        rule: 'response.schema',
        message: "GET /wiki/rest/api/group: response 200 body: must have required property '_links'",
      },
    ]);
    const broken = { ...page, _links: {}, results: [{ type: 'group', id: 'g-1' }] };
    expect(validator.checkResponse(groups, 200, JSON.stringify(broken))).toEqual([
      {
        rule: 'response.schema',
        message: "GET /wiki/rest/api/group: response 200 body/results/0: must have required property 'name'",
      },
    ]);
    const profile = operation(check('api', 'GET', '/users/557058:abc/manage/profile'));
    expect(validator.checkResponse(profile, 200, '{}')[0]?.message).toBe(
      "GET /users/{account_id}/manage/profile: response 200 body: must have required property 'account'",
    );
  });

  it('reports an undocumented status, listing the documented ones', () => {
    expect(validator.checkResponse(jiraUser, 418, '{}')).toEqual([
      {
        rule: 'response.status',
        message: 'GET /rest/api/3/user: status 418 is not documented (documented: 200, 401, 403, 404)',
      },
    ]);
  });

  it('accepts any body for a status documented without content, and no body for 204', () => {
    expect(validator.checkResponse(jiraUser, 404, '{"errorMessages":["User not found"]}')).toEqual([]);
    const removeActor = operation(check('jira', 'DELETE', '/rest/api/3/project/P/role/1?user=a'));
    expect(validator.checkResponse(removeActor, 204, undefined)).toEqual([]);
  });

  it('reports a missing or malformed body where JSON is documented', () => {
    expect(validator.checkResponse(jiraUser, 200, undefined)).toEqual([
      {
        rule: 'response.body',
        message:
          'GET /rest/api/3/user: response 200 has no body but the spec documents a application/json body',
      },
    ]);
    expect(validator.checkResponse(jiraUser, 200, '<html>')[0]?.rule).toBe('response.json');
  });

  it('validates the modelled Admin API responses, including the gateway 401 body', () => {
    const lastActive = operation(
      check('api', 'GET', '/admin/v1/orgs/o-1/directory/users/a-1/last-active-dates'),
    );
    const body = {
      data: {
        product_access: [{ id: 'ari:cloud:jira::site/c-1', key: 'jira-software', last_active: '2025-01-30' }],
        added_to_org: '2024-05-01',
      },
      links: {},
    };
    expect(validator.checkResponse(lastActive, 200, JSON.stringify(body))).toEqual([]);
    expect(validator.checkResponse(lastActive, 200, JSON.stringify({ data: {} }))[0]?.message).toBe(
      "GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates: response 200 body/data: must have required property 'product_access'",
    );
    expect(validator.checkResponse(lastActive, 401, '{"code":401,"message":"Unauthorized"}')).toEqual([]);
    expect(
      validator.checkResponse(lastActive, 429, '{"errors":[{"code":"ADMIN-429-1","status":"429"}]}'),
    ).toEqual([]);
  });

  it('refuses to judge a response for an operation it does not know', () => {
    const made: SpecOperation = {
      spec: 'jira',
      method: 'GET',
      template: '/rest/api/3/made-up',
      pathParams: {},
    };
    expect(validator.checkResponse(made, 200, '{}')).toEqual([
      { rule: 'response.operation', message: 'GET /rest/api/3/made-up: not an operation of jira' },
    ]);
  });
});

describe('operations and compilation', () => {
  it('lists every operation of the six documents, per document', () => {
    const counts: Record<string, number> = {};
    for (const op of validator.operations()) counts[op.spec] = (counts[op.spec] ?? 0) + 1;
    expect(counts).toEqual({
      jira: 29,
      'confluence-v1': 7,
      'confluence-v2': 3,
      scim: 20,
      'user-management': 8,
      admin: 14,
    });
    expect(validator.operations()).toContainEqual({
      spec: 'admin',
      method: 'POST',
      template: '/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore',
      operationId: 'restoreDirectoryUser',
      specPath: '/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore',
    });
  });

  it('compiles every parameter, body and response schema of every operation', () => {
    expect(createSpecValidator().compileAll()).toBeGreaterThan(500);
  });

  it('fails loudly when a document is missing', () => {
    expect(() => createSpecValidator({ specDir: '/nonexistent' })).toThrow(/cannot load OpenAPI document/);
  });

  it('compiles each schema once: 10,000 more checks of warm operations compile nothing', () => {
    const fresh = createSpecValidator();
    const compiles = jest.spyOn(SchemaCompiler.prototype, 'compile');
    const requests: RequestToCheck[] = [
      {
        product: 'jira',
        method: 'GET',
        path: '/rest/api/3/user/groups?accountId=5b10ac8d82e05b22cc7d4ef5',
        headers: {},
      },
      {
        product: 'jira',
        method: 'POST',
        path: '/rest/api/3/group/user?groupId=3571b9a7-348f-414a-9087-8e1ea03a7df8',
        headers: JSON_HEADERS,
        body: '{"accountId":"5b10ac8d82e05b22cc7d4ef5"}',
      },
      {
        product: 'api',
        method: 'GET',
        path: '/admin/v2/orgs/o-1/directories/-/users?cursor=abc&limit=100&status=active',
        headers: {},
      },
    ];
    try {
      for (const request of requests) expect(fresh.checkRequest(request).ok).toBe(true);
      const warm = compiles.mock.calls.length;
      expect(warm).toBeGreaterThan(0);
      for (let i = 0; i < 10_000; i += 1)
        expect(fresh.checkRequest(requests[i % requests.length]!).ok).toBe(true);
      // What each check costs is printed by emulator/site/measure-site.ts, not asserted here.
      expect(compiles.mock.calls.length).toBe(warm);
    } finally {
      compiles.mockRestore();
    }
  });
});
