// "Show all": everyone a preview would give or take one grant, a page at a time by name, and as CSV to copy.
import { useState } from 'react';
import { Button, DynamicTable, Heading, Inline, Stack, Text, Tooltip } from '@forge/react';
import type { JobProgress } from '../../shared/contract';
import { callResolver } from '../api/call-resolver';
import { useResolver } from '../api/use-resolver';
import { CsvExport } from '../common/csv-export';
import { Loading } from '../common/loading';
import { OutdatedNotice } from '../common/outdated-notice';
import { ReplyErrorMessage } from '../common/reply-error-message';

export interface AffectedChoice {
  grantKey: string;
  change: 'gain' | 'loss';
}

export function AffectedUsers({
  job,
  choice,
  onClose,
  onRerun,
  busy,
}: {
  job: JobProgress;
  choice: AffectedChoice;
  onClose: () => void;
  onRerun: () => void;
  busy: boolean;
}) {
  // Cursors of the pages before the current one, so "Previous page" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const base = { jobId: job.id, grantKey: choice.grantKey, change: choice.change };
  const page = useResolver('jobs.affected', { ...base, ...(cursor ? { cursor } : {}) });
  const view = page.state.value;
  const verb = choice.change === 'gain' ? 'gain' : 'lose';

  return (
    <Stack space="space.100" testId="affected-users">
      <Inline space="space.100" alignBlock="center" spread="space-between">
        <Heading size="xsmall" as="h4">
          {view ? `All ${String(view.count)} who would ${verb} ${view.grantName}` : `Who would ${verb} it`}
        </Heading>
        <Button appearance="subtle" onClick={onClose}>
          Close the list
        </Button>
      </Inline>
      <OutdatedNotice
        reasons={view?.outdated ?? job.outdated}
        what="This list"
        rerunLabel="Preview again"
        busy={busy}
        onRerun={onRerun}
      />
      {page.state.status === 'error' ? (
        <ReplyErrorMessage error={page.state.error} action="Listing the users" onRetry={page.reload} />
      ) : null}
      {view === undefined ? (
        page.state.status === 'loading' ? (
          <Loading what="users" />
        ) : null
      ) : (
        <DynamicTable
          caption={`Users who would ${verb} ${view.grantName}`}
          head={{ cells: [{ key: 'name', content: 'User' }] }}
          rows={view.users.map((user) => ({
            key: user.accountId,
            cells: [
              {
                key: 'name',
                content: (
                  <Tooltip content={`Account id ${user.accountId}`}>
                    <Text>{user.displayName}</Text>
                  </Tooltip>
                ),
              },
            ],
          }))}
        />
      )}
      <Inline space="space.100" alignBlock="center">
        <Button isDisabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </Button>
        <Text>{`Page ${String(cursors.length + 1)}`}</Text>
        <Button
          testId="affected-next"
          isDisabled={!view?.nextCursor || page.state.status === 'loading'}
          onClick={() => {
            const next = view?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Next page
        </Button>
      </Inline>
      <CsvExport
        testId="affected-export"
        csvTestId="affected-csv"
        label="Export them all as CSV"
        tooLong="The list is too long for one export; the CSV holds its first part only."
        loadChunk={async (from) => {
          const reply = await callResolver('jobs.affected', { ...base, ...(from ? { cursor: from } : {}) });
          return reply.ok
            ? {
                ok: true,
                value: {
                  csv: reply.value.csv,
                  rows: reply.value.users.length,
                  ...(reply.value.nextCursor ? { cursor: reply.value.nextCursor } : {}),
                },
              }
            : reply;
        }}
      />
    </Stack>
  );
}
