// Injected faults: deterministic for a seed, latency through the platform's delay, 5xx in each API's shape,
// timeouts as a long delay then a 504.
import type { FaultConfig } from './faults';
import { createTestSite } from './testing/site-test-kit';

async function statuses(seed: number): Promise<number[]> {
  const t = createTestSite();
  t.site.setFaults({
    seed,
    rules: [{ product: 'jira', errorRate: 0.3, timeoutRate: 0.1, timeoutMs: 30_000 }],
  });
  const out: number[] = [];
  for (let i = 0; i < 40; i++) out.push((await t.asApp('jira', 'GET', '/rest/api/3/myself')).status);
  return out;
}

describe('fault injection', () => {
  it('repeats exactly for the same seed and differs for another', async () => {
    const a = await statuses(7);
    expect(await statuses(7)).toEqual(a);
    expect(await statuses(8)).not.toEqual(a);
    expect(a.filter((s) => s >= 500).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it('adds latency through the delay function and matches rules by product, method and path', async () => {
    const t = createTestSite();
    t.site.setFaults({
      seed: 1,
      rules: [{ product: 'confluence', pathPrefix: '/wiki/api/v2/', latencyMs: { min: 100, max: 200 } }],
    });
    await t.asApp('jira', 'GET', '/rest/api/3/myself');
    expect(t.delays).toEqual([]);
    await t.asApp('confluence', 'GET', '/wiki/api/v2/spaces');
    expect(t.delays).toHaveLength(1);
    expect(t.delays[0]).toBeGreaterThanOrEqual(100);
    expect(t.delays[0]).toBeLessThanOrEqual(200);
  });

  it('answers injected errors and timeouts in the API family shape, and logs them', async () => {
    const t = createTestSite();
    t.site.setFaults({
      seed: 3,
      rules: [
        { product: 'api', errorRate: 1, errorStatuses: [503] },
        { product: 'jira', timeoutRate: 1 },
      ],
    });
    const scim = await t.idp('GET', `/scim/directory/${t.site.credentials().directoryId}/Users`);
    expect(scim.status).toBe(503);
    expect(scim.json).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '503',
    });
    const jira = await t.asApp('jira', 'GET', '/rest/api/3/myself');
    expect(jira.status).toBe(504);
    expect(t.delays).toEqual([60_000]);
    expect(t.site.requestLog().map((e) => e.fault)).toEqual(['error', 'timeout']);
    t.site.setFaults(null);
    expect((await t.asApp('jira', 'GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('refuses malformed dials with a message naming them', () => {
    const { site } = createTestSite();
    expect(() => site.setFaults({ seed: 1, rules: [{ errorRate: 2 }] })).toThrow(/rules\[0\]\.errorRate/);
    expect(() => site.setFaults({ seed: 1, rules: [{ errorStatuses: [404] }] })).toThrow(/not a 5xx/);
    expect(() => site.setFaults({ seed: 1.5, rules: [] })).toThrow(/seed/);
  });

  it('refuses a product that is not one the site serves, naming the valid ones ("admin" is "api")', () => {
    const { site } = createTestSite();
    const admin = { seed: 1, rules: [{ product: 'admin', errorRate: 1 }] } as unknown as FaultConfig;
    expect(() => site.setFaults(admin)).toThrow(
      /rules\[0\]\.product must be one of jira, confluence, api .*Admin API.*got "admin"/,
    );
    expect(site.faults().rules).toEqual([]);
  });

  it('composes rules: a later rule on the same route still applies with its own probability', async () => {
    const t = createTestSite();
    t.site.setFaults({
      seed: 5,
      rules: [
        { product: 'jira', latencyMs: 150 },
        { product: 'jira', pathPrefix: '/rest/api/3/myself', errorRate: 1, errorStatuses: [502] },
      ],
    });
    const answer = await t.asApp('jira', 'GET', '/rest/api/3/myself');
    // Both rules apply: the first's latency and the second's error (first-match would have shadowed the error).
    expect(answer.status).toBe(502);
    expect(t.delays).toEqual([150]);
    const other = await t.asApp('jira', 'GET', '/rest/api/3/serverInfo');
    expect(other.status).toBe(200);
    expect(t.delays).toEqual([150, 150]);
  });
});
