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
import { useText } from '../i18n/text-provider';

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
  const text = useText();
  // Cursors of the pages before the current one, so "Previous page" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const base = { jobId: job.id, grantKey: choice.grantKey, change: choice.change };
  const page = useResolver('jobs.affected', { ...base, ...(cursor ? { cursor } : {}) });
  const view = page.state.value;
  const gain = choice.change === 'gain';

  return (
    <Stack space="space.100" testId="affected-users">
      <Inline space="space.100" alignBlock="center" spread="space-between">
        <Heading size="xsmall" as="h4">
          {view
            ? text.tn(
                gain ? 'rules.affected.allWhoWouldGain' : 'rules.affected.allWhoWouldLose',
                view.count,
                {
                  grant: view.grantName,
                },
              )
            : text.t(gain ? 'rules.affected.whoWouldGain' : 'rules.affected.whoWouldLose')}
        </Heading>
        <Button appearance="subtle" onClick={onClose}>
          {text.t('rules.affected.close')}
        </Button>
      </Inline>
      <OutdatedNotice
        reasons={view?.outdated ?? job.outdated}
        what={text.t('rules.affected.thisList')}
        rerunLabel={text.t('rules.impact.previewAgain')}
        busy={busy}
        onRerun={onRerun}
      />
      {page.state.status === 'error' ? (
        <ReplyErrorMessage
          error={page.state.error}
          action={text.t('rules.affected.listingAction')}
          onRetry={page.reload}
        />
      ) : null}
      {view === undefined ? (
        page.state.status === 'loading' ? (
          <Loading what="users" />
        ) : null
      ) : (
        <DynamicTable
          caption={text.t(gain ? 'rules.affected.captionGain' : 'rules.affected.captionLose', {
            grant: view.grantName,
          })}
          head={{ cells: [{ key: 'name', content: text.t('rules.affected.columnUser') }] }}
          rows={view.users.map((user) => ({
            key: user.accountId,
            cells: [
              {
                key: 'name',
                content: (
                  <Tooltip content={text.t('rules.affected.accountId', { id: user.accountId })}>
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
          {text.t('rules.affected.previousPage')}
        </Button>
        <Text>{text.t('rules.affected.page', { page: cursors.length + 1 })}</Text>
        <Button
          testId="affected-next"
          isDisabled={!view?.nextCursor || page.state.status === 'loading'}
          onClick={() => {
            const next = view?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          {text.t('rules.affected.nextPage')}
        </Button>
      </Inline>
      <CsvExport
        testId="affected-export"
        csvTestId="affected-csv"
        label={text.t('rules.affected.export')}
        tooLong={text.t('rules.affected.exportTooLong')}
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
