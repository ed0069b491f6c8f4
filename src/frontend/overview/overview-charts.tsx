// What the app achieved, as charts: seats reclaimed per product and over time, users provisioned per week,
// and how long licensed users have been inactive.
import type { ReactElement } from 'react';
import { BarChart, Box, DonutChart, Heading, Inline, LineChart, Stack, Text, xcss } from '@forge/react';
import type { ChartRow, OverviewView } from '../../shared/contract';
import { runName } from '../../shared/run-names';
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

export function OverviewCharts({ overview }: { overview: OverviewView }) {
  return (
    <Stack space="space.200">
      <Heading size="medium">Results</Heading>
      <Inline space="space.200" shouldWrap>
        <ChartSlot
          title="Seats reclaimed per product"
          rows={overview.seatsReclaimedByProduct}
          empty="No seats reclaimed yet."
        >
          <DonutChart
            title="Seats reclaimed per product"
            data={overview.seatsReclaimedByProduct}
            valueAccessor="y"
            labelAccessor="x"
            colorAccessor="x"
            height={280}
          />
        </ChartSlot>
        <ChartSlot
          title="Seats reclaimed per week"
          rows={overview.seatsReclaimedOverTime}
          empty="No seats reclaimed in these weeks."
        >
          <LineChart
            title="Seats reclaimed per week"
            data={withWeekLabels(overview.seatsReclaimedOverTime)}
            xAccessor="x"
            yAccessor="y"
            colorAccessor="colour"
            height={280}
          />
        </ChartSlot>
        <ChartSlot
          title="Users provisioned per week"
          rows={overview.usersProvisionedPerWeek}
          empty="Nobody provisioned in these weeks."
        >
          <BarChart
            title="Users provisioned per week"
            data={withWeekLabels(overview.usersProvisionedPerWeek)}
            xAccessor="x"
            yAccessor="y"
            height={280}
          />
        </ChartSlot>
        <ChartSlot
          title="Licensed users by days inactive"
          rows={overview.inactiveHistogram}
          empty="No inactivity run has finished yet."
        >
          <BarChart
            title="Licensed users by days inactive"
            subtitle={overview.histogramRunId ? `From ${runName(overview.histogramRunId)}` : undefined}
            data={overview.inactiveHistogram}
            xAccessor="x"
            yAccessor="y"
            colorAccessor="colour"
            height={280}
          />
        </ChartSlot>
      </Inline>
      {overview.notes.map((note) => (
        <Text key={note}>{note}</Text>
      ))}
    </Stack>
  );
}
