// A campaign's report as CSV for the auditor (every item, decision, decider, time, reason and outcome), through the
// page's one CSV export (fetched in chunks, shown ready to copy).
import { callResolver } from '../api/call-resolver';
import { CsvExport } from '../common/csv-export';

export function ReportExport({ campaignId }: { campaignId: string }) {
  return (
    <CsvExport
      loadChunk={(cursor) => callResolver('reviews.exportCsv', { campaignId, ...(cursor ? { cursor } : {}) })}
      label="Export the report as CSV"
      tooLong="The report is longer than one export carries (about 100,000 items): what is shown is its beginning."
      testId="campaign-export"
      csvTestId="campaign-csv"
    />
  );
}
