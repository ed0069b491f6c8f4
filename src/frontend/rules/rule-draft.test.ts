// Editor drafts round-trip to saved rules; grants stay unique; reordering swaps neighbours only.
import { validateRuleInput, type Rule } from '../../domain/rules';
import { addGrant, draftFromRule, moveRule, newDraft, removeGrant, ruleFromDraft } from './rule-draft';

const rule: Rule = {
  id: 'sales',
  name: 'Sales',
  description: 'Sales staff',
  enabled: true,
  priority: 20,
  condition: { text: 'user.department -eq "Sales"', dialect: 'entra' },
  grants: [{ kind: 'group', groupId: 'g1', groupName: 'jira-sales' }],
  onUnmatch: 'revoke',
};

describe('rule drafts', () => {
  it('round-trips a saved rule, with its owner or without', () => {
    expect(ruleFromDraft(draftFromRule(rule))).toEqual(rule);
    const owned = { ...rule, owner: '712020:owner' };
    expect(ruleFromDraft(draftFromRule(owned))).toEqual(owned);
  });

  it('makes new rules with ids the backend accepts', () => {
    const draft = {
      ...newDraft(30, 'm1x:9/q'),
      name: 'New',
      text: 'user.active -eq true',
      grants: rule.grants,
    };
    expect(draft.id).toBe('rule-m1x9q');
    const checked = validateRuleInput(ruleFromDraft(draft));
    expect(checked.ok).toBe(true);
  });

  it('sends a priority that is not a whole number as typed, so the backend names it', () => {
    const sent = ruleFromDraft({ ...draftFromRule(rule), priority: 'high' });
    const checked = validateRuleInput(sent);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.errors.map((e) => e.field)).toContain('priority');
  });

  it('keeps grants unique by grant key', () => {
    const more = addGrant(rule.grants, { kind: 'group', groupId: 'g1', groupName: 'renamed' });
    expect(more).toHaveLength(1);
    const role = {
      kind: 'projectRole',
      projectId: '10000',
      projectKey: 'ACME',
      roleId: '10002',
      roleName: 'Developers',
    } as const;
    expect(removeGrant(addGrant(more, role), 'group:g1')).toEqual([role]);
  });

  it('moves a rule one place and never off the ends', () => {
    expect(moveRule(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveRule(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveRule(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
  });
});
