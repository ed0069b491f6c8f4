// Every five minutes: catch users whose events were missed or late (see the service for why audit records).
import { reviveStalledPages } from '../../services/jobs/backfill';
import { runBackstopScan } from '../../services/provisioning/backstop-scan';
import { runtimeDeps } from '../runtime';

export async function backstopScan(
  _event: unknown,
  context: { installContext?: string },
): Promise<{ statusCode: number }> {
  const result = await runBackstopScan(runtimeDeps(context.installContext));
  console.log(
    `backstop: ${result.scannedRecords} records, ${result.queued} queued, ${result.alreadyHandled} already handled`,
  );
  return { statusCode: 200 };
}
