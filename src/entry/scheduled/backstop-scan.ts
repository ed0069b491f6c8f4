// Every five minutes: catch users whose events were missed or late (see the service for why audit records),
// re-send job pages that never reported back, and make sure parked users have a releaser coming.
import { reviveStalledPages } from '../../services/jobs/backfill';
import { runBackstopScan } from '../../services/provisioning/backstop-scan';
import { reviveReleaser } from '../../services/provisioning/rate-governor';
import { runtimeDeps } from '../runtime';

export async function backstopScan(
  _event: unknown,
  context: { installContext?: string },
): Promise<{ statusCode: number }> {
  const deps = runtimeDeps(context.installContext);
  const result = await runBackstopScan(deps);
  const revivedPages = await reviveStalledPages(deps);
  const revivedReleaser = await reviveReleaser(deps);
  console.log(
    `backstop: ${result.scannedRecords} records, ${result.queued} queued, ${result.alreadyHandled} already handled` +
      (revivedPages ? `, ${revivedPages} job pages re-sent` : '') +
      (revivedReleaser ? ', rate releaser re-queued' : ''),
  );
  return { statusCode: 200 };
}
