// Injected faults: deterministic for a seed, latency through the platform's delay, 5xx in each API's shape,
// timeouts as a long delay then a 504.
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
});
