// Rate limits on the shared clock: Jira's 429 headers and reasons, the longer wait for early retries, the
// hourly points budget, impersonation, the Admin API's per-org last-active budget, and switching them off.
import { createTestSite, list, ordinaryJiraUser, record } from './testing/site-test-kit';

describe('Jira and Confluence rate limits', () => {
  it('answers 429 with Retry-After and X-RateLimit headers when the per-second burst budget is spent', async () => {
    const t = createTestSite({ rateLimits: { burstPerSecond: 3, hourlyPoints: 1000 } });
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await t.asApp('jira', 'GET', '/rest/api/3/myself'));
    expect(replies.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies[0]?.headers['x-ratelimit-limit']).toBe('3');
    expect(replies[0]?.headers['x-ratelimit-remaining']).toBe('2');
    expect(replies[2]?.headers['x-ratelimit-nearlimit']).toBe('true');
    const limited = replies[3];
    expect(limited?.status).toBe(429);
    expect(limited?.headers).toMatchObject({
      'retry-after': '1',
      'x-ratelimit-remaining': '0',
      'ratelimit-reason': 'jira-cost-based',
    });
    expect(limited?.headers['x-ratelimit-reset']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(limited?.json).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    // The burst budget is per endpoint: another endpoint still answers.
    expect((await t.asApp('jira', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
  });

  it('makes a client that retries before Retry-After elapsed wait longer', async () => {
    const t = createTestSite({ rateLimits: { burstPerSecond: 1, hourlyPoints: 1000 } });
    await t.asApp('jira', 'GET', '/rest/api/3/myself');
    const first = await t.asApp('jira', 'GET', '/rest/api/3/myself');
    expect(first.headers['retry-after']).toBe('1');
    t.clock.advance(200);
    const early = await t.asApp('jira', 'GET', '/rest/api/3/myself');
    expect(early.status).toBe(429);
    expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(2);
    const earlier = await t.asApp('jira', 'GET', '/rest/api/3/myself');
    expect(Number(earlier.headers['retry-after'])).toBeGreaterThan(Number(early.headers['retry-after']) - 1);
    // Honouring the wait gets through.
    t.clock.advance(Number(earlier.headers['retry-after']) * 1000);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('refuses with jira-quota-based once the hourly points budget is spent, until the hour turns', async () => {
    // Reading one resource costs two points: the request and the one object it returns.
    const t = createTestSite({ rateLimits: { burstPerSecond: 100, hourlyPoints: 10 } });
    for (let i = 0; i < 5; i++) {
      expect((await t.asApp('jira', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
      t.clock.advance(1000);
    }
    const limited = await t.asApp('jira', 'GET', '/rest/api/3/myself');
    expect(limited.status).toBe(429);
    expect(limited.headers['ratelimit-reason']).toBe('jira-quota-based');
    const wait = Number(limited.headers['retry-after']);
    expect(wait).toBeGreaterThan(1);
    expect(wait).toBeLessThanOrEqual(3600);
    t.clock.advance(wait * 1000);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('charges a read one point plus one per object it returns, and a write only its point', async () => {
    const read = async (hourlyPoints: number) => {
      const t = createTestSite({ rateLimits: { burstPerSecond: 100, hourlyPoints } });
      const ids = t.site
        .accounts(0, 100)
        .accounts.filter((a) => a.accountType === 'atlassian')
        .slice(0, 20)
        .map((a) => `accountId=${a.accountId}`);
      expect((await t.asApp('jira', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
      const bulk = await t.asApp('jira', 'GET', `/rest/api/3/user/bulk?${ids.join('&')}&maxResults=20`);
      expect(list(record(bulk.json)['values'])).toHaveLength(20);
      return (await t.asApp('jira', 'GET', '/rest/api/3/serverInfo')).status;
    };
    // serverInfo (1 + 1 object) and the bulk read (1 + 20 users) spend exactly 23 points.
    expect(await read(23)).toBe(429);
    expect(await read(24)).toBe(200);

    const t = createTestSite({ rateLimits: { burstPerSecond: 100, hourlyPoints: 3 } });
    const user = ordinaryJiraUser(t);
    for (const group of ['finance-team', 'sales-team', 'support-agents'])
      await t.asApp('jira', 'POST', `/rest/api/3/group/user?groupname=${group}`, {
        body: { accountId: user },
      });
    const refused = await t.asApp('jira', 'GET', '/rest/api/3/serverInfo');
    expect([refused.status, refused.headers['ratelimit-reason']]).toEqual([429, 'jira-quota-based']);
  });

  it('gives each user their own app+user budget, and API-token traffic no points budget', async () => {
    const t = createTestSite({ rateLimits: { burstPerSecond: 100, hourlyPoints: 2 } });
    const user = ordinaryJiraUser(t);
    await t.asApp('jira', 'GET', '/rest/api/3/myself');
    await t.asApp('jira', 'GET', '/rest/api/3/serverInfo');
    expect((await t.asApp('jira', 'GET', '/rest/api/3/myself')).status).toBe(429);
    expect((await t.asUser(user, 'jira', 'GET', '/rest/api/3/myself')).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await t.admin('jira', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
  });

  it('limits impersonation across products per minute', async () => {
    const t = createTestSite({ rateLimits: { impersonationPerMinute: 2 } });
    const user = ordinaryJiraUser(t);
    expect((await t.asUser(user, 'jira', 'GET', '/rest/api/3/myself', { impersonated: true })).status).toBe(
      200,
    );
    expect(
      (await t.asUser(user, 'confluence', 'GET', '/wiki/rest/api/user/current', { impersonated: true }))
        .status,
    ).toBe(200);
    const limited = await t.asUser(user, 'jira', 'GET', '/rest/api/3/serverInfo', { impersonated: true });
    expect(limited.status).toBe(429);
    expect(limited.headers['ratelimit-reason']).toBe('jira-quota-based');
  });

  it('uses Confluence error bodies and reasons for Confluence', async () => {
    const t = createTestSite({ rateLimits: { burstPerSecond: 1 } });
    await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces');
    const limited = await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces');
    expect(limited.status).toBe(429);
    expect(limited.headers['ratelimit-reason']).toBe('confluence-cost-based');
    expect(limited.json).toMatchObject({ errors: [{ status: 429, code: 'TOO_MANY_REQUESTS' }] });
  });

  it('can be switched off entirely, and refuses unknown or malformed dials', async () => {
    const t = createTestSite({ rateLimits: { burstPerSecond: 1 } });
    t.site.setRateLimits('off');
    for (let i = 0; i < 10; i++)
      expect((await t.asApp('jira', 'GET', '/rest/api/3/myself')).status).toBe(200);
    expect(() => t.site.setRateLimits({ burstPersecond: 3 } as never)).toThrow(
      /unknown rate-limit setting "burstPersecond"/,
    );
    expect(() => t.site.setRateLimits({ hourlyPoints: -1 })).toThrow(/non-negative number/);
    expect(t.site.setRateLimits('default')).toMatchObject({ enabled: true, lastActivePerMinute: 200 });
  });
});

describe('Admin API rate limits', () => {
  it('allows about 200 last-active-dates calls a minute per org, then 429 with the Admin API error body', async () => {
    const t = createTestSite({ rateLimits: 'default' });
    const { orgId } = t.site.credentials();
    const user = ordinaryJiraUser(t);
    const path = `/admin/v1/orgs/${orgId}/directory/users/${user}/last-active-dates`;
    for (let i = 0; i < 200; i++) expect((await t.org('GET', path)).status).toBe(200);
    const limited = await t.org('GET', path);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.json).toMatchObject({ errors: [{ status: '429', code: 'ADMIN-429-1' }] });
    // Other Admin API endpoints still have budget.
    expect((await t.org('GET', `/admin/v1/orgs/${orgId}`)).status).toBe(200);
    t.clock.advance(60_000);
    expect((await t.org('GET', path)).status).toBe(200);
  });
});
