// A run's report: per product, users in each outcome (the columns add up to the users checked) and seats it frees;
// then the notable users with the reason for each, by name.
import { DynamicTable, EmptyState, Heading, Stack, Text, User } from '@forge/react';
import type { RunReportView } from '../../shared/contract';
import { saidText } from '../../shared/words-text';
import { useText } from '../i18n/text-provider';
import { OUTCOME_LABEL, reportFigures, type ProductFigures } from './report-figures';

export function RunReport({ report }: { report: RunReportView }) {
  const text = useText();
  const users = (n: number) => text.tn('inactivity.count.users', n);
  const summary = report.run.report;
  const figures = summary ? reportFigures(summary, text) : null;
  const names = new Map((summary?.products ?? []).map((p) => [p.product, p.displayName]));
  const row = (p: ProductFigures, key: string) => ({
    key,
    cells: [
      { key: 'product', content: p.name },
      { key: 'checked', content: text.number(p.checked) },
      ...(figures?.columns ?? []).map(([outcome]) => ({
        key: outcome,
        content: text.number(p.byOutcome[outcome]),
      })),
      { key: 'holding', content: text.number(p.holding) },
      { key: 'seats', content: text.number(p.seatsFreed) },
    ],
  });
  return (
    <Stack space="space.150" testId="inactivity-report">
      {summary && figures ? (
        <>
          <Text>
            {text.t('inactivity.report.summary', {
              checked: users(summary.users),
              affected: users(summary.plannedActions.affectedUsers),
              removals: text.tn('inactivity.count.licenceRemovals', summary.plannedActions.removeLicence),
              suspensions: text.tn('inactivity.count.suspensions', summary.plannedActions.suspend),
            })}
          </Text>
          {summary.notTold ? <Text>{text.tn('inactivity.report.notTold', summary.notTold)}</Text> : null}
          <DynamicTable
            caption={text.t('inactivity.report.caption')}
            head={{
              cells: [
                { key: 'product', content: text.t('inactivity.report.product') },
                { key: 'checked', content: text.t('inactivity.report.checked') },
                ...figures.columns.map(([key, label]) => ({ key, content: label })),
                { key: 'holding', content: text.t('inactivity.report.holding') },
                { key: 'seats', content: text.t('inactivity.report.seatsFreed') },
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
                {text.t('inactivity.report.grants', {
                  product: p.displayName,
                  recent: users(recent),
                  unknown: users(unknown),
                })}
              </Text>
            );
          })}
        </>
      ) : (
        <Text>{text.t('inactivity.report.noReport')}</Text>
      )}
      <Heading size="small">{text.t('inactivity.report.entriesHeading')}</Heading>
      {report.entries.length === 0 ? (
        <EmptyState header={text.t('inactivity.report.noEntries')} width="narrow" />
      ) : (
        <DynamicTable
          rowsPerPage={20}
          head={{
            cells: [
              { key: 'user', content: text.t('inactivity.report.user') },
              { key: 'product', content: text.t('inactivity.report.product') },
              { key: 'outcome', content: text.t('inactivity.report.outcome') },
              { key: 'idle', content: text.t('inactivity.report.inactiveFor') },
              { key: 'when', content: text.t('inactivity.report.actsAfter') },
              { key: 'why', content: text.t('inactivity.report.why') },
            ],
          }}
          rows={report.entries.map((e) => ({
            key: `${e.accountId}:${e.product}`,
            cells: [
              { key: 'user', content: <User accountId={e.accountId} /> },
              { key: 'product', content: names.get(e.product) ?? e.product },
              { key: 'outcome', content: text.t(OUTCOME_LABEL[e.outcome]) },
              {
                key: 'idle',
                content:
                  e.inactiveDays === null
                    ? text.t('inactivity.report.neverActive')
                    : text.tn('inactivity.count.days', e.inactiveDays),
              },
              { key: 'when', content: text.when(e.actAfter, '—') },
              { key: 'why', content: saidText(text, e.message, e.words) },
            ],
          }))}
        />
      )}
    </Stack>
  );
}
