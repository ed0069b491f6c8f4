// Turns "this user appeared or changed" (a product event, a scan, a push) into provisioning work: the user is
// admitted to the rate governor's intake. Bursts coalesce: while the user is waiting, further notices are
// absorbed by the waiting run (it reads the user's attributes when it starts).
import { loadSettings } from '../../storage/settings-repository';
import type { RuntimeDeps } from '../runtime-deps';
import type { ProvisionWork } from './provisioning-work';
import { admit } from './rate-governor';

export type NoticeResult = 'queued' | 'coalesced' | 'disabled';

export async function noticeUser(
  notice: { accountId: string; source: ProvisionWork['source']; runId: string },
  deps: RuntimeDeps,
): Promise<NoticeResult> {
  const { settings } = await loadSettings();
  if (!settings.provisioning.enabled) return 'disabled';
  const admitted = await admit(notice, deps, Math.max(1, settings.provisioning.coalesceSeconds));
  return admitted ? 'queued' : 'coalesced';
}
