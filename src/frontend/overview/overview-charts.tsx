// What the app achieved, as charts: seats reclaimed per product and over time, users provisioned per week,
// and how long licensed users have been inactive.
import type { ReactElement } from 'react';
import {
  BarChart,
  Box,
  DonutChart,
  EmptyState,
  Heading,
  Inline,
  LineChart,
  Stack,
  Text,
  xcss,
} from '@forge/react';
import type { ChartRow, OverviewView } from '../../shared/resolver-contract';

const half = xcss({ width: '48%', minWidth: '320px' });

function ChartOrEmpty({
  rows,
  empty,
  children,
}: {
  rows: ChartRow[];
  empty: string;
  children: ReactElement;
}) {
  if (rows.length === 0 || rows.every((r) => r.y === 0)) return <EmptyState header={empty} width="narrow" />;
  return children;
}

export function OverviewCharts({ overview }: { overview: OverviewView }) {
  return (
    <Stack space="space.200">
      <Heading size="medium">Results</Heading>
      <Inline space="space.200" shouldWrap>
        <Box xcss={half}>
          <ChartOrEmpty rows={overview.seatsReclaimedByProduct} empty="No seats reclaimed yet">
            <DonutChart
              title="Seats reclaimed per product"
              data={overview.seatsReclaimedByProduct}
              valueAccessor="y"
              labelAccessor="x"
              colorAccessor="x"
              height={280}
            />
          </ChartOrEmpty>
        </Box>
        <Box xcss={half}>
          <ChartOrEmpty rows={overview.seatsReclaimedOverTime} empty="No seats reclaimed in these weeks">
            <LineChart
              title="Seats reclaimed per week"
              data={overview.seatsReclaimedOverTime}
              xAccessor="x"
              yAccessor="y"
              colorAccessor="colour"
              height={280}
            />
          </ChartOrEmpty>
        </Box>
        <Box xcss={half}>
          <ChartOrEmpty rows={overview.usersProvisionedPerWeek} empty="Nobody provisioned in these weeks">
            <BarChart
              title="Users provisioned per week"
              data={overview.usersProvisionedPerWeek}
              xAccessor="x"
              yAccessor="y"
              height={280}
            />
          </ChartOrEmpty>
        </Box>
        <Box xcss={half}>
          <ChartOrEmpty rows={overview.inactiveHistogram} empty="No inactivity run has finished yet">
            <BarChart
              title="Licensed users by days inactive"
              subtitle={overview.histogramRunId ? `From run ${overview.histogramRunId}` : undefined}
              data={overview.inactiveHistogram}
              xAccessor="x"
              yAccessor="y"
              colorAccessor="colour"
              height={280}
            />
          </ChartOrEmpty>
        </Box>
      </Inline>
      {overview.notes.map((note) => (
        <Text key={note}>{note}</Text>
      ))}
    </Stack>
  );
}
