// One page of audit entries: when, who, what, on what, which rule, the outcome and the reason.
import { DynamicTable, EmptyState, Lozenge, Text, User } from '@forge/react';
import type { AuditEntry } from '../../shared/audit';
import { formatWhen } from '../common/format';
import { humanize } from './audit-filter-state';

const OUTCOME = {
  success: 'success',
  failed: 'removed',
  skipped: 'default',
  'dry-run': 'inprogress',
} as const;

export function AuditTable({
  entries,
  ruleNames,
}: {
  entries: readonly AuditEntry[];
  ruleNames: ReadonlyMap<string, string>;
}) {
  if (entries.length === 0)
    return <EmptyState header="No audit entries" description="Nothing matches these filters." />;
  return (
    <DynamicTable
      caption="Audit log"
      testId="audit-table"
      head={{
        cells: [
          { key: 'at', content: 'When (UTC)' },
          { key: 'user', content: 'User' },
          { key: 'action', content: 'Action' },
          { key: 'target', content: 'On' },
          { key: 'rule', content: 'Rule' },
          { key: 'outcome', content: 'Outcome' },
          { key: 'reason', content: 'Reason' },
        ],
      }}
      rows={entries.map((e) => ({
        key: e.id,
        cells: [
          { key: 'at', content: formatWhen(e.at) },
          { key: 'user', content: e.accountId ? <User accountId={e.accountId} /> : <Text>app-wide</Text> },
          { key: 'action', content: humanize(e.action) },
          { key: 'target', content: e.targetName || e.target },
          { key: 'rule', content: e.ruleId ? (ruleNames.get(e.ruleId) ?? e.ruleId) : '—' },
          {
            key: 'outcome',
            content: <Lozenge appearance={OUTCOME[e.outcome]}>{humanize(e.outcome)}</Lozenge>,
          },
          { key: 'reason', content: e.reason },
        ],
      }))}
    />
  );
}
