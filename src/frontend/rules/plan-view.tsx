// What provisioning would do for the tested user now: grants to add, to remove, to leave, and why.
import { DynamicTable, EmptyState, List, ListItem, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { TestOnUserView } from '../../shared/contract';
import { useText } from '../i18n/text-provider';
import { grantText } from '../common/grant-text';

type Plan = TestOnUserView['plan'];

const CHANGE = {
  add: { label: 'rules.plan.changeAdd', appearance: 'success' },
  remove: { label: 'rules.plan.changeRemove', appearance: 'removed' },
  unchanged: { label: 'rules.plan.changeKeep', appearance: 'default' },
} as const;

/** The plan's reasons come worded by the backend's planner: they are shown as it wrote them. */
export function PlanView({ plan }: { plan: Plan }) {
  const text = useText();
  if (plan.skipped)
    return (
      <SectionMessage appearance="information" title={text.t('rules.plan.notProvisioned')}>
        <Text>
          {text.t(plan.skipped === 'app-account' ? 'rules.plan.appAccount' : 'rules.plan.inactive')}
        </Text>
      </SectionMessage>
    );
  const rows = (['add', 'remove', 'unchanged'] as const).flatMap((change) =>
    plan[change].map((g) => ({
      key: `${change}:${g.grantKey}`,
      cells: [
        {
          key: 'change',
          content: <Lozenge appearance={CHANGE[change].appearance}>{text.t(CHANGE[change].label)}</Lozenge>,
        },
        { key: 'grant', content: grantText(text, g.grant) },
        { key: 'reason', content: g.reason },
      ],
    })),
  );
  return (
    <Stack space="space.100" testId="rule-plan">
      {rows.length === 0 ? (
        <EmptyState
          header={text.t('rules.plan.noChanges')}
          description={text.t('rules.plan.noChangesDescription')}
          width="narrow"
        />
      ) : (
        <DynamicTable
          head={{
            cells: [
              { key: 'change', content: text.t('rules.plan.columnChange') },
              { key: 'grant', content: text.t('rules.plan.columnGrant') },
              { key: 'reason', content: text.t('rules.plan.columnWhy') },
            ],
          }}
          rows={rows}
        />
      )}
      {!plan.settled ? (
        <SectionMessage appearance="warning" title={text.t('rules.plan.unsettledTitle')}>
          <Text>{text.t('rules.plan.unsettled')}</Text>
        </SectionMessage>
      ) : null}
      {plan.reasons.length > 0 ? (
        <List type="ordered">
          {plan.reasons.map((reason, index) => (
            <ListItem key={`${index}:${reason}`}>{reason}</ListItem>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}
