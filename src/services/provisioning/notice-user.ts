// Turns "this user appeared or changed" (a product event, a scan, a push) into provisioning work: the user is
// admitted to the rate governor's intake. Bursts coalesce: while the user is waiting, further notices are
// absorbed by the waiting run (it reads the user's attributes when it starts). A product event reads no settings
// here (storage reads are metered per installation): the worker checks that provisioning is on, and the coalescing
// delay is read only by the notice that queues the releaser. In a Jira installation, Confluence's copy of a
// "user created" event is looked at later: Jira's own event (or the backstop) has normally dealt with the user
// by then, so a burst of logins spends one storage write per user on intake, not two.
import type { AppSettings } from '../../shared/settings';
import { loadSettings } from '../../storage/settings-repository';
import { getUserState } from '../../storage/user-state-repository';
import { auditId } from '../audit-ids';
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

/** How long Confluence's copy of a "user created" event waits in a Jira installation: a backstop period. */
export const CONFLUENCE_CREATED_DELAY_SECONDS = 300;

export interface ProductUserEvent {
  eventType: 'avi:jira:created:user' | 'avi:jira:updated:user' | 'avi:confluence:created:user';
  accountId: string;
  /** When the product says the event happened (Confluence's payload carries it), epoch ms. */
  createdAt?: number;
  /** The delivery is Forge's retry of the event. */
  retried: boolean;
  /** The installation context (an ARI): `ari:cloud:jira::site/…` for an installation in Jira. */
  installContext?: string;
}

/**
 * A product event about a user, noticed; or `{ later }`: ask Forge to deliver it again in that many seconds.
 * Every JIT login raises a Jira and a Confluence "user created" event, and each notice costs a storage write
 * (Forge allows 4,000 a minute per installation): in a Jira installation, Jira's event is enough, so the
 * Confluence one is looked at again after a backstop period and only for a user nothing has evaluated since.
 */
export async function noticeProductEvent(
  event: ProductUserEvent,
  deps: RuntimeDeps,
): Promise<NoticeResult | { later: number }> {
  const inJira = event.installContext?.startsWith('ari:cloud:jira:') === true;
  if (event.eventType === 'avi:confluence:created:user' && inJira) {
    if (!event.retried) return { later: CONFLUENCE_CREATED_DELAY_SECONDS };
    const state = await getUserState(event.accountId);
    if (state && state.updatedAt >= (event.createdAt ?? 0)) return 'coalesced';
  }
  return noticeUser(
    {
      accountId: event.accountId,
      source: 'event',
      runId: `event:${auditId(event.eventType, event.accountId, event.createdAt ?? deps.now())}`,
    },
    deps,
  );
}
