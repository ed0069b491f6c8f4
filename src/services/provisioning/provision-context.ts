// Loads what provisioning needs once per invocation: settings, rules, clients, the grant writer, and who this
// invocation is as the holder of the intents it claims.
import { randomUUID } from 'node:crypto';
import { getExclusiveSets, listRules } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { recordHealth } from '../../storage/health-repository';
import { buildApiClients, provisioningCredentials } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { createGrantGuard } from './grant-guard';
import { createGrantWriter } from './grant-writer';
import { provisioningTuning } from './provisioning-tuning';
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
    writer: createGrantWriter(clients, settings, createGrantGuard(deps, settings, rules)),
    now: deps.now,
    holder: randomUUID(),
    // Nobody else touches this invocation's intents before Forge has certainly killed it.
    leaseUntil: () => Math.ceil(deps.now() + deps.remainingMs() + provisioningTuning().leaseMarginMs),
    ...run,
  };
}
