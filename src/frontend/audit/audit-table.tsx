// One page of audit entries: when, who acted, whom it is about, what and with what outcome, on what, and why.
// Target names and reasons are stored text (data, in the words of the day they were written), shown as they are.
import { DynamicTable, EmptyState, Lozenge, Stack, Text, Tooltip, User } from '@forge/react';
import type { AuditEntry } from '../../shared/audit';
import { useText } from '../i18n/text-provider';
import { auditActor } from './audit-actor';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS } from './audit-labels';

const OUTCOME = {
  success: 'success',
  failed: 'removed',
  skipped: 'default',
  'dry-run': 'inprogress',
} as const;

function Actor({ entry, ruleNames }: { entry: AuditEntry; ruleNames: ReadonlyMap<string, string> }) {
  const text = useText();
  const actor = auditActor(entry, ruleNames);
  if (actor.kind === 'person') return <User accountId={actor.accountId} />;
  if (actor.kind === 'rule')
    return (
      <Tooltip content={text.t('audit.table.ruleId', { id: actor.ruleId })}>
        <Text>
          {actor.name === null
            ? text.t('audit.actors.deletedRule')
            : text.t('audit.actors.rule', { name: actor.name })}
        </Text>
      </Tooltip>
    );
  return <Text>{text.t(actor.label)}</Text>;
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
  const text = useText();
  if (entries.length === 0)
    return filtered ? (
      <EmptyState
        header={text.t('audit.table.noMatchTitle')}
        description={text.t('audit.table.noMatchBody')}
      />
    ) : (
      <EmptyState header={text.t('audit.table.emptyTitle')} description={text.t('audit.table.emptyBody')} />
    );
  return (
    <DynamicTable
      caption={text.t('audit.table.caption')}
      testId="audit-table"
      isFixedSize
      head={{
        // Widths in percent, fixed so group names break at hyphens, not a letter at a time, at 1024 px; the outcome
        // rides under the action so seven facts fit in six columns.
        cells: [
          { key: 'at', content: text.t('audit.table.when'), width: 11 },
          { key: 'who', content: text.t('audit.table.who'), width: 15 },
          { key: 'user', content: text.t('audit.table.user'), width: 15 },
          { key: 'action', content: text.t('audit.table.actionAndOutcome'), width: 15 },
          { key: 'target', content: text.t('audit.table.target'), width: 17 },
          { key: 'reason', content: text.t('audit.table.reason'), width: 27 },
        ],
      }}
      rows={entries.map((e) => ({
        key: e.id,
        cells: [
          {
            key: 'at',
            // The cell stays on one line; the tooltip gives the full time with its zone.
            content: (
              <Tooltip content={text.when(e.at)}>
                <Text>{text.compactWhen(e.at, now)}</Text>
              </Tooltip>
            ),
          },
          { key: 'who', content: <Actor entry={e} ruleNames={ruleNames} /> },
          { key: 'user', content: e.accountId ? <User accountId={e.accountId} /> : <Text>—</Text> },
          {
            key: 'action',
            content: (
              <Stack space="space.050">
                <Text>{text.t(AUDIT_ACTION_LABELS[e.action])}</Text>
                <Lozenge appearance={OUTCOME[e.outcome]}>{text.t(AUDIT_OUTCOME_LABELS[e.outcome])}</Lozenge>
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
