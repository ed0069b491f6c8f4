// A run's report: per product, how many users were in each outcome and how many seats it frees; then the
// notable users with the reason for each.
import { DynamicTable, EmptyState, Heading, Stack, Text, User } from '@forge/react';
import type { RunReportView } from '../../shared/contract';
import { formatCount, formatWhen } from '../common/format';

const OUTCOME_COLUMNS = [
  ['act', 'Act now'],
  ['cancel-warning', 'Warning cancelled'],
  ['warn', 'Warn'],
  ['still-in-grace', 'In grace'],
  ['excluded', 'Excluded'],
  ['blocked', 'Blocked'],
  ['unknown-activity', 'Activity unknown'],
  ['active', 'Active'],
] as const;

export function RunReport({ report }: { report: RunReportView }) {
  const summary = report.run.report;
  return (
    <Stack space="space.150" testId="inactivity-report">
      {summary ? (
        <>
          <Text>
            {formatCount(summary.users, 'user')} checked;{' '}
            {formatCount(summary.plannedActions.affectedUsers, 'user')} would be acted on (
            {summary.plannedActions.removeLicence} licence removals, {summary.plannedActions.suspend}{' '}
            suspensions).
          </Text>
          <DynamicTable
            caption="By product"
            head={{
              cells: [
                { key: 'product', content: 'Product' },
                ...OUTCOME_COLUMNS.map(([key, label]) => ({ key, content: label })),
                { key: 'seats', content: 'Seats freed' },
              ],
            }}
            rows={summary.products.map((p) => ({
              key: p.product,
              cells: [
                { key: 'product', content: p.displayName },
                ...OUTCOME_COLUMNS.map(([key]) => ({ key, content: String(p.outcomes[key]) })),
                { key: 'seats', content: String(p.seatsFreed) },
              ],
            }))}
          />
          {summary.products.map((p) => {
            // Reports stored before grant dates were read have no count for unknown ones.
            const recent = p.exclusions['recently-added-to-product'] ?? 0;
            const unknown = p.exclusions['grant-date-unknown'] ?? 0;
            if (recent + unknown === 0) return null;
            return (
              <Text key={`grants-${p.product}`} testId={`report-grants-${p.product}`}>
                {p.displayName}: {formatCount(recent, 'user')} left alone as given it recently;{' '}
                {formatCount(unknown, 'user')} left alone because when they were given it is unknown (grant
                date unknown).
              </Text>
            );
          })}
        </>
      ) : (
        <Text>The run has no report yet.</Text>
      )}
      <Heading size="small">Users</Heading>
      {report.entries.length === 0 ? (
        <EmptyState header="Nobody to warn or act on" width="narrow" />
      ) : (
        <DynamicTable
          rowsPerPage={20}
          head={{
            cells: [
              { key: 'user', content: 'User' },
              { key: 'product', content: 'Product' },
              { key: 'outcome', content: 'Outcome' },
              { key: 'idle', content: 'Inactive for' },
              { key: 'when', content: 'Acts after' },
              { key: 'why', content: 'Why' },
            ],
          }}
          rows={report.entries.map((e) => ({
            key: `${e.accountId}:${e.product}`,
            cells: [
              { key: 'user', content: <User accountId={e.accountId} /> },
              { key: 'product', content: e.product },
              { key: 'outcome', content: e.outcome },
              {
                key: 'idle',
                content: e.inactiveDays === null ? 'never active' : formatCount(e.inactiveDays, 'day'),
              },
              { key: 'when', content: formatWhen(e.actAfter, '—') },
              { key: 'why', content: e.message },
            ],
          }))}
        />
      )}
    </Stack>
  );
}
