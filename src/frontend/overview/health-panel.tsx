// Health: every problem as a message saying what to do, then the state of each part at a glance.
import { DynamicTable, Heading, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { HealthItem, OverviewView } from '../../shared/contract';
import { formatWhen } from '../common/format';

const STATUS = {
  ok: { appearance: 'success', label: 'working' },
  problem: { appearance: 'removed', label: 'problem' },
  unknown: { appearance: 'default', label: 'no data yet' },
  off: { appearance: 'default', label: 'off' },
} as const;

function lastSweepText(sweep: OverviewView['lastSweep']): string {
  if (!sweep) return 'No inactivity run yet.';
  const mode = sweep.mode === 'dry-run' ? 'dry run' : 'run';
  const ended = sweep.finishedAt ? `, finished ${formatWhen(sweep.finishedAt)}` : '';
  const why = sweep.stopReason ? ` — ${sweep.stopReason}` : '';
  return `Last inactivity ${mode} started ${formatWhen(sweep.startedAt)}: ${sweep.status}${ended}${why}`;
}

export function HealthPanel({ overview }: { overview: OverviewView }) {
  const problems = overview.health.filter((h) => h.status === 'problem');
  const rows = overview.health.map((item: HealthItem) => ({
    key: item.id,
    cells: [
      { key: 'label', content: item.label },
      {
        key: 'status',
        content: <Lozenge appearance={STATUS[item.status].appearance}>{STATUS[item.status].label}</Lozenge>,
      },
      { key: 'message', content: item.message },
      { key: 'at', content: formatWhen(item.at, '—') },
    ],
  }));
  return (
    <Stack space="space.150">
      <Heading size="medium">Health</Heading>
      {problems.length === 0 ? (
        <SectionMessage appearance="success" title="Everything is working">
          <Text>Attribute sources, the group write path and the scheduled checks report no problems.</Text>
        </SectionMessage>
      ) : (
        problems.map((p) => (
          <SectionMessage key={p.id} appearance="error" title={p.label}>
            <Text>{p.message}</Text>
          </SectionMessage>
        ))
      )}
      <DynamicTable
        caption="Status of each part"
        head={{
          cells: [
            { key: 'label', content: 'Part' },
            { key: 'status', content: 'Status' },
            { key: 'message', content: 'Details' },
            { key: 'at', content: 'Last checked' },
          ],
        }}
        rows={rows}
      />
      <Text>Last backstop scan: {formatWhen(overview.lastBackstopAt)}</Text>
      <Text>{lastSweepText(overview.lastSweep)}</Text>
    </Stack>
  );
}
