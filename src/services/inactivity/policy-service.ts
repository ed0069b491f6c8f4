// The inactivity policy as the admin page reads and saves it: validated, kept in step with the site's products,
// checked against what the app can actually reach (webhook hosts), and audited when changed.
import type { InactivityPolicyView } from '../../shared/inactivity-views';
import {
  INACTIVITY_ACTIONS,
  POLICY_LIMITS,
  defaultInactivityPolicy,
  newUntoldConsequences,
  syncPolicyProducts,
  untoldConsequenceText,
  validateInactivityPolicy,
  type InactivityPolicy,
  type PolicyFieldError,
} from '../../domain/inactivity';
import {
  loadInactivityPolicy,
  MAX_VALUE_BYTES,
  saveInactivityPolicy as storePolicy,
  storedPolicySize,
} from '../../storage/inactivity-policy-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { recordAudit } from './inactivity-audit';
import { siteCatalogue } from './site-catalogue';
import { plainCatalogue, withPolicyProducts, type CatalogueProduct } from './product-catalogue';

/**
 * Hosts a warning webhook may post to. They must match permissions.external.fetch.backend in manifest.yml:
 * Forge refuses any other egress, so a URL elsewhere is refused here, on save, rather than failing every send.
 */
export const WEBHOOK_HOST_PATTERNS = [
  'hooks.slack.com',
  '*.slack.com',
  '*.webhook.office.com',
  '*.logic.azure.com',
];

export function webhookHostAllowed(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return WEBHOOK_HOST_PATTERNS.some((pattern) =>
    pattern.startsWith('*.')
      ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
      : host === pattern,
  );
}

/** The site's products with licence groups and seats, plus products only the saved policy knows. */
export async function getInactivityProducts(deps: RuntimeDeps): Promise<CatalogueProduct[]> {
  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const [site, loaded] = await Promise.all([siteCatalogue(clients), loadInactivityPolicy()]);
  return withPolicyProducts(site, loaded.state === 'ok' ? loaded.policy : undefined);
}

export type { InactivityPolicyView };

export async function getInactivityPolicy(deps: RuntimeDeps): Promise<InactivityPolicyView> {
  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const [site, loaded] = await Promise.all([siteCatalogue(clients), loadInactivityPolicy()]);
  const stored = loaded.state === 'ok' ? loaded.policy : undefined;
  const sync = stored
    ? syncPolicyProducts(stored, plainCatalogue(site))
    : { policy: defaultInactivityPolicy(plainCatalogue(site)), added: [], missing: [] };
  return {
    policy: sync.policy,
    saved: loaded.state === 'ok',
    updatedAt: loaded.state === 'ok' ? loaded.updatedAt : null,
    updatedBy: loaded.state === 'ok' ? loaded.updatedBy : null,
    problem: loaded.state === 'invalid' ? loaded.problem : null,
    problemWords: loaded.state === 'invalid' ? loaded.problemWords : null,
    addedProducts: stored ? sync.added : [],
    missingProducts: sync.missing,
    products: withPolicyProducts(site, sync.policy),
    actions: INACTIVITY_ACTIONS,
    limits: POLICY_LIMITS,
    webhookHosts: WEBHOOK_HOST_PATTERNS,
  };
}

export type SavePolicyResult =
  | { readonly ok: true; readonly policy: InactivityPolicy }
  | { readonly ok: false; readonly errors: readonly PolicyFieldError[] };

function describeChange(before: InactivityPolicy | undefined, after: InactivityPolicy): string {
  const enabled = Object.entries(after.products)
    .filter(([, p]) => p.enabled)
    .map(
      ([, p]) =>
        `${p.displayName}: ${INACTIVITY_ACTIONS[p.action].label.toLowerCase()} after ${p.inactiveAfterDays} days, ${p.warnDaysBefore} days' warning`,
    );
  const brake = `brake ${after.brake.maxActionsPerRun} actions / ${after.brake.maxPercentOfLicensed}%`;
  return `Inactivity policy ${before ? 'changed' : 'saved for the first time'}: ${
    enabled.length > 0 ? enabled.join('; ') : 'no product enabled'
  }; ${brake}.`;
}

export interface SavePolicyOptions {
  /** The admin confirmed acting on users who were never told (0 days' warning, or acting when not told). */
  readonly confirmedUntold?: boolean;
}

export async function saveInactivityPolicy(
  deps: RuntimeDeps,
  input: unknown,
  by: string,
  options: SavePolicyOptions = {},
): Promise<SavePolicyResult> {
  const result = validateInactivityPolicy(input);
  if (!result.ok) return { ok: false, errors: result.errors };
  const policy = result.policy;
  const errors: PolicyFieldError[] = [];
  const before = await loadInactivityPolicy();
  // Acting on people who were never told is refused unless confirmed, each time it newly applies to a product.
  if (!options.confirmedUntold)
    for (const consequence of newUntoldConsequences(
      before.state === 'ok' ? before.policy : undefined,
      policy,
    ))
      errors.push({
        path:
          consequence.why === 'no-warning'
            ? `products.${consequence.product}.warnDaysBefore`
            : 'notifications.actWhenNotTold',
        message: `${untoldConsequenceText(consequence, policy)} Confirm this to save the policy.`,
      });
  const webhook = policy.notifications.webhook?.url;
  if (webhook && !webhookHostAllowed(webhook)) {
    errors.push({
      path: 'notifications.webhook.url',
      message: `notifications.webhook.url must be on one of ${WEBHOOK_HOST_PATTERNS.join(', ')}: the app may only send to hosts its manifest declares`,
      key: 'fields.policy.webhookHost',
      values: { field: 'notifications.webhook.url', hosts: WEBHOOK_HOST_PATTERNS.join(', ') },
    });
  }
  const size = storedPolicySize(policy);
  if (size > MAX_VALUE_BYTES) {
    errors.push({
      path: 'policy',
      message: `policy takes ${size} bytes, more than the ${MAX_VALUE_BYTES} one stored value may hold: shorten the exclusion lists (exclude groups rather than accounts)`,
      key: 'fields.policy.tooLarge',
      values: { size: String(size), max: String(MAX_VALUE_BYTES) },
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const now = deps.now();
  await storePolicy(policy, { accountId: by, at: now });
  await recordAudit([
    {
      runId: '',
      fact: `policy-${now}`,
      at: now,
      accountId: '',
      action: 'settings-changed',
      target: 'inactivity-policy',
      targetName: 'Inactivity clean-up policy',
      reason: describeChange(before.state === 'ok' ? before.policy : undefined, policy),
      outcome: 'success',
      actor: by,
    },
  ]);
  return { ok: true, policy };
}
