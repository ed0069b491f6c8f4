// What the app achieved, as charts: seats reclaimed per product and over time, users provisioned per week,
// and how long licensed users have been inactive.
import type { ReactElement } from 'react';
import { BarChart, Box, DonutChart, Heading, Inline, LineChart, Stack, Text, xcss } from '@forge/react';
import type { ChartRow, OverviewNote, OverviewView } from '../../shared/contract';
import type { Text as Words } from '../../shared/i18n/text';
import { runStartOf } from '../../shared/run-names';
import { useText } from '../i18n/text-provider';
import { withWeekLabels } from './chart-labels';

const half = xcss({ width: '48%', minWidth: '320px' });
// A drawn chart takes the whole row: twelve weekly date labels need the width to stay apart.
const whole = xcss({ width: '100%' });

interface ChartSlotProps {
  title: string;
  rows: ChartRow[];
  empty: string;
  children: ReactElement;
}

/** A chart, or while there is nothing to draw its title and why, so the layout and meaning stay put. */
function ChartSlot({ title, rows, empty, children }: ChartSlotProps) {
  const drawable = rows.some((r) => r.y > 0);
  return (
    <Box xcss={drawable ? whole : half}>
      {drawable ? (
        children
      ) : (
        <Stack space="space.100">
          <Heading size="xsmall" as="h4">
            {title}
          </Heading>
          <Text>{empty}</Text>
        </Stack>
      )}
    </Box>
  );
}

function noteText(text: Words, note: OverviewNote): string {
  switch (note.kind) {
    case 'failed-list-capped':
      return text.tn('overview.notes.failedListCapped', note.shown);
    case 'parked-at-least':
      return text.tn('overview.notes.parkedAtLeast', note.count);
    case 'audit-capped':
      return text.tn('overview.notes.auditCapped', note.counted, { action: note.action });
  }
}

export function OverviewCharts({ overview }: { overview: OverviewView }) {
  const text = useText();
  const { t } = text;
  const histogramRun = overview.histogramRunId ? runStartOf(overview.histogramRunId) : null;
  const fromDryRun = overview.histogramRunId?.endsWith('-dry') === true;
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('overview.charts.heading')}</Heading>
      <Inline space="space.200" shouldWrap>
        <ChartSlot
          title={t('overview.charts.seatsByProduct')}
          rows={overview.seatsReclaimedByProduct}
          empty={t('overview.charts.noSeatsYet')}
        >
          <DonutChart
            title={t('overview.charts.seatsByProduct')}
            data={overview.seatsReclaimedByProduct}
            valueAccessor="y"
            labelAccessor="x"
            colorAccessor="x"
            height={280}
          />
        </ChartSlot>
        <ChartSlot
          title={t('overview.charts.seatsPerWeek')}
          rows={overview.seatsReclaimedOverTime}
          empty={t('overview.charts.noSeatsInWeeks')}
        >
          <LineChart
            title={t('overview.charts.seatsPerWeek')}
            data={withWeekLabels(overview.seatsReclaimedOverTime, text.locale)}
            xAccessor="x"
            yAccessor="y"
            colorAccessor="colour"
            height={280}
          />
        </ChartSlot>
        <ChartSlot
          title={t('overview.charts.provisionedPerWeek')}
          rows={overview.usersProvisionedPerWeek}
          empty={t('overview.charts.nobodyProvisioned')}
        >
          <BarChart
            title={t('overview.charts.provisionedPerWeek')}
            data={withWeekLabels(overview.usersProvisionedPerWeek, text.locale)}
            xAccessor="x"
            yAccessor="y"
            height={280}
          />
        </ChartSlot>
        <ChartSlot
          title={t('overview.charts.inactiveHistogram')}
          rows={overview.inactiveHistogram}
          empty={t('overview.charts.noRunYet')}
        >
          <BarChart
            title={t('overview.charts.inactiveHistogram')}
            subtitle={
              histogramRun === null
                ? undefined
                : t(fromDryRun ? 'overview.charts.fromDryRun' : 'overview.charts.fromRun', {
                    when: text.when(histogramRun),
                  })
            }
            data={overview.inactiveHistogram}
            xAccessor="x"
            yAccessor="y"
            colorAccessor="colour"
            height={280}
          />
        </ChartSlot>
      </Inline>
      {overview.notes.map((note) => (
        <Text key={note.kind}>{noteText(text, note)}</Text>
      ))}
    </Stack>
  );
}
