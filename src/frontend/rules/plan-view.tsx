// What provisioning would do for the tested user now: grants to add, to remove, to leave, and why.
import { DynamicTable, EmptyState, List, ListItem, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import { describeGrant } from '../../domain/rules';
import type { TestOnUserView } from '../../shared/contract';

type Plan = TestOnUserView['plan'];

const CHANGE = {
  add: { label: 'add', appearance: 'success' },
  remove: { label: 'remove', appearance: 'removed' },
  unchanged: { label: 'keep', appearance: 'default' },
} as const;

export function PlanView({ plan }: { plan: Plan }) {
  if (plan.skipped)
    return (
      <SectionMessage appearance="information" title="Not provisioned">
        <Text>
          {plan.skipped === 'app-account'
            ? 'App accounts are never provisioned.'
            : 'Inactive accounts are not provisioned.'}
        </Text>
      </SectionMessage>
    );
  const rows = (['add', 'remove', 'unchanged'] as const).flatMap((change) =>
    plan[change].map((g) => ({
      key: `${change}:${g.grantKey}`,
      cells: [
        {
          key: 'change',
          content: <Lozenge appearance={CHANGE[change].appearance}>{CHANGE[change].label}</Lozenge>,
        },
        { key: 'grant', content: describeGrant(g.grant) },
        { key: 'reason', content: g.reason },
      ],
    })),
  );
  return (
    <Stack space="space.100" testId="rule-plan">
      {rows.length === 0 ? (
        <EmptyState
          header="No changes"
          description="The user holds nothing the rules grant or revoke."
          width="narrow"
        />
      ) : (
        <DynamicTable
          head={{
            cells: [
              { key: 'change', content: 'Change' },
              { key: 'grant', content: 'Group or role' },
              { key: 'reason', content: 'Why' },
            ],
          }}
          rows={rows}
        />
      )}
      {!plan.settled ? (
        <SectionMessage appearance="warning" title="Rules reading user.groups did not settle">
          <Text>See the reasons below; some rules keep changing each other&apos;s outcome.</Text>
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
