// One page of audit entries: when, who acted, whom it is about, what and with what outcome, on what, and why.
import { DynamicTable, EmptyState, Lozenge, Stack, Text, Tooltip, User } from '@forge/react';
import type { AuditEntry } from '../../shared/audit';
import { formatCompactWhen, formatWhen } from '../common/format';
import { auditActor } from './audit-actor';
import { humanize } from './audit-filter-state';

const OUTCOME = {
  success: 'success',
  failed: 'removed',
  skipped: 'default',
  'dry-run': 'inprogress',
} as const;

function Actor({ entry, ruleNames }: { entry: AuditEntry; ruleNames: ReadonlyMap<string, string> }) {
  const actor = auditActor(entry, ruleNames);
  if (actor.kind === 'person') return <User accountId={actor.accountId} />;
  if (actor.kind === 'rule')
    return (
      <Tooltip content={`Rule id ${actor.ruleId}`}>
        <Text>{actor.label}</Text>
      </Tooltip>
    );
  return <Text>{actor.label}</Text>;
}

export function AuditTable({
  entries,
  ruleNames,
  filtered,
  now,
}: {
  entries: readonly AuditEntry[];
  ruleNames: ReadonlyMap<string, string>;
  /** Whether any filter is set: an empty page then means "nothing matches", else "nothing yet". */
  filtered: boolean;
  now: number;
}) {
  if (entries.length === 0)
    return filtered ? (
      <EmptyState
        header="Nothing matches these filters"
        description="Widen the dates or clear a filter to see more."
      />
    ) : (
      <EmptyState
        header="Nothing recorded yet"
        description="Every access the app grants or removes, every rule, setting and policy change, and every inactivity run is recorded here."
      />
    );
  return (
    <DynamicTable
      caption="Audit log"
      testId="audit-table"
      isFixedSize
      head={{
        // Widths in percent, fixed so group names break at hyphens, not a letter at a time, at 1024 px; the outcome
        // rides under the action so seven facts fit in six columns.
        cells: [
          { key: 'at', content: 'When (UTC)', width: 11 },
          { key: 'who', content: 'Who', width: 15 },
          { key: 'user', content: 'User', width: 15 },
          { key: 'action', content: 'Action and outcome', width: 15 },
          { key: 'target', content: 'On', width: 17 },
          { key: 'reason', content: 'Reason', width: 27 },
        ],
      }}
      rows={entries.map((e) => ({
        key: e.id,
        cells: [
          {
            key: 'at',
            content: (
              <Tooltip content={formatWhen(e.at)}>
                <Text>{formatCompactWhen(e.at, now)}</Text>
              </Tooltip>
            ),
          },
          { key: 'who', content: <Actor entry={e} ruleNames={ruleNames} /> },
          { key: 'user', content: e.accountId ? <User accountId={e.accountId} /> : <Text>—</Text> },
          {
            key: 'action',
            content: (
              <Stack space="space.050">
                <Text>{humanize(e.action)}</Text>
                <Lozenge appearance={OUTCOME[e.outcome]}>{humanize(e.outcome)}</Lozenge>
              </Stack>
            ),
          },
          {
            key: 'target',
            content: e.targetName ? (
              <Tooltip content={e.target}>
                <Text>{e.targetName}</Text>
              </Tooltip>
            ) : (
              <Text>{e.target}</Text>
            ),
          },
          { key: 'reason', content: e.reason },
        ],
      }))}
    />
  );
}
