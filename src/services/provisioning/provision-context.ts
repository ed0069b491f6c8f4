// Loads what provisioning needs once per invocation: settings, rules, clients, the grant writer, and who this
// invocation is as the holder of the intents it claims.
import { randomUUID } from 'node:crypto';
import { freezeRules } from '../../domain/access-plan';
import { attributePlan } from '../../domain/attribute-plan';
import { getExclusiveSets, listRules } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { recordHealth } from '../../storage/health-repository';
import { buildApiClients, provisioningCredentials } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { readOneByOne } from './gather-many';
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
  const [stored, exclusiveSets, clients] = await Promise.all([
    listRules(),
    getExclusiveSets(),
    buildApiClients(deps, settings, {
      waitOnRateLimits: false,
      credentials: provisioningCredentials(settings),
    }),
  ]);
  // Frozen: planning many users with one rule set then never re-checks it for rules edited in place.
  const rules = freezeRules(stored);
  const plan = attributePlan(rules);
  return {
    clients,
    settings,
    rules,
    exclusiveSets,
    attributePlan: plan,
    reader: readOneByOne(clients, settings, plan),
    writer: createGrantWriter(clients, settings, createGrantGuard(deps, settings, rules)),
    now: deps.now,
    holder: randomUUID(),
    // Nobody else touches this invocation's intents before Forge has certainly killed it.
    leaseUntil: () => Math.ceil(deps.now() + deps.remainingMs() + provisioningTuning().leaseMarginMs),
    ...run,
  };
}
