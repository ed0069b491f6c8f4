// The rule UI tests preview and backfill with: everyone the IdP puts in `idp-sales` gains the site's sales-team.
import type { AppHarness } from '../../support/app-harness';
import type { Rule } from '../../../src/domain/rules';

export function salesRule(app: AppHarness): Rule {
  const group = app.site.groups().find((g) => g.name === 'sales-team')!;
  return {
    id: 'idp-sales',
    name: 'IdP sales',
    description: '',
    enabled: true,
    priority: 10,
    condition: { text: 'user.groups -any (_ -eq "idp-sales")', dialect: 'entra' },
    grants: [{ kind: 'group', groupId: group.groupId, groupName: group.name }],
    onUnmatch: 'keep',
  };
}
