// Restore planning puts back exactly what was removed, skipping what is already back.
import { planRestore, type AccountState } from './restore';
import type { RecordedAction } from './facts';

const records: RecordedAction[] = [
  {
    accountId: 'a',
    product: 'jira-software',
    action: 'remove-licence',
    removedGroupIds: ['g-jira', 'g-both'],
  },
  { accountId: 'a', product: 'confluence', action: 'remove-licence', removedGroupIds: ['g-both', 'g-conf'] },
  { accountId: 'b', action: 'suspend' },
  { accountId: 'c', product: 'jira-software', action: 'remove-licence', removedGroupIds: ['g-jira'] },
];

const state = (entries: [string, AccountState][]) => new Map(entries);

describe('planRestore', () => {
  it('re-adds each removed group once and restores suspended accounts', () => {
    const plan = planRestore(
      records,
      state([
        ['a', { groupIds: [], active: true }],
        ['b', { groupIds: [], active: false }],
        ['c', { groupIds: [], active: true }],
      ]),
    );
    expect(plan.steps).toEqual([
      {
        kind: 're-add-groups',
        accountId: 'a',
        groupIds: ['g-jira', 'g-both', 'g-conf'],
        products: ['confluence', 'jira-software'],
      },
      { kind: 'restore-account', accountId: 'b' },
      { kind: 're-add-groups', accountId: 'c', groupIds: ['g-jira'], products: ['jira-software'] },
    ]);
    expect(plan.skipped).toEqual([]);
    expect(plan.accountsWithUnknownState).toEqual([]);
  });

  it('skips groups the user is already back in and accounts already active', () => {
    const plan = planRestore(
      records,
      state([
        ['a', { groupIds: ['g-both', 'other'], active: true }],
        ['b', { groupIds: [], active: true }],
        ['c', { groupIds: ['g-jira'], active: true }],
      ]),
    );
    expect(plan.steps).toEqual([
      {
        kind: 're-add-groups',
        accountId: 'a',
        groupIds: ['g-jira', 'g-conf'],
        products: ['confluence', 'jira-software'],
      },
    ]);
    expect(plan.skipped.map((s) => [s.accountId, s.code, s.groupIds])).toEqual([
      ['a', 'already-in-groups', ['g-both']],
      ['b', 'account-already-active', []],
      ['c', 'already-in-groups', ['g-jira']],
    ]);
  });

  it('is idempotent: planning again after the plan was carried out does nothing', () => {
    const after = state([
      ['a', { groupIds: ['g-jira', 'g-both', 'g-conf'], active: true }],
      ['b', { groupIds: [], active: true }],
      ['c', { groupIds: ['g-jira'], active: true }],
    ]);
    expect(planRestore(records, after).steps).toEqual([]);
  });

  it('restores the account before re-adding groups, and plans everything when state is unknown', () => {
    const plan = planRestore(
      [
        { accountId: 'd', product: 'confluence', action: 'remove-licence', removedGroupIds: ['g-conf'] },
        { accountId: 'd', action: 'suspend' },
      ],
      new Map(),
    );
    expect(plan.steps.map((s) => s.kind)).toEqual(['restore-account', 're-add-groups']);
    expect(plan.accountsWithUnknownState).toEqual(['d']);
  });
});
