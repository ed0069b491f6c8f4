// A run's report: per product, users in each outcome (the columns add up to the users checked) and seats it frees;
// then the notable users with the reason for each, by name.
import { DynamicTable, EmptyState, Heading, Stack, Text, User } from '@forge/react';
import type { RunReportView } from '../../shared/contract';
import { formatCount, formatWhen } from '../common/format';
import { OUTCOME_COLUMNS, reportFigures, type ProductFigures } from './report-figures';

const OUTCOME_LABEL = new Map(OUTCOME_COLUMNS);

export function RunReport({ report }: { report: RunReportView }) {
  const summary = report.run.report;
  const figures = summary ? reportFigures(summary) : null;
  const names = new Map((summary?.products ?? []).map((p) => [p.product, p.displayName]));
  const row = (p: ProductFigures, key: string) => ({
    key,
    cells: [
      { key: 'product', content: p.name },
      { key: 'checked', content: p.checked.toLocaleString('en-US') },
      ...(figures?.columns ?? []).map(([outcome]) => ({
        key: outcome,
        content: p.byOutcome[outcome].toLocaleString('en-US'),
      })),
      { key: 'holding', content: p.holding.toLocaleString('en-US') },
      { key: 'seats', content: p.seatsFreed.toLocaleString('en-US') },
    ],
  });
  return (
    <Stack space="space.150" testId="inactivity-report">
      {summary && figures ? (
        <>
          <Text>
            {`${formatCount(summary.users, 'user')} checked (everyone on the site, with or without a product); ${formatCount(summary.plannedActions.affectedUsers, 'user')} would be acted on: ${formatCount(summary.plannedActions.removeLicence, 'licence removal')}, ${formatCount(summary.plannedActions.suspend, 'suspension')}.`}
          </Text>
          {summary.notTold ? (
            <Text>{`${formatCount(summary.notTold, 'user')} due for an action were left alone because no warning reached them.`}</Text>
          ) : null}
          <DynamicTable
            caption="By product: each row adds up to the users checked"
            head={{
              cells: [
                { key: 'product', content: 'Product' },
                { key: 'checked', content: 'Checked' },
                ...figures.columns.map(([key, label]) => ({ key, content: label })),
                { key: 'holding', content: 'Hold it' },
                { key: 'seats', content: 'Seats freed' },
              ],
            }}
            rows={[
              ...figures.products.map((p) => row(p, p.product)),
              ...(figures.products.length > 1 ? [row(figures.totals, 'all')] : []),
            ]}
          />
          {summary.products.map((p) => {
            // Reports stored before grant dates were read have no count for unknown ones.
            const recent = p.exclusions['recently-added-to-product'] ?? 0;
            const unknown = p.exclusions['grant-date-unknown'] ?? 0;
            if (recent + unknown === 0) return null;
            return (
              <Text key={`grants-${p.product}`} testId={`report-grants-${p.product}`}>
                {`${p.displayName}: ${formatCount(recent, 'user')} left alone as given it recently; ${formatCount(unknown, 'user')} left alone because when they were given it is unknown (grant date unknown).`}
              </Text>
            );
          })}
        </>
      ) : (
        <Text>The run has no report yet.</Text>
      )}
      <Heading size="small">Users to warn or act on</Heading>
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
              { key: 'product', content: names.get(e.product) ?? e.product },
              { key: 'outcome', content: OUTCOME_LABEL.get(e.outcome) ?? e.outcome },
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
