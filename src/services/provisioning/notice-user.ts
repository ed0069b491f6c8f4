// Turns "this user appeared or changed" (a product event, a scan, a push) into queued provisioning work,
// coalescing bursts: while a run for the user is queued, further notices are absorbed by it.
import { claimProvisionMarker, releaseProvisionMarker } from '../../storage/markers-repository';
import { loadSettings } from '../../storage/settings-repository';
import type { RuntimeDeps } from '../runtime-deps';
import { PROVISION_QUEUE, type ProvisionWork } from './provisioning-work';

/** The marker outlives any sane queue delay; if the run is lost, the marker expires and the next notice requeues. */
const MARKER_TTL_SECONDS = 15 * 60;

export type NoticeResult = 'queued' | 'coalesced' | 'disabled';

export async function noticeUser(
  notice: { accountId: string; source: ProvisionWork['source']; runId: string },
  deps: RuntimeDeps,
): Promise<NoticeResult> {
  const { settings } = await loadSettings();
  if (!settings.provisioning.enabled) return 'disabled';
  if (!(await claimProvisionMarker(notice.accountId, MARKER_TTL_SECONDS))) return 'coalesced';
  const work: ProvisionWork = {
    accountIds: [notice.accountId],
    source: notice.source,
    runId: notice.runId,
    attempt: 0,
    releaseMarkers: true,
    released: false,
  };
  try {
    await deps.enqueue(PROVISION_QUEUE, [
      { body: work, delayInSeconds: settings.provisioning.coalesceSeconds },
    ]);
  } catch (e) {
    // Nothing was queued: free the marker so the retried notice (or the next one) queues the run.
    await releaseProvisionMarker(notice.accountId);
    throw e;
  }
  return 'queued';
}
