// Policy validation names exactly what is wrong; defaults and catalogue sync never switch anything on.
import { INACTIVITY_ACTIONS } from './policy';
import { defaultInactivityPolicy, syncPolicyProducts } from './policy-defaults';
import { validateInactivityPolicy } from './policy-validation';
import { testPolicy } from './test-builders';

const CATALOGUE = [
  { key: 'jira-software', displayName: 'Jira', licenceGroupIds: ['g-jira', 'g-jira'] },
  { key: 'confluence', displayName: 'Confluence', licenceGroupIds: ['g-conf'] },
];

/** A valid policy as plain JSON, to break one field at a time. */
function json(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(testPolicy())) as Record<string, unknown>;
}

function errorsOf(input: unknown): string[] {
  const result = validateInactivityPolicy(input);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.errors.map((error) => error.message);
}

function set(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return target;
}

describe('defaultInactivityPolicy', () => {
  it('is valid, disabled for every product, and dedupes licence groups', () => {
    const policy = defaultInactivityPolicy(CATALOGUE);
    expect(validateInactivityPolicy(policy)).toEqual({ ok: true, policy });
    expect(Object.values(policy.products).map((p) => p.enabled)).toEqual([false, false]);
    expect(policy.products['jira-software']).toMatchObject({
      displayName: 'Jira',
      licenceGroupIds: ['g-jira'],
      inactiveAfterDays: 90,
      warnDaysBefore: 7,
      action: 'remove-licence',
      neverActive: 'count-from-added',
    });
  });

  it('rejects a malformed catalogue', () => {
    expect(() => defaultInactivityPolicy([...CATALOGUE, CATALOGUE[0]!])).toThrow(
      '"jira-software" is listed twice',
    );
    expect(() => defaultInactivityPolicy([{ key: 'a b', displayName: 'x', licenceGroupIds: [] }])).toThrow(
      'product key "a b"',
    );
  });
});

describe('syncPolicyProducts', () => {
  it('adds new products disabled, refreshes names and groups, keeps settings and missing products', () => {
    const stored = testPolicy({ confluence: { enabled: true, inactiveAfterDays: 30 } });
    const { policy, added, missing } = syncPolicyProducts(stored, [
      { key: 'confluence', displayName: 'Confluence Cloud', licenceGroupIds: ['g-conf-new'] },
      { key: 'jira-product-discovery', displayName: 'Product Discovery', licenceGroupIds: ['g-jpd'] },
    ]);
    expect(added).toEqual(['jira-product-discovery']);
    expect(missing).toEqual(['jira-software']);
    expect(policy.products.confluence).toMatchObject({
      displayName: 'Confluence Cloud',
      licenceGroupIds: ['g-conf-new'],
      enabled: true,
      inactiveAfterDays: 30,
    });
    expect(policy.products['jira-product-discovery']?.enabled).toBe(false);
    expect(policy.products['jira-software']).toEqual(stored.products['jira-software']);
  });
});

describe('validateInactivityPolicy', () => {
  it('accepts a valid policy with notification channels, deduping id lists', () => {
    const input = set(json(), 'notifications', {
      jiraNotify: { issueKey: 'OPS_2-17' },
      webhook: { url: 'https://hooks.slack.com/services/T0/B0/x' },
    });
    set(input, 'exclusions.groupIds', ['g1', 'g1', 'g2']);
    const result = validateInactivityPolicy(input);
    expect(result.ok && result.policy.exclusions.groupIds).toEqual(['g1', 'g2']);
    expect(result.ok && result.policy.notifications.webhook).toEqual({
      url: 'https://hooks.slack.com/services/T0/B0/x',
    });
  });

  it.each<[string, unknown, string]>([
    [
      'products.confluence.inactiveAfterDays',
      0,
      'products.confluence.inactiveAfterDays must be a whole number from 1 to 3650',
    ],
    [
      'products.confluence.inactiveAfterDays',
      90.5,
      'products.confluence.inactiveAfterDays must be a whole number from 1 to 3650',
    ],
    [
      'products.confluence.inactiveAfterDays',
      '90',
      'products.confluence.inactiveAfterDays must be a whole number from 1 to 3650',
    ],
    ['products.confluence.inactiveAfterDays', undefined, 'products.confluence.inactiveAfterDays is required'],
    [
      'products.confluence.warnDaysBefore',
      90,
      'products.confluence.warnDaysBefore (90) must be shorter than products.confluence.inactiveAfterDays (90)',
    ],
    [
      'products.confluence.warnDaysBefore',
      -1,
      'products.confluence.warnDaysBefore must be a whole number from 0 to 365',
    ],
    [
      'products.confluence.action',
      'delete',
      "products.confluence.action must be one of 'remove-licence', 'suspend', 'report'",
    ],
    [
      'products.confluence.neverActive',
      'count',
      "products.confluence.neverActive must be one of 'count-from-added', 'ignore'",
    ],
    ['products.confluence.enabled', 'yes', 'products.confluence.enabled must be true or false'],
    [
      'products.confluence.displayName',
      '  ',
      'products.confluence.displayName must be a non-empty text of at most 200 characters',
    ],
    [
      'products.confluence.licenceGroupIds',
      'g-conf',
      'products.confluence.licenceGroupIds must be a list of ids',
    ],
    [
      'products.confluence.licenceGroupIds',
      ['ok', 'has space'],
      'products.confluence.licenceGroupIds[1] must be an id of 1-128 characters without spaces',
    ],
    ['products.confluence.threshold', 9, 'products.confluence.threshold is not a recognised field'],
    [
      'products.bad key',
      {},
      'products.bad key is not a valid product key (1-64 letters, digits, "-" or "_")',
    ],
    ['products', [], 'products must be an object'],
    [
      'exclusions.recentlyAddedDays',
      4000,
      'exclusions.recentlyAddedDays must be a whole number from 0 to 3650',
    ],
    [
      'exclusions.accountIds',
      [7],
      'exclusions.accountIds[0] must be an id of 1-128 characters without spaces',
    ],
    ['exclusions.groupIds', undefined, 'exclusions.groupIds is required'],
    ['brake.maxActionsPerRun', -5, 'brake.maxActionsPerRun must be a whole number from 0 to 1000000'],
    ['brake.maxPercentOfLicensed', 101, 'brake.maxPercentOfLicensed must be a number from 0 to 100'],
    ['brake.maxPercentOfLicensed', Number.NaN, 'brake.maxPercentOfLicensed must be a number from 0 to 100'],
    ['activityMaxAgeHours', 0, 'activityMaxAgeHours must be a whole number from 1 to 720'],
    ['schemaVersion', 2, 'schemaVersion must be 1'],
    [
      'notifications.webhook',
      { url: 'http://hooks.example.com/x' },
      'notifications.webhook.url must use https:// (got http://)',
    ],
    ['notifications.webhook', { url: 'not a url' }, 'notifications.webhook.url is not a valid URL'],
    [
      'notifications.webhook',
      { url: 'https://user:secret@hooks.example.com/x' },
      'notifications.webhook.url must not contain a user name or password; put secrets in the path or query',
    ],
    ['notifications.webhook', {}, 'notifications.webhook.url is required'],
    [
      'notifications.jiraNotify',
      { issueKey: 'ops-1' },
      'notifications.jiraNotify.issueKey must be a Jira issue key such as OPS-123 (project key in capitals, a dash, a number)',
    ],
    ['notifications.email', { to: 'x' }, 'notifications.email is not a recognised field'],
  ])('%s = %p is rejected', (path, value, message) => {
    expect(errorsOf(set(json(), path, value))).toEqual([message]);
  });

  it('reports every bad field at once, with paths', () => {
    const input = set(json(), 'products.confluence.inactiveAfterDays', -1);
    set(input, 'brake.maxActionsPerRun', 'many');
    const result = validateInactivityPolicy(input);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'products.confluence.inactiveAfterDays',
      'brake.maxActionsPerRun',
    ]);
  });

  it('rejects something that is not an object at all', () => {
    expect(errorsOf(null)).toEqual(['policy must be an object']);
    expect(errorsOf('{}')).toEqual(['policy must be an object']);
  });

  it('rejects an empty object naming each missing section', () => {
    expect(errorsOf({})).toEqual([
      'schemaVersion must be 1',
      'products is required',
      'exclusions is required',
      'notifications is required',
      'brake is required',
      'activityMaxAgeHours is required',
    ]);
  });
});

describe('INACTIVITY_ACTIONS', () => {
  it('marks suspension as org-wide and report-only as changing nothing', () => {
    expect(INACTIVITY_ACTIONS.suspend.orgWide).toBe(true);
    expect(INACTIVITY_ACTIONS.suspend.description).toContain('every product on every site');
    expect(INACTIVITY_ACTIONS['remove-licence'].orgWide).toBe(false);
    expect(INACTIVITY_ACTIONS.report.changesAccess).toBe(false);
  });
});
