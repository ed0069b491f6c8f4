// Overview: is everything working (and what to do if not), what is queued or failed, and what the app achieved.
import { Button, Inline, Stack, Text } from '@forge/react';
import type { HealthActionTab } from '../../shared/contract';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { HealthPanel } from './health-panel';
import { OverviewCharts } from './overview-charts';
import { QueuePanel } from './queue-panel';
import { useText } from '../i18n/text-provider';

export function OverviewTab({ onOpenTab }: { onOpenTab?: (tab: HealthActionTab) => void }) {
  const text = useText();
  const { t } = text;
  const { state, reload } = useResolver('overview.get', { weeks: 12 });
  if (state.value === undefined) {
    if (state.status === 'error')
      return <ReplyErrorMessage error={state.error} action={t('overview.loadingAction')} onRetry={reload} />;
    return <Loading what="overview" />;
  }
  const overview = state.value;
  return (
    <Stack space="space.300">
      <Inline space="space.100" alignBlock="center">
        <Text>{t('overview.asOf', { when: text.when(overview.generatedAt) })}</Text>
        <Button appearance="subtle" onClick={reload} isDisabled={state.status === 'loading'}>
          {t('overview.refresh')}
        </Button>
      </Inline>
      {state.status === 'error' ? (
        <ReplyErrorMessage error={state.error} action={t('overview.refreshingAction')} />
      ) : null}
      <HealthPanel overview={overview} onOpenTab={onOpenTab} />
      <QueuePanel queue={overview.queue} />
      <OverviewCharts overview={overview} />
    </Stack>
  );
}
