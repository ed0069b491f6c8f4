// Health: the headline (the worst part's state), every part that needs the admin with a button to act, then each
// part's state with its last success and last failure.
import { Button, DynamicTable, Heading, Lozenge, SectionMessage, Stack, Text, Tooltip } from '@forge/react';
import type { HealthActionTab, HealthItem, HealthState, OverviewView } from '../../shared/contract';
import { formatCompactWhen, formatWhen } from '../common/format';

type Appearance = 'success' | 'removed' | 'default' | 'inprogress' | 'moved' | 'new';

const STATE_LOZENGE: Record<HealthState, { appearance: Appearance; label: string }> = {
  working: { appearance: 'success', label: 'working' },
  off: { appearance: 'default', label: 'off' },
  'never-run': { appearance: 'new', label: 'never run' },
  degraded: { appearance: 'moved', label: 'degraded' },
  'not-configured': { appearance: 'moved', label: 'not configured' },
  'awaiting-admin': { appearance: 'moved', label: 'waiting for you' },
  stalled: { appearance: 'removed', label: 'stalled' },
  failing: { appearance: 'removed', label: 'failing' },
};

const HEADLINE: Record<
  HealthState,
  { appearance: 'success' | 'information' | 'warning' | 'error'; title: string; text: string }
> = {
  working: {
    appearance: 'success',
    title: 'Everything is working',
    text: 'Every part that is switched on has worked recently.',
  },
  off: {
    appearance: 'information',
    title: 'Everything is switched off',
    text: 'Switch on the parts you need in Settings.',
  },
  'never-run': {
    appearance: 'information',
    title: 'Not everything has run yet',
    text: 'Nothing needs you, but some parts have not run yet, so the app cannot tell whether they work.',
  },
  degraded: {
    appearance: 'warning',
    title: 'Working, with problems',
    text: 'Some work failed; the parts below say what and what to do.',
  },
  'not-configured': {
    appearance: 'warning',
    title: 'Needs your attention',
    text: 'Something only an admin can do is waiting: see below.',
  },
  'awaiting-admin': {
    appearance: 'warning',
    title: 'Needs your attention',
    text: 'Something only an admin can do is waiting: see below.',
  },
  stalled: {
    appearance: 'error',
    title: 'Something has stopped',
    text: 'A scheduled job has not completed when it should have: see below.',
  },
  failing: {
    appearance: 'error',
    title: 'Something is failing',
    text: 'See below for what failed and what to do.',
  },
};

function When({ at, now }: { at: number | null; now: number }) {
  if (at === null) return <Text>—</Text>;
  return (
    <Tooltip content={formatWhen(at)}>
      <Text>{formatCompactWhen(at, now)}</Text>
    </Tooltip>
  );
}

export interface HealthPanelProps {
  overview: OverviewView;
  /** Opens another tab of the page: where the admin acts on a part. */
  onOpenTab?: (tab: HealthActionTab) => void;
}

function AttentionMessage({
  item,
  onOpenTab,
}: {
  item: HealthItem;
  onOpenTab?: HealthPanelProps['onOpenTab'];
}) {
  const severe = item.state === 'failing' || item.state === 'stalled';
  return (
    <SectionMessage appearance={severe ? 'error' : 'warning'} title={item.label}>
      <Text>{item.message}</Text>
      {item.action && onOpenTab ? (
        <Button onClick={() => item.action && onOpenTab(item.action.tab)}>{item.action.label}</Button>
      ) : null}
    </SectionMessage>
  );
}

export function HealthPanel({ overview, onOpenTab }: HealthPanelProps) {
  const now = overview.generatedAt;
  const headline = HEADLINE[overview.headline];
  const rows = overview.health.map((item: HealthItem) => ({
    key: item.id,
    cells: [
      { key: 'label', content: item.label },
      {
        key: 'status',
        content: (
          <Lozenge appearance={STATE_LOZENGE[item.state].appearance}>
            {STATE_LOZENGE[item.state].label}
          </Lozenge>
        ),
      },
      { key: 'message', content: item.message },
      { key: 'ok', content: <When at={item.lastSuccessAt} now={now} /> },
      {
        key: 'failed',
        content:
          item.lastFailureAt === null ? (
            <Text>—</Text>
          ) : (
            <Tooltip content={`${formatWhen(item.lastFailureAt)}: ${item.lastFailureMessage ?? ''}`}>
              <Text>{formatCompactWhen(item.lastFailureAt, now)}</Text>
            </Tooltip>
          ),
      },
    ],
  }));
  return (
    <Stack space="space.150">
      <Heading size="medium">Health</Heading>
      <SectionMessage appearance={headline.appearance} title={headline.title}>
        <Text>{headline.text}</Text>
      </SectionMessage>
      {overview.attention.map((item) => (
        <AttentionMessage key={item.id} item={item} onOpenTab={onOpenTab} />
      ))}
      <DynamicTable
        caption="Each part"
        head={{
          cells: [
            { key: 'label', content: 'Part' },
            { key: 'status', content: 'State' },
            { key: 'message', content: 'Details' },
            { key: 'ok', content: 'Last success' },
            { key: 'failed', content: 'Last failure' },
          ],
        }}
        rows={rows}
      />
    </Stack>
  );
}
