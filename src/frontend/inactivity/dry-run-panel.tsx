// Dry run: runs the saved policy over everyone without changing anything, then shows what it would do.
import { useEffect, useState } from 'react';
import { Button, Heading, Inline, ProgressBar, SectionMessage, Stack, Text } from '@forge/react';
import type { InactivityRunView } from '../../shared/contract';
import type { Text as Words } from '../../shared/i18n/text';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { OutdatedNotice } from '../common/outdated-notice';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { RunReport } from './run-report-view';
import { RunStatus, isRunFinished } from './run-status';
import { useRunWatch } from './use-run-watch';

/** What a running dry run is doing: pages of users read so far, or the final tally. */
function progressText(run: InactivityRunView, text: Words): string {
  if (run.status === 'finalizing') return text.tn('inactivity.dryRun.finalizing', run.progress.users);
  if (run.progress.pages === 0) return text.t('inactivity.dryRun.firstPage');
  return text.tn('inactivity.dryRun.soFar', run.progress.users, { pages: run.progress.pages });
}

/** When the report was computed, and from which policy. */
function computedText(run: InactivityRunView, text: Words): string {
  const when = text.when(run.finishedAt ?? run.startedAt);
  return run.policyVersion === null
    ? text.t('inactivity.dryRun.computedFromDraft', { when })
    : text.t('inactivity.dryRun.computedFromSaved', { when, savedWhen: text.when(run.policyVersion) });
}

export function DryRunPanel() {
  const text = useText();
  const start = useAction('inactivity.dryRun.start');
  const latest = useResolver('inactivity.runs.report', { limit: 100 });
  const [runId, setRunId] = useState<string | null>(null);
  const [notStarted, setNotStarted] = useState<string | null>(null);
  const { run, error } = useRunWatch(runId);
  const running = run !== null && !isRunFinished(run);
  const finishedId = run && isRunFinished(run) ? run.id : null;
  const reloadReport = latest.reload;
  useEffect(() => {
    // A finished dry run is now the latest one: show its report.
    if (finishedId) reloadReport();
  }, [finishedId, reloadReport]);

  const begin = async () => {
    setNotStarted(null);
    const reply = await start.run({});
    if (!reply.ok) return;
    const started = reply.value;
    if (started.status === 'not-started') setNotStarted(started.reason);
    else setRunId(started.runId);
    if (started.status === 'stopped') setNotStarted(started.reason);
  };

  const report = latest.state.value;
  return (
    <Stack space="space.150" testId="inactivity-dry-run">
      <Heading size="medium">{text.t('inactivity.dryRun.heading')}</Heading>
      <Text>{text.t('inactivity.dryRun.intro')}</Text>
      <Inline>
        <Button testId="dry-run-start" isDisabled={running || start.busy} onClick={() => void begin()}>
          {text.t('inactivity.dryRun.start')}
        </Button>
      </Inline>
      {start.error ? (
        <ReplyErrorMessage error={start.error} action={text.t('inactivity.dryRun.startingAction')} />
      ) : null}
      {notStarted ? (
        <SectionMessage appearance="warning" title={text.t('inactivity.dryRun.notRunTitle')}>
          <Text>{notStarted}</Text>
        </SectionMessage>
      ) : null}
      {error ? <ReplyErrorMessage error={error} action={text.t('inactivity.dryRun.watchingAction')} /> : null}
      {run && running ? (
        <Stack space="space.050">
          <Inline space="space.100" alignBlock="center">
            <RunStatus run={run} />
            <Text>{progressText(run, text)}</Text>
          </Inline>
          <ProgressBar ariaLabel={text.t('inactivity.dryRun.progressLabel')} isIndeterminate />
        </Stack>
      ) : null}
      <Heading size="small">{text.t('inactivity.dryRun.latestHeading')}</Heading>
      {latest.state.status === 'error' ? (
        <ReplyErrorMessage
          error={latest.state.error}
          action={text.t('inactivity.dryRun.loadingReportAction')}
        />
      ) : null}
      {report === undefined ? (
        latest.state.status === 'loading' ? (
          <Loading what="latestDryRun" />
        ) : null
      ) : report === null ? (
        <Text>{text.t('inactivity.dryRun.none')}</Text>
      ) : (
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center">
            <RunStatus run={report.run} />
            <Text>{computedText(report.run, text)}</Text>
          </Inline>
          <OutdatedNotice
            reasons={report.outdated}
            what={text.t('inactivity.dryRun.outdatedWhat')}
            rerunLabel={text.t('inactivity.dryRun.rerun')}
            busy={running || start.busy}
            onRerun={() => void begin()}
          />
          {report.run.stopReason ? <Text>{report.run.stopReason}</Text> : null}
          <RunReport report={report} />
        </Stack>
      )}
    </Stack>
  );
}
