// A campaign's report as CSV for the auditor (every item, decision, decider, time, reason and outcome), through the
// page's one CSV export (fetched in chunks, shown ready to copy).
import { callResolver } from '../api/call-resolver';
import { CsvExport } from '../common/csv-export';
import { useText } from '../i18n/text-provider';

export function ReportExport({ campaignId }: { campaignId: string }) {
  const text = useText();
  return (
    <CsvExport
      loadChunk={(cursor) => callResolver('reviews.exportCsv', { campaignId, ...(cursor ? { cursor } : {}) })}
      label={text.t('reviews.report.exportButton')}
      tooLong={text.t('reviews.report.exportTooLong', { items: 100000 })}
      testId="campaign-export"
      csvTestId="campaign-csv"
    />
  );
}
