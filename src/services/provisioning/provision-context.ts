// Loads what provisioning needs once per invocation: settings, rules, clients and the grant writer.
import { getExclusiveSets, listRules } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { recordHealth } from '../../storage/health-repository';
import { buildApiClients, provisioningCredentials } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { createGrantWriter } from './grant-writer';
import type { ProvisionContext } from './provision-user';

export async function loadProvisionContext(
  deps: RuntimeDeps,
  run: { runId: string; source: string },
): Promise<ProvisionContext> {
  const { settings, problem } = await loadSettings();
  if (problem) await recordHealth({ component: 'settings', ok: false, message: problem, at: deps.now() });
  const [rules, exclusiveSets, clients] = await Promise.all([
    listRules(),
    getExclusiveSets(),
    buildApiClients(deps, settings, {
      waitOnRateLimits: false,
      credentials: provisioningCredentials(settings),
    }),
  ]);
  return {
    clients,
    settings,
    rules,
    exclusiveSets,
    writer: createGrantWriter(clients, settings),
    now: deps.now,
    ...run,
  };
}
