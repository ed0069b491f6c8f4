// Okta group-rule expressions produce exactly the tree of their Entra equivalent, and record their dialect.

import { formatRule, parseRule, type RuleNode } from './index';

function tree(text: string, dialect: 'entra' | 'okta'): RuleNode {
  const result = parseRule(text, dialect);
  if (!result.ok)
    throw new Error(`expected ${text} to parse as ${dialect}: ${JSON.stringify(result.errors)}`);
  return result.rule.tree;
}

describe('Okta expressions map onto the Entra tree', () => {
  it.each([
    ['user.department == "Sales"', 'user.department -eq "Sales"'],
    ["user.department != 'Sales'", 'user.department -ne "Sales"'],
    ['user.department == null', 'user.department -eq null'],
    ['user.active == true', 'user.active -eq true'],
    ['user.custom.level >= 3', 'user.custom.level -ge 3'],
    ['user.custom.level > 3', 'user.custom.level -gt 3'],
    ['user.custom.level <= 3', 'user.custom.level -le 3'],
    ['user.custom.level < 3', 'user.custom.level -lt 3'],
    ['3 < user.custom.level', 'user.custom.level -gt 3'],
    ['"Sales" == user.department', 'user.department -eq "Sales"'],
    ['"2025-01-01" >= user.custom.hired', 'user.custom.hired -le "2025-01-01"'],
    ['String.startsWith(user.title, "Eng")', 'user.jobTitle -startsWith "Eng"'],
    ['String.endsWith(user.email, "@example.com")', 'user.email -endsWith "@example.com"'],
    ['String.stringContains(user.displayName, "Smith")', 'user.displayName -contains "Smith"'],
    ['user.timezone == "Europe/Paris"', 'user.timeZone -eq "Europe/Paris"'],
    ['Arrays.contains(user.idpGroups, "admins")', 'user.idpGroups -any (_ -eq "admins")'],
    ['Arrays.contains(user.custom.tags, "vip")', 'user.custom.tags -any (_ -eq "vip")'],
    ['Arrays.contains({"Sales", "Legal"}, user.department)', 'user.department -in ["Sales", "Legal"]'],
    ['Arrays.contains(["Sales"], user.department)', 'user.department -in ["Sales"]'],
    ['isMemberOfGroupName("contractors")', 'user.groups -any (_ -eq "contractors")'],
    ['isMemberOfGroupNameStartsWith("jira-")', 'user.groups -any (_ -startsWith "jira-")'],
    ['isMemberOfGroupNameContains("admin")', 'user.groups -any (_ -contains "admin")'],
    ['isMemberOfGroupNameRegex("/^team-[0-9]+$/")', 'user.groups -any (_ -match "^team-[0-9]+$")'],
    ['isMemberOfGroupNameRegex("^team")', 'user.groups -any (_ -match "^team")'],
    [
      "user.isMemberOf({'group.profile.name': 'West Coast', 'operator': 'EXACT'})",
      'user.groups -any (_ -eq "West Coast")',
    ],
    ["user.isMemberOf({'group.profile.name': 'West'})", 'user.groups -any (_ -eq "West")'],
    [
      "user.isMemberOf({'group.profile.name': 'West', 'operator': 'STARTS_WITH'})",
      'user.groups -any (_ -startsWith "West")',
    ],
    ['!(user.department == "Sales")', '-not (user.department -eq "Sales")'],
    ['NOT user.department == "Sales"', '-not (user.department -eq "Sales")'],
    [
      '!user.department == "Sales" AND user.active == true',
      '-not user.department -eq "Sales" -and user.active -eq true',
    ],
    [
      'user.department == "Sales" AND (String.startsWith(user.title, "Eng") OR isMemberOfGroupName("contractors"))',
      'user.department -eq "Sales" -and (user.jobTitle -startsWith "Eng" -or user.groups -any (_ -eq "contractors"))',
    ],
    [
      'user.department == "a" && user.department == "b" || user.department == "c"',
      'user.department -eq "a" -and user.department -eq "b" -or user.department -eq "c"',
    ],
    [
      'user.department == "a" and (user.department == "b" and user.department == "c")',
      'user.department -eq "a" -and user.department -eq "b" -and user.department -eq "c"',
    ],
    ['user.jobTitle == "O\\"Brien\\\\"', 'user.jobTitle -eq "O`"Brien\\"'],
    ["user.jobTitle == 'it\\'s'", 'user.jobTitle -eq "it\'s"'],
  ])('%s', (okta, entra) => {
    expect(tree(okta, 'okta')).toEqual(tree(entra, 'entra'));
  });

  it('records the dialect and formats as canonical Entra', () => {
    const result = parseRule('String.startsWith(user.title, "Eng") AND user.department != "HR"', 'okta');
    expect(result.ok && result.rule.dialect).toBe('okta');
    expect(result.ok && formatRule(result.rule)).toBe(
      'user.jobTitle -startsWith "Eng" -and user.department -ne "HR"',
    );
  });

  it('does not accept Okta syntax in Entra rules, nor Entra syntax in Okta rules', () => {
    expect(parseRule('user.department == "Sales"', 'entra').ok).toBe(false);
    expect(parseRule('user.department -eq "Sales"', 'okta').ok).toBe(false);
  });

  it('defaults to Entra', () => {
    const result = parseRule('user.department -eq "Sales"');
    expect(result.ok && result.rule.dialect).toBe('entra');
  });
});
