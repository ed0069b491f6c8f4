// Turns "this user appeared or changed" (a product event, a scan, a push) into provisioning work: the user is
// admitted to the rate governor's intake. Bursts coalesce: while the user is waiting, further notices are
// absorbed by the waiting run (it reads the user's attributes when it starts). A product event reads no settings
// here (storage reads are metered per installation): the worker checks that provisioning is on, and the coalescing
// delay is read only by the notice that queues the releaser.
import type { AppSettings } from '../../shared/settings';
import { loadSettings } from '../../storage/settings-repository';
import type { RuntimeDeps } from '../runtime-deps';
import type { ProvisionWork } from './provisioning-work';
import { admit } from './rate-governor';

export type NoticeResult = 'queued' | 'coalesced' | 'disabled';

export async function noticeUser(
  notice: { accountId: string; source: ProvisionWork['source']; runId: string },
  deps: RuntimeDeps,
  knownSettings?: AppSettings,
): Promise<NoticeResult> {
  if (knownSettings && !knownSettings.provisioning.enabled) return 'disabled';
  const coalesceSeconds = async () =>
    Math.max(1, (knownSettings ?? (await loadSettings()).settings).provisioning.coalesceSeconds);
  const admitted = await admit(notice, deps, coalesceSeconds);
  return admitted ? 'queued' : 'coalesced';
}
