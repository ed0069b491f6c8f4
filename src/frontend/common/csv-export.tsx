// CSV export shown for copying (the audit log, a preview's affected users). A UI Kit page cannot hand the browser
// a file (no download link or file API reaches it, and a public web trigger would serve the data to anyone holding
// its URL), so the page fetches the CSV in chunks and shows it ready to copy, and says why.
import { useState } from 'react';
import { Button, CodeBlock, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { Reply, ReplyError } from '../../shared/contract';
import { useText } from '../i18n/text-provider';
import { ReplyErrorMessage } from './reply-error-message';

/** Stops after this many chunks so a huge export cannot keep the page busy; the admin narrows it instead. */
export const MAX_CSV_CHUNKS = 50;

/** One chunk of CSV and where the next starts (none when this was the last). */
export interface CsvChunk {
  csv: string;
  rows: number;
  cursor?: string;
}

interface Export {
  csv: string;
  rows: number;
  complete: boolean;
}

export function CsvExport({
  loadChunk,
  label,
  tooLong,
  testId,
  csvTestId,
}: {
  loadChunk: (cursor: string | undefined) => Promise<Reply<CsvChunk>>;
  /** The button's words ("Export the filtered log as CSV"). */
  label: string;
  /** What to do when the export stops at MAX_CSV_CHUNKS. */
  tooLong: string;
  /** On the button. */
  testId: string;
  /** On the text to copy. */
  csvTestId: string;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Export | null>(null);
  const [error, setError] = useState<ReplyError | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    let csv = '';
    let rows = 0;
    let cursor: string | undefined;
    for (let chunk = 0; chunk < MAX_CSV_CHUNKS; chunk++) {
      const reply = await loadChunk(cursor);
      if (!reply.ok) {
        setError(reply.error);
        setBusy(false);
        return;
      }
      csv += reply.value.csv;
      rows += reply.value.rows;
      cursor = reply.value.cursor;
      if (!cursor) break;
    }
    setResult({ csv, rows, complete: cursor === undefined });
    setBusy(false);
  };

  const { t, tn } = useText();
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Button testId={testId} isDisabled={busy} onClick={() => void run()}>
          {busy ? t('common.csv.exporting') : label}
        </Button>
        {result ? <Text>{tn('common.csv.rows', result.rows)}</Text> : null}
      </Inline>
      {error ? <ReplyErrorMessage error={error} action={t('common.csv.exportAction')} /> : null}
      {result && !result.complete ? (
        <SectionMessage appearance="warning" title={t('common.csv.cutShort')}>
          <Text>{tooLong}</Text>
        </SectionMessage>
      ) : null}
      {result ? (
        <Stack space="space.050">
          <Text>{t('common.csv.copyHint')}</Text>
          <CodeBlock language="text" showLineNumbers={false} text={result.csv} testId={csvTestId} />
        </Stack>
      ) : null}
    </Stack>
  );
}
