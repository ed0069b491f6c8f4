// Dry run: runs the saved policy over everyone without changing anything, then shows what it would do.
import { useEffect, useState } from 'react';
import { Button, Heading, Inline, ProgressBar, SectionMessage, Stack, Text } from '@forge/react';
import type { InactivityRunView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { formatCount, formatWhen } from '../common/format';
import { Loading } from '../common/loading';
import { OutdatedNotice } from '../common/outdated-notice';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { RunReport } from './run-report-view';
import { RunStatus, isRunFinished } from './run-status';
import { useRunWatch } from './use-run-watch';

/** What a running dry run is doing: pages of users read so far, or the final tally. */
function progressText(run: InactivityRunView): string {
  if (run.status === 'finalizing')
    return `All ${formatCount(run.progress.users, 'user')} decided; adding up the report`;
  if (run.progress.pages === 0) return 'Reading the first page of users and their activity';
  return `${formatCount(run.progress.users, 'user')} decided in ${formatCount(run.progress.pages, 'page')} so far`;
}

export function DryRunPanel() {
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
      <Heading size="medium">Dry run</Heading>
      <Text>Decides every licensed user with the saved policy and changes nothing.</Text>
      <Inline>
        <Button testId="dry-run-start" isDisabled={running || start.busy} onClick={() => void begin()}>
          Start a dry run
        </Button>
      </Inline>
      {start.error ? <ReplyErrorMessage error={start.error} action="Starting the dry run" /> : null}
      {notStarted ? (
        <SectionMessage appearance="warning" title="The dry run did not run">
          <Text>{notStarted}</Text>
        </SectionMessage>
      ) : null}
      {error ? <ReplyErrorMessage error={error} action="Watching the dry run" /> : null}
      {run && running ? (
        <Stack space="space.050">
          <Inline space="space.100" alignBlock="center">
            <RunStatus run={run} />
            <Text>{progressText(run)}</Text>
          </Inline>
          <ProgressBar ariaLabel="Dry run progress" isIndeterminate />
        </Stack>
      ) : null}
      <Heading size="small">Latest dry-run report</Heading>
      {latest.state.status === 'error' ? (
        <ReplyErrorMessage error={latest.state.error} action="Loading the report" />
      ) : null}
      {report === undefined ? (
        latest.state.status === 'loading' ? (
          <Loading what="latestDryRun" />
        ) : null
      ) : report === null ? (
        <Text>No dry run yet.</Text>
      ) : (
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center">
            <RunStatus run={report.run} />
            <Text>{`Computed ${formatWhen(report.run.finishedAt ?? report.run.startedAt)} from ${report.run.policyVersion === null ? 'a draft policy' : `the policy saved ${formatWhen(report.run.policyVersion)}`}`}</Text>
          </Inline>
          <OutdatedNotice
            reasons={report.outdated}
            what="This report"
            rerunLabel="Run a new dry run"
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
