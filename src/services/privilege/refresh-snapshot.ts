// The backstop's share of privileged targets: refresh the stored snapshot when it is getting old, so provisioning
// rarely has to read the site itself. Never throws: a failure is recorded as health and the scan goes on.
import { recordHealth } from '../../storage/health-repository';
import { loadPrivileges } from '../../storage/privileged-repository';
import { listRules } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { livePrivileges, SNAPSHOT_MAX_AGE_MS, SNAPSHOT_REFRESH_AFTER_MS } from './privileged-targets';

export const SNAPSHOT_HEALTH = 'privileged-snapshot';

export async function refreshPrivilegedSnapshot(
  deps: RuntimeDeps,
): Promise<'fresh' | 'refreshed' | 'failed'> {
  const now = deps.now();
  try {
    const stored = await loadPrivileges();
    if (stored.snapshot && now - stored.snapshot.takenAt < SNAPSHOT_REFRESH_AFTER_MS) return 'fresh';
    const { settings } = await loadSettings();
    const [clients, rules] = await Promise.all([
      buildApiClients(deps, settings, { credentials: { admin: false, scim: false } }),
      listRules(),
    ]);
    const privileges = await livePrivileges(clients, now, rules);
    await recordHealth({
      component: SNAPSHOT_HEALTH,
      ok: true,
      message: `The app knows ${privileges.set.targets.length} privileged groups and project roles (read from the site every 15 minutes).`,
      at: now,
    });
    return 'refreshed';
  } catch (e) {
    await recordHealth({
      component: SNAPSHOT_HEALTH,
      ok: false,
      message:
        `Could not read which groups and project roles are privileged (${e instanceof Error ? e.message : String(e)}). ` +
        `Provisioning reads the site itself once what it knows is ${SNAPSHOT_MAX_AGE_MS / 60_000} minutes old, and grants nothing while it cannot tell.`,
      at: now,
    });
    return 'failed';
  }
}
