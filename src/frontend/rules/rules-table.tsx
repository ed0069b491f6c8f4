// The rule set in priority order: enable or disable, move up or down, what each grants, when it last matched.
import { Button, Code, DynamicTable, EmptyState, Inline, Lozenge, Stack, Text, Toggle } from '@forge/react';
import { describeGrant, grantKey } from '../../domain/rules';
import type { RuleView } from '../../shared/contract';
import { formatWhen } from '../common/format';

export interface RulesTableProps {
  rules: readonly RuleView[];
  busy: boolean;
  onToggle: (rule: RuleView) => void;
  onMove: (rule: RuleView, direction: -1 | 1) => void;
  onEdit: (rule: RuleView) => void;
  onDelete: (rule: RuleView) => void;
  onCreate: () => void;
}

export function RulesTable({ rules, busy, onToggle, onMove, onEdit, onDelete, onCreate }: RulesTableProps) {
  if (rules.length === 0)
    return (
      <EmptyState
        header="No rules yet"
        description="A rule grants groups or project roles to users whose identity-provider attributes match it."
        primaryAction={
          <Button appearance="primary" onClick={onCreate}>
            Create the first rule
          </Button>
        }
      />
    );
  const rows = rules.map((rule, index) => ({
    key: rule.id,
    cells: [
      {
        key: 'order',
        content: (
          <Inline space="space.050" alignBlock="center">
            <Text>{String(index + 1)}</Text>
            <Button
              spacing="compact"
              appearance="subtle"
              isDisabled={busy || index === 0}
              onClick={() => onMove(rule, -1)}
              testId={`rule-up-${rule.id}`}
            >
              ↑
            </Button>
            <Button
              spacing="compact"
              appearance="subtle"
              isDisabled={busy || index === rules.length - 1}
              onClick={() => onMove(rule, 1)}
              testId={`rule-down-${rule.id}`}
            >
              ↓
            </Button>
          </Inline>
        ),
      },
      {
        key: 'name',
        content: (
          <Stack space="space.050">
            <Text weight="medium">{rule.name}</Text>
            {rule.conditionProblem ? (
              <Lozenge appearance="removed">condition no longer parses</Lozenge>
            ) : (
              <Code>{rule.canonicalText ?? rule.condition.text}</Code>
            )}
          </Stack>
        ),
      },
      {
        key: 'grants',
        content: (
          // One line per grant, never cut short (Atlaskit's Tag truncates "role … in project …" names).
          <Stack space="space.050">
            {rule.grants.map((g) => (
              <Text key={grantKey(g)}>{describeGrant(g)}</Text>
            ))}
          </Stack>
        ),
      },
      {
        key: 'enabled',
        content: (
          <Toggle
            id={`rule-enabled-${rule.id}`}
            label={`${rule.enabled ? 'Disable' : 'Enable'} ${rule.name}`}
            isChecked={rule.enabled}
            isDisabled={busy}
            onChange={() => onToggle(rule)}
          />
        ),
      },
      { key: 'matched', content: formatWhen(rule.lastMatchedAt) },
      {
        key: 'actions',
        content: (
          <Inline space="space.050">
            <Button appearance="subtle" onClick={() => onEdit(rule)} testId={`rule-edit-${rule.id}`}>
              Edit
            </Button>
            <Button appearance="subtle" onClick={() => onDelete(rule)} testId={`rule-delete-${rule.id}`}>
              Delete
            </Button>
          </Inline>
        ),
      },
    ],
  }));
  return (
    <DynamicTable
      caption="Rules, highest priority first"
      testId="rules-table"
      isFixedSize
      head={{
        cells: [
          // Widths (percent) so grant names get room instead of wrapping a letter at a time on small screens.
          { key: 'order', content: 'Order', width: 13 },
          { key: 'name', content: 'Rule', width: 21 },
          { key: 'grants', content: 'Grants', width: 18 },
          { key: 'enabled', content: 'Enabled', width: 11 },
          { key: 'matched', content: 'Last matched', width: 13 },
          { key: 'actions', content: '', width: 24 },
        ],
      }}
      rows={rows}
    />
  );
}
