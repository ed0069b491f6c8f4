// Health: the headline (the worst part's state), every part that needs the admin with a button to act, then each
// part's state with its last success and last failure.
import { Button, DynamicTable, Heading, Lozenge, SectionMessage, Stack, Text, Tooltip } from '@forge/react';
import type { HealthActionTab, HealthItem, HealthState, OverviewView } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';
import { useText } from '../i18n/text-provider';
import { healthMessageText, PART_LABEL, STATE_LABEL } from '../../shared/health-text';

type Appearance = 'success' | 'removed' | 'default' | 'inprogress' | 'moved' | 'new';

const STATE_APPEARANCE: Record<HealthState, Appearance> = {
  working: 'success',
  off: 'default',
  'never-run': 'new',
  degraded: 'moved',
  'not-configured': 'moved',
  'awaiting-admin': 'moved',
  stalled: 'removed',
  failing: 'removed',
};

const HEADLINE: Record<
  HealthState,
  { appearance: 'success' | 'information' | 'warning' | 'error'; title: TextKey; text: TextKey }
> = {
  working: { appearance: 'success', title: 'health.headline.working', text: 'health.headline.workingText' },
  off: { appearance: 'information', title: 'health.headline.off', text: 'health.headline.offText' },
  'never-run': {
    appearance: 'information',
    title: 'health.headline.neverRun',
    text: 'health.headline.neverRunText',
  },
  degraded: {
    appearance: 'warning',
    title: 'health.headline.degraded',
    text: 'health.headline.degradedText',
  },
  'not-configured': {
    appearance: 'warning',
    title: 'health.headline.attention',
    text: 'health.headline.attentionText',
  },
  'awaiting-admin': {
    appearance: 'warning',
    title: 'health.headline.attention',
    text: 'health.headline.attentionText',
  },
  stalled: { appearance: 'error', title: 'health.headline.stalled', text: 'health.headline.stalledText' },
  failing: { appearance: 'error', title: 'health.headline.failing', text: 'health.headline.failingText' },
};

function When({ at, now }: { at: number | null; now: number }) {
  const text = useText();
  if (at === null) return <Text>—</Text>;
  return (
    <Tooltip content={text.when(at)}>
      <Text>{text.compactWhen(at, now)}</Text>
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
  const text = useText();
  const severe = item.state === 'failing' || item.state === 'stalled';
  return (
    <SectionMessage appearance={severe ? 'error' : 'warning'} title={text.t(PART_LABEL[item.id])}>
      <Text>{healthMessageText(text, item.message)}</Text>
      {item.action && onOpenTab ? (
        <Button onClick={() => item.action && onOpenTab(item.action.tab)}>{text.t(item.action.label)}</Button>
      ) : null}
    </SectionMessage>
  );
}

export function HealthPanel({ overview, onOpenTab }: HealthPanelProps) {
  const text = useText();
  const { t } = text;
  const now = overview.generatedAt;
  const headline = HEADLINE[overview.headline];
  const rows = overview.health.map((item: HealthItem) => ({
    key: item.id,
    cells: [
      { key: 'label', content: t(PART_LABEL[item.id]) },
      {
        key: 'status',
        content: <Lozenge appearance={STATE_APPEARANCE[item.state]}>{t(STATE_LABEL[item.state])}</Lozenge>,
      },
      { key: 'message', content: healthMessageText(text, item.message) },
      { key: 'ok', content: <When at={item.lastSuccessAt} now={now} /> },
      {
        key: 'failed',
        content:
          item.lastFailureAt === null ? (
            <Text>—</Text>
          ) : (
            <Tooltip
              content={t('health.failureTooltip', {
                when: text.when(item.lastFailureAt),
                message: item.lastFailureMessage ?? '',
              })}
            >
              <Text>{text.compactWhen(item.lastFailureAt, now)}</Text>
            </Tooltip>
          ),
      },
    ],
  }));
  return (
    <Stack space="space.150">
      <Heading size="medium">{t('health.heading')}</Heading>
      <SectionMessage appearance={headline.appearance} title={t(headline.title)}>
        <Text>{t(headline.text)}</Text>
      </SectionMessage>
      {overview.attention.map((item) => (
        <AttentionMessage key={item.id} item={item} onOpenTab={onOpenTab} />
      ))}
      <DynamicTable
        caption={t('health.table.caption')}
        head={{
          cells: [
            { key: 'label', content: t('health.table.part') },
            { key: 'status', content: t('health.table.state') },
            { key: 'message', content: t('health.table.details') },
            { key: 'ok', content: t('health.table.lastSuccess') },
            { key: 'failed', content: t('health.table.lastFailure') },
          ],
        }}
        rows={rows}
      />
    </Stack>
  );
}
