import {
  activityFromLastActiveDates,
  cloudIdOfAri,
  instantOf,
  isThisSite,
  siteArisOf,
} from './site-activity';

const HERE = 'c0ffee00-1111-4222-8333-444455556666';
const ELSEWHERE = 'deadbeef-1111-4222-8333-444455556666';
const site = { cloudId: HERE, siteAris: [] };

describe('cloudIdOfAri', () => {
  it('reads site ARIs and resource ARIs, and nothing else', () => {
    expect(cloudIdOfAri(`ari:cloud:jira::site/${HERE}`)).toBe(HERE);
    expect(cloudIdOfAri(`ari:cloud:confluence::site/${HERE}`)).toBe(HERE);
    expect(cloudIdOfAri(`ari:cloud:jira:${HERE}:workspace/1`)).toBe(HERE);
    expect(cloudIdOfAri('not an ari')).toBeUndefined();
  });

  it('keeps only this site among the org workspaces', () => {
    const workspaces = [
      { id: `ari:cloud:jira::site/${HERE}`, type: 'workspaces', attributes: {} },
      { id: `ari:cloud:jira::site/${ELSEWHERE}`, type: 'workspaces', attributes: {} },
      { id: `ari:cloud:confluence::site/${HERE}`, type: 'workspaces', attributes: {} },
    ];
    expect(siteArisOf(workspaces, HERE)).toEqual([
      `ari:cloud:jira::site/${HERE}`,
      `ari:cloud:confluence::site/${HERE}`,
    ]);
  });

  it('matches a learned ARI even when it names no cloud id the app knows', () => {
    expect(
      isThisSite('ari:cloud:jira-software::site/alias', {
        cloudId: HERE,
        siteAris: ['ari:cloud:jira-software::site/alias'],
      }),
    ).toBe(true);
    expect(isThisSite(`ari:cloud:jira::site/${ELSEWHERE}`, site)).toBe(false);
  });
});

describe('instantOf', () => {
  it('prefers the timestamp, and reads a bare day as its last millisecond (never earlier than the activity)', () => {
    expect(instantOf('2026-01-02', '2026-01-02T08:30:00Z')).toBe(Date.parse('2026-01-02T08:30:00Z'));
    expect(instantOf('2026-01-02', undefined)).toBe(Date.parse('2026-01-03T00:00:00Z') - 1);
    expect(instantOf(undefined, undefined)).toBeNull();
    expect(instantOf('garbage', undefined)).toBeNull();
  });
});

describe('activityFromLastActiveDates', () => {
  const at = (iso: string) => Date.parse(iso);

  it('counts only this site per product, while org-wide activity spans every site', () => {
    const snapshot = activityFromLastActiveDates(
      'u1',
      [
        {
          data: {
            added_to_org: '2024-05-01',
            product_access: [
              { id: `ari:cloud:jira::site/${HERE}`, key: 'jira-software', last_active: '2025-10-01' },
              { id: `ari:cloud:jira::site/${ELSEWHERE}`, key: 'jira-software', last_active: '2026-01-04' },
              {
                id: `ari:cloud:confluence::site/${HERE}`,
                key: 'confluence',
                last_active_timestamp: '2025-12-01T10:00:00Z',
              },
            ],
          },
        },
      ],
      site,
      at('2026-01-05T09:00:00Z'),
    );
    expect(snapshot).toEqual({
      accountId: 'u1',
      refreshedAt: at('2026-01-05T09:00:00Z'),
      cloudId: HERE,
      addedToOrgAt: at('2024-05-02T00:00:00Z') - 1,
      lastActiveOnSite: {
        'jira-software': at('2025-10-02T00:00:00Z') - 1,
        confluence: at('2025-12-01T10:00:00Z'),
      },
      orgLastActiveAt: at('2026-01-05T00:00:00Z') - 1,
    });
  });

  it('folds every page, keeping the latest entry per product', () => {
    const snapshot = activityFromLastActiveDates(
      'u2',
      [
        {
          data: {
            product_access: [
              { id: `ari:cloud:jira::site/${HERE}`, key: 'jira-software', last_active: '2025-01-01' },
            ],
          },
          links: { next: 'c1' },
        },
        {
          data: {
            product_access: [
              { id: `ari:cloud:jira::site/${HERE}`, key: 'jira-software', last_active: '2025-03-01' },
            ],
          },
        },
      ],
      site,
      0,
    );
    expect(snapshot.lastActiveOnSite['jira-software']).toBe(Date.parse('2025-03-02T00:00:00Z') - 1);
  });

  it('reports a user never active anywhere as null, not as zero', () => {
    const snapshot = activityFromLastActiveDates('u3', [{ data: { product_access: [] } }], site, 0);
    expect(snapshot.orgLastActiveAt).toBeNull();
    expect(snapshot.lastActiveOnSite).toEqual({});
    expect(snapshot.addedToOrgAt).toBeNull();
  });
});
