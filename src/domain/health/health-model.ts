// The vocabulary of the app's health: each part's state, how bad each state is, and what a part's verdict says.
import type { PluralKey, TextKey } from '../../shared/i18n/text';

/**
 * off: switched off on purpose; not-configured: on, but something only an admin can give is missing;
 * never-run: nothing has happened yet that could tell; stalled: a scheduled job has not completed when it should
 * have; awaiting-admin: work is waiting for an admin's decision; degraded: working, but some of it failed;
 * failing: the latest attempt failed; working: the latest attempt succeeded and is fresh.
 */
export const HEALTH_STATES = [
  'off',
  'working',
  'never-run',
  'degraded',
  'not-configured',
  'awaiting-admin',
  'stalled',
  'failing',
] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** How bad a state is: the headline is the worst part's. Off and working never need anyone. */
export const HEALTH_SEVERITY: Readonly<Record<HealthState, number>> = {
  off: 0,
  working: 0,
  'never-run': 1,
  degraded: 2,
  'not-configured': 3,
  'awaiting-admin': 3,
  stalled: 4,
  failing: 5,
};

/** States in which the app waits for an admin to do something. */
export function needsAdmin(state: HealthState): boolean {
  return HEALTH_SEVERITY[state] >= HEALTH_SEVERITY.degraded;
}

/** One verdict the app recorded about a part. */
export interface Verdict {
  readonly at: number;
  readonly message: string;
}

/** The latest success and the latest failure recorded for a part (either may be missing). */
export interface PartRecord {
  readonly lastOk: Verdict | null;
  readonly lastFailure: Verdict | null;
}

export const NO_RECORD: PartRecord = { lastOk: null, lastFailure: null };

/** Where on the page an admin acts on a part. */
export type HealthActionTab = 'rules' | 'inactivity' | 'audit' | 'settings';

export interface HealthAction {
  readonly tab: HealthActionTab;
  /** The button's text (a translation key): what the admin will do there. */
  readonly label: TextKey;
}

/**
 * What the app says about a part, as facts the page words in the viewer's language: a message key with its values
 * (`ago`: how long ago, in ms; `count` for plural messages; `missing`: keys of what only an admin can give), or a
 * recorded verdict's own text, which is data.
 */
export type HealthMessage =
  | {
      readonly key: TextKey;
      readonly ago?: number;
      readonly missing?: readonly TextKey[];
      readonly detail?: string;
    }
  | { readonly plural: PluralKey; readonly count: number }
  | { readonly text: string };

export type HealthPartId =
  | 'licence'
  | 'settings'
  | 'write-path'
  | 'source:email'
  | 'source:scim'
  | 'source:org-directory'
  | 'source:pushed'
  | 'provisioning'
  | 'backstop'
  | 'daily-pass'
  | 'privileged-targets'
  | 'inactivity'
  | 'inactivity-grant-history';

export interface HealthPart {
  readonly id: HealthPartId;
  readonly state: HealthState;
  /** What is true now and, unless working, what to do about it. */
  readonly message: HealthMessage;
  readonly lastSuccessAt: number | null;
  readonly lastFailureAt: number | null;
  readonly lastFailureMessage: string | null;
  readonly action: HealthAction | null;
}

export interface HealthSummary {
  /** The worst part's state: never working while any part needs an admin. */
  readonly headline: HealthState;
  readonly parts: readonly HealthPart[];
  /** Parts in a state that needs an admin, worst first. */
  readonly attention: readonly HealthPart[];
}

/** The newer of the two verdicts: whether the part's latest attempt failed. */
export function latestFailed(record: PartRecord): boolean {
  if (!record.lastFailure) return false;
  return !record.lastOk || record.lastFailure.at >= record.lastOk.at;
}
