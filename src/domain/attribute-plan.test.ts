// attributePlan: which sources a rule set needs, from the attributes its enabled, parsing rules read.

import { attributePlan, EVERY_SOURCE, type AttributeSource } from './attribute-plan';
import type { Rule } from './rules';

function rule(id: string, text: string, patch: Partial<Rule> = {}): Rule {
  return {
    id,
    name: `Rule ${id}`,
    description: '',
    enabled: true,
    priority: 10,
    condition: { text, dialect: 'entra' },
    grants: [{ kind: 'group', groupId: `g-${id}`, groupName: `group-${id}` }],
    onUnmatch: 'revoke',
    ...patch,
  };
}

const sources = (rules: Rule[], also: string[] = []): AttributeSource[] =>
  [...attributePlan(rules, also).sources].sort();

describe('attributePlan', () => {
  it('needs no optional source for rules on the Jira user alone (groups, active, account type, name)', () => {
    const plan = attributePlan([
      rule('a', 'user.groups -any (_ -eq "jira-users") -and user.active -eq true'),
      rule('b', 'user.accountType -eq "atlassian" -or user.displayName -startsWith "A"'),
    ]);
    expect([...plan.sources]).toEqual([]);
    expect(plan.attributes).toEqual(['accountType', 'active', 'displayName', 'groups']);
  });

  it('reads only the email for email-domain rules: no SCIM, no directory, no pushed attributes', () => {
    expect(sources([rule('a', 'user.emailDomain -eq "acme.example"')])).toEqual(['email']);
  });

  it('reads every source that can give a profile attribute', () => {
    expect(sources([rule('a', 'user.department -eq "Sales"')])).toEqual(['org-directory', 'pushed', 'scim']);
    expect(sources([rule('a', 'user.location -eq "Paris"')])).toEqual(['org-directory', 'pushed']);
    expect(sources([rule('a', 'user.idpGroups -any (_ -eq "idp-sales")')])).toEqual(['scim']);
  });

  it('reads pushed attributes for custom attributes, and maps Okta names to the same attributes', () => {
    expect(sources([rule('a', 'user.custom.costCentre -eq "CC-17"')])).toEqual(['pushed']);
    const okta = (text: string) => rule('o', text, { condition: { text, dialect: 'okta' } });
    expect(attributePlan([okta('user.title == "Engineer"')]).attributes).toEqual(['jobTitle']);
    expect(sources([okta('isMemberOfGroupName("jira-users")')])).toEqual([]);
  });

  it('ignores disabled rules and rules whose condition does not parse (neither is ever evaluated)', () => {
    const plan = attributePlan([
      rule('off', 'user.department -eq "Sales"', { enabled: false }),
      rule('broken', 'user.jobTitle -eq'),
      rule('on', 'user.emailDomain -eq "acme.example"'),
    ]);
    expect([...plan.sources]).toEqual(['email']);
    expect(plan.reads('department')).toBe(false);
    expect(plan.reads('emailDomain')).toBe(true);
  });

  it('adds what other work needs from the same read', () => {
    expect(sources([rule('a', 'user.active -eq true')], ['jobTitle'])).toEqual([
      'org-directory',
      'pushed',
      'scim',
    ]);
  });

  it('reads everything for an attribute it does not know, rather than too little', () => {
    expect(sources([], ['someFutureAttribute'])).toEqual(['email', 'org-directory', 'pushed', 'scim']);
  });

  it('has a plan that reads every source, for showing a user in full', () => {
    expect([...EVERY_SOURCE.sources].sort()).toEqual(['email', 'org-directory', 'pushed', 'scim']);
    expect(EVERY_SOURCE.reads('anything')).toBe(true);
  });
});
