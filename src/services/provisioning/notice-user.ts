// Turns "this user appeared or changed" (a product event, a scan, a push) into provisioning work: the user is
// admitted to the rate governor's intake, coalescing bursts: while a run for the user is pending, further notices
// are absorbed by it (the run reads the user's attributes when it starts).
import { claimProvisionMarker, releaseProvisionMarker } from '../../storage/markers-repository';
import { loadSettings } from '../../storage/settings-repository';
import type { RuntimeDeps } from '../runtime-deps';
import type { ProvisionWork } from './provisioning-work';
import { admit } from './rate-governor';

/** The marker outlives any sane delay; if the run is lost, the marker expires and the next notice requeues. */
const MARKER_TTL_SECONDS = 15 * 60;

export type NoticeResult = 'queued' | 'coalesced' | 'disabled';

export async function noticeUser(
  notice: { accountId: string; source: ProvisionWork['source']; runId: string },
  deps: RuntimeDeps,
): Promise<NoticeResult> {
  const { settings } = await loadSettings();
  if (!settings.provisioning.enabled) return 'disabled';
  if (!(await claimProvisionMarker(notice.accountId, MARKER_TTL_SECONDS))) return 'coalesced';
  try {
    await admit(
      [{ accountId: notice.accountId, source: notice.source, runId: notice.runId, releaseMarker: true }],
      deps,
      Math.max(1, settings.provisioning.coalesceSeconds),
    );
  } catch (e) {
    // Not admitted: free the marker so the retried notice (or the next one) admits the user.
    await releaseProvisionMarker(notice.accountId);
    throw e;
  }
  return 'queued';
}
