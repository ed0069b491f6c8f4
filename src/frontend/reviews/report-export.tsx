// A campaign's report as CSV for the auditor (every item, decision, decider, time, reason and outcome), fetched
// in chunks and shown ready to copy: UI Kit cannot download files.
import { useState } from 'react';
import { Button, CodeBlock, Stack, Text } from '@forge/react';
import type { ReplyError } from '../../shared/contract';
import { callResolver } from '../api/call-resolver';
import { formatCount } from '../common/format';
import { ReplyErrorMessage } from '../common/reply-error-message';

const MAX_CHUNKS = 50;

export function ReportExport({ campaignId }: { campaignId: string }) {
  const [busy, setBusy] = useState(false);
  const [csv, setCsv] = useState<{ text: string; rows: number } | null>(null);
  const [error, setError] = useState<ReplyError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    let text = '';
    let rows = 0;
    let cursor: string | undefined;
    for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
      const reply = await callResolver('reviews.exportCsv', { campaignId, ...(cursor ? { cursor } : {}) });
      if (!reply.ok) {
        setError(reply.error);
        setBusy(false);
        return;
      }
      text += reply.value.csv;
      rows += reply.value.rows;
      cursor = reply.value.cursor;
      if (!cursor) break;
    }
    setCsv({ text, rows });
    setBusy(false);
  };
  return (
    <Stack space="space.100">
      <Button testId="campaign-export" isDisabled={busy} onClick={() => void run()}>
        {busy ? 'Exporting…' : 'Export the report as CSV'}
      </Button>
      {error ? <ReplyErrorMessage error={error} action="Exporting the report" /> : null}
      {csv ? (
        <Stack space="space.050">
          <Text>{`${formatCount(csv.rows, 'item')}. Copy this text into a file ending in .csv.`}</Text>
          <CodeBlock language="text" showLineNumbers={false} text={csv.text} testId="campaign-csv" />
        </Stack>
      ) : null}
    </Stack>
  );
}
