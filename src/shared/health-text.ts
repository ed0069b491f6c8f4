// The health of each part in the viewer's words: its name, its state, and its message from the facts.
import type { HealthMessage, HealthPartId, HealthState } from './contract';
import type { Text, TextKey } from './i18n/text';

export const PART_LABEL: Record<HealthPartId, TextKey> = {
  licence: 'health.parts.licence',
  settings: 'health.parts.settings',
  'write-path': 'health.parts.writePath',
  'source:email': 'health.parts.email',
  'source:scim': 'health.parts.scim',
  'source:org-directory': 'health.parts.orgDirectory',
  'source:pushed': 'health.parts.pushed',
  provisioning: 'health.parts.provisioning',
  backstop: 'health.parts.backstop',
  'daily-pass': 'health.parts.dailyPass',
  'privileged-targets': 'health.parts.privilegedTargets',
  inactivity: 'health.parts.inactivity',
  'inactivity-grant-history': 'health.parts.grantHistory',
};

export const STATE_LABEL: Record<HealthState, TextKey> = {
  working: 'health.states.working',
  off: 'health.states.off',
  'never-run': 'health.states.neverRun',
  degraded: 'health.states.degraded',
  'not-configured': 'health.states.notConfigured',
  'awaiting-admin': 'health.states.awaitingAdmin',
  stalled: 'health.states.stalled',
  failing: 'health.states.failing',
};

/** A part's message: recorded verdicts keep their own words; everything else is worded here. */
export function healthMessageText(text: Text, message: HealthMessage): string {
  if ('text' in message) return message.text;
  if ('plural' in message) return text.tn(message.plural, message.count);
  return text.t(message.key, {
    ...(message.ago !== undefined ? { ago: text.ago(message.ago) } : {}),
    ...(message.missing ? { missing: text.list(message.missing.map((key) => text.t(key))) } : {}),
    ...(message.detail !== undefined ? { detail: message.detail } : {}),
  });
}
