// The rule set in priority order: enable or disable, move up or down, what each grants, when it last matched.
import { Button, Code, DynamicTable, EmptyState, Inline, Lozenge, Stack, Text, Toggle } from '@forge/react';
import { grantKey } from '../../domain/rules';
import type { RuleView } from '../../shared/contract';
import { useText } from '../i18n/text-provider';
import { grantText } from '../common/grant-text';

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
  const text = useText();
  if (rules.length === 0)
    return (
      <EmptyState
        header={text.t('rules.table.emptyHeader')}
        description={text.t('rules.table.emptyDescription')}
        primaryAction={
          <Button appearance="primary" onClick={onCreate}>
            {text.t('rules.table.createFirst')}
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
            <Text>{text.number(index + 1)}</Text>
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
              <Lozenge appearance="removed">{text.t('rules.table.conditionBroken')}</Lozenge>
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
              <Text key={grantKey(g)}>{grantText(text, g)}</Text>
            ))}
          </Stack>
        ),
      },
      {
        key: 'enabled',
        content: (
          <Toggle
            id={`rule-enabled-${rule.id}`}
            label={text.t(rule.enabled ? 'rules.table.disableRule' : 'rules.table.enableRule', {
              name: rule.name,
            })}
            isChecked={rule.enabled}
            isDisabled={busy}
            onChange={() => onToggle(rule)}
          />
        ),
      },
      { key: 'matched', content: text.when(rule.lastMatchedAt) },
      {
        key: 'actions',
        content: (
          <Inline space="space.050">
            <Button appearance="subtle" onClick={() => onEdit(rule)} testId={`rule-edit-${rule.id}`}>
              {text.t('rules.table.edit')}
            </Button>
            <Button appearance="subtle" onClick={() => onDelete(rule)} testId={`rule-delete-${rule.id}`}>
              {text.t('rules.table.delete')}
            </Button>
          </Inline>
        ),
      },
    ],
  }));
  return (
    <DynamicTable
      caption={text.t('rules.table.caption')}
      testId="rules-table"
      isFixedSize
      head={{
        cells: [
          // Widths (percent) so grant names get room instead of wrapping a letter at a time on small screens.
          { key: 'order', content: text.t('rules.table.columnOrder'), width: 13 },
          { key: 'name', content: text.t('rules.table.columnRule'), width: 21 },
          { key: 'grants', content: text.t('rules.table.columnGrants'), width: 18 },
          { key: 'enabled', content: text.t('rules.table.columnEnabled'), width: 11 },
          { key: 'matched', content: text.t('rules.table.columnLastMatched'), width: 13 },
          { key: 'actions', content: '', width: 24 },
        ],
      }}
      rows={rows}
    />
  );
}
