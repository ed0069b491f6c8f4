// Every five minutes: catch users whose events were missed or late (see the service for why audit records),
// re-send job pages that never reported back, make sure parked users have a releaser coming, and keep the
// snapshot of privileged targets fresh.
import { classify } from '../../services/failures';
import { reviveStalledPages } from '../../services/jobs/backfill';
import { runBackstopScan } from '../../services/provisioning/backstop-scan';
import { reviveReleaser } from '../../services/provisioning/rate-governor';
import { refreshPrivilegedSnapshot } from '../../services/privilege/refresh-snapshot';
import { runtimeDeps } from '../runtime';
import { notePaused } from '../../services/licence-gate';
import { licenceOf, type LicensedContext } from '../licence';

/** A scheduled trigger's error is not retried by Forge: the next run, five minutes later, is the retry. */
export async function backstopScan(
  _event: unknown,
  context: { installContext?: string } & LicensedContext,
): Promise<{ statusCode: number; skipped?: 'unlicensed' }> {
  const deps = runtimeDeps(context.installContext);
  const licence = licenceOf(context);
  if (!licence.mayAct) {
    // The watermark stays where it is: the first run once licensed reads everything since.
    await notePaused(deps, licence);
    return { statusCode: 200, skipped: 'unlicensed' };
  }
  try {
    const result = await runBackstopScan(deps);
    const revivedPages = await reviveStalledPages(deps);
    const revivedReleaser = await reviveReleaser(deps);
    const privileged = await refreshPrivilegedSnapshot(deps);
    // Only runs that did something are worth an operator's line; an idle site runs this 288 times a day.
    if (result.queued || revivedPages || revivedReleaser || privileged === 'failed')
      console.log(
        `backstop: ${result.scannedRecords} records, ${result.queued} queued, ${result.alreadyHandled} already handled` +
          (revivedPages ? `, ${revivedPages} job pages re-sent` : '') +
          (revivedReleaser ? ', rate releaser re-queued' : '') +
          (privileged === 'failed' ? ', privileged targets not read (see health)' : ''),
      );
    return { statusCode: 200 };
  } catch (e) {
    const failure = classify(e);
    if (!failure.transient) throw e;
    console.warn(
      `backstop: skipped (${failure.kind}: ${failure.message}); the next run in five minutes catches up`,
    );
    return { statusCode: 503 };
  }
}
