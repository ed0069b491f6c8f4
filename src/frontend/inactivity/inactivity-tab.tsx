// Inactivity: the policy and exclusions, a dry run and its report, the review queue, and past runs.
import { useState } from 'react';
import { Stack } from '@forge/react';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { DryRunPanel } from './dry-run-panel';
import { ExclusionsEditor } from './exclusions-editor';
import { PolicyForm } from './policy-form';
import { ReviewQueue } from './review-queue';
import { RunsTable } from './runs-table';

export function InactivityTab() {
  const text = useText();
  const policy = useResolver('inactivity.policy.get', {});
  const [runsKey, setRunsKey] = useState(0);
  if (policy.state.value === undefined) {
    if (policy.state.status === 'error')
      return (
        <ReplyErrorMessage
          error={policy.state.error}
          action={text.t('inactivity.tab.loadingPolicy')}
          onRetry={policy.reload}
        />
      );
    return <Loading what="inactivityPolicy" />;
  }
  const view = policy.state.value;
  return (
    <Stack space="space.400">
      <PolicyForm view={view} onSaved={policy.set} />
      <ExclusionsEditor view={view} onSaved={policy.set} />
      <DryRunPanel />
      <ReviewQueue onAnswered={() => setRunsKey((k) => k + 1)} />
      <RunsTable refreshKey={runsKey} />
    </Stack>
  );
}
