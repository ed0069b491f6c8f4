// The Settings tab: settings, write-only secrets (status only, never a value), and the IdP push URL.
import type { Reply, SettingsView } from '../../shared/contract';
import { SECRET_NAMES, type AppSettings, type SecretName, type SecretStatus } from '../../shared/settings';
import { describeSettingChange } from '../../shared/settings-labels';
import { clearSecret, secretStatus, setSecret } from '../../storage/secrets-repository';
import { loadSettings, saveSettings } from '../../storage/settings-repository';
import { recordAdminChange } from './admin-audit';
import type { AdminContext } from './admin-context';
import { ok } from './reply';
import { orgSettingsReadOnly } from './roles';

const SECRET_LABELS: Record<SecretName, string> = {
  'org-api-key': 'Organization API key',
  'scim-directory-key': 'SCIM directory API key',
  'webtrigger-secret': 'IdP push signing secret',
};

export async function settingsView(ctx: AdminContext): Promise<SettingsView> {
  const [{ settings, problem }, secrets] = await Promise.all([
    loadSettings(),
    Promise.all(SECRET_NAMES.map((name) => secretStatus(name))),
  ]);
  let idpPushUrl: string | null = null;
  let idpPushUrlProblem: string | null = null;
  try {
    idpPushUrl = await ctx.idpPushUrl();
  } catch (e) {
    idpPushUrlProblem = `The push URL could not be read (${e instanceof Error ? e.message : String(e)}); reload the page to try again.`;
  }
  return {
    settings,
    problem: problem ?? null,
    secrets,
    idpPushUrl,
    idpPushUrlProblem,
    readOnly: orgSettingsReadOnly(ctx.role),
  };
}

export async function getSettings(ctx: AdminContext): Promise<Reply<SettingsView>> {
  return ok(await settingsView(ctx));
}

/** Dotted paths of the leaves that differ, e.g. `sources.scim.enabled`. */
function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (
    typeof before === 'object' &&
    before !== null &&
    typeof after === 'object' &&
    after !== null &&
    !Array.isArray(before) &&
    !Array.isArray(after)
  ) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      changedPaths(
        (before as Record<string, unknown>)[key],
        (after as Record<string, unknown>)[key],
        prefix ? `${prefix}.${key}` : key,
      ),
    );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || '(all)'];
}

function describe(path: string, settings: AppSettings): string {
  const value = path
    .split('.')
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], settings);
  return describeSettingChange(path, value);
}

export async function saveSettingsView(
  ctx: AdminContext,
  settings: AppSettings,
): Promise<Reply<SettingsView>> {
  const before = (await loadSettings()).settings;
  const changed = changedPaths(before, settings);
  if (changed.length > 0) {
    await saveSettings(settings);
    await recordAdminChange({
      action: 'settings-changed',
      target: 'settings',
      targetName: 'App settings',
      reason: `Settings changed: ${changed.map((p) => describe(p, settings)).join('; ')}.`,
      by: ctx.accountId,
      at: ctx.deps.now(),
    });
  }
  return ok(await settingsView(ctx));
}

export async function setSecretView(
  ctx: AdminContext,
  name: SecretName,
  value: string,
): Promise<Reply<SecretStatus>> {
  const before = await secretStatus(name);
  const at = ctx.deps.now();
  await setSecret(name, value, { accountId: ctx.accountId, at });
  await recordAdminChange({
    action: 'secret-changed',
    target: `secret:${name}`,
    targetName: SECRET_LABELS[name],
    reason: `${SECRET_LABELS[name]} ${before.isSet ? 'replaced' : 'set'}.`,
    by: ctx.accountId,
    at,
  });
  return ok(await secretStatus(name));
}

export async function clearSecretView(ctx: AdminContext, name: SecretName): Promise<Reply<SecretStatus>> {
  const before = await secretStatus(name);
  if (before.isSet) {
    await clearSecret(name);
    await recordAdminChange({
      action: 'secret-changed',
      target: `secret:${name}`,
      targetName: SECRET_LABELS[name],
      reason: `${SECRET_LABELS[name]} cleared.`,
      by: ctx.accountId,
      at: ctx.deps.now(),
    });
  }
  return ok(await secretStatus(name));
}
