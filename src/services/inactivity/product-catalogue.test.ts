import type { JiraApplicationRole } from '../../clients/jira-types';
import { testPolicy } from '../../domain/inactivity/test-builders';
import { catalogueFromRoles, plainCatalogue, withPolicyProducts } from './product-catalogue';
import { webhookHostAllowed } from './policy-service';
import { parseApproval } from './review';

const role = (overrides: Partial<JiraApplicationRole>): JiraApplicationRole => ({
  key: 'jira-software',
  name: 'Jira',
  groups: [],
  defaultGroups: [],
  numberOfSeats: 100,
  remainingSeats: 40,
  userCount: 60,
  hasUnlimitedSeats: false,
  platform: false,
  ...overrides,
});

describe('catalogueFromRoles', () => {
  it('takes every group that grants the role, default or not, with its seats', () => {
    const [product] = catalogueFromRoles([
      role({
        groupDetails: [
          { name: 'jira-software-users', groupId: 'g1' },
          { name: 'jira-contractors', groupId: 'g2' },
        ],
        defaultGroupsDetails: [{ name: 'jira-software-users', groupId: 'g1' }],
      }),
    ]);
    expect(product).toEqual({
      key: 'jira-software',
      displayName: 'Jira',
      licenceGroupIds: ['g1', 'g2'],
      licenceGroups: [
        { groupId: 'g1', name: 'jira-software-users' },
        { groupId: 'g2', name: 'jira-contractors' },
      ],
      source: 'site',
      seats: { total: 100, used: 60, remaining: 40 },
    });
  });

  it('adds products only the policy knows, with the groups entered there, after the site products', () => {
    const policy = testPolicy();
    const site = catalogueFromRoles([role({ groupDetails: [{ name: 'j', groupId: 'g-jira' }] })]);
    const all = withPolicyProducts(site, policy);
    expect(plainCatalogue(all)).toEqual([
      { key: 'jira-software', displayName: 'Jira', licenceGroupIds: ['g-jira'] },
      { key: 'confluence', displayName: 'Confluence', licenceGroupIds: ['g-conf'] },
    ]);
    expect(all[1]?.source).toBe('policy');
  });
});

describe('webhookHostAllowed', () => {
  it('allows exactly the hosts the manifest declares', () => {
    expect(webhookHostAllowed('https://hooks.slack.com/services/T/B/x')).toBe(true);
    expect(webhookHostAllowed('https://acme.webhook.office.com/webhookb2/x')).toBe(true);
    expect(webhookHostAllowed('https://prod-01.westeurope.logic.azure.com/workflows/x')).toBe(true);
    expect(webhookHostAllowed('https://evil.example.com/hook')).toBe(false);
    expect(webhookHostAllowed('https://hooks.slack.com.evil.com/x')).toBe(false);
    expect(webhookHostAllowed('not a url')).toBe(false);
  });
});

describe('parseApproval', () => {
  it('accepts all, none and a list of accounts, and names what is wrong otherwise', () => {
    expect(parseApproval({ approve: 'all' })).toEqual({ approve: 'all' });
    expect(parseApproval({ approve: 'none' })).toEqual({ approve: 'none' });
    expect(parseApproval({ approve: 'accounts', accountIds: ['a', 'b', 'a'] })).toEqual({
      approve: 'accounts',
      accountIds: ['a', 'b'],
    });
    expect(parseApproval({ approve: 'some' })).toEqual({
      error: "approval.approve must be 'all', 'none' or 'accounts'",
    });
    expect(parseApproval({ approve: 'accounts', accountIds: [] })).toEqual({
      error: 'approval.accountIds must list at least one account id',
    });
    expect(parseApproval({ approve: 'accounts', accountIds: ['ok', 'not ok'] })).toEqual({
      error: 'approval.accountIds contains "not ok", which is not an account id',
    });
    expect(parseApproval(null)).toEqual({ error: 'approval must be an object' });
  });
});
