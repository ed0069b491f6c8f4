// What a report or preview was computed from (the rules, the policy, the clock), and whether it is outdated now.

const DAY_MS = 86_400_000;

/** A report older than this no longer describes today: decisions and plans depend on the date and the site. */
export const REPORT_FRESH_MS = DAY_MS;

export type OutdatedReason = 'rules-changed' | 'policy-changed' | 'clock-moved';

export interface ComputedFrom {
  /** The rule set's version, for results that depend on the rules. */
  readonly rulesVersion?: string | null;
  /** When the policy it used was saved (null: an unsaved draft), for results that depend on the policy. */
  readonly policyVersion?: number | null;
  /** When it was computed. */
  readonly at: number;
}

export interface CurrentInputs {
  readonly rulesVersion?: string;
  readonly policyVersion?: number | null;
  readonly now: number;
}

/** Why a result no longer describes the present; empty when it still does. */
export function outdatedReasons(
  from: ComputedFrom,
  current: CurrentInputs,
  freshMs = REPORT_FRESH_MS,
): OutdatedReason[] {
  const reasons: OutdatedReason[] = [];
  if (
    from.rulesVersion !== undefined &&
    current.rulesVersion !== undefined &&
    from.rulesVersion !== current.rulesVersion
  )
    reasons.push('rules-changed');
  if (
    from.policyVersion !== undefined &&
    current.policyVersion !== undefined &&
    from.policyVersion !== current.policyVersion
  )
    reasons.push('policy-changed');
  if (current.now - from.at > freshMs) reasons.push('clock-moved');
  return reasons;
}

/** A rule as far as its version is concerned: anything that changes what the rule set grants changes one of these. */
export interface VersionedRule {
  readonly id: string;
  readonly updatedAt: number;
  readonly priority: number;
  readonly enabled: boolean;
}

/** The rule set's version: the same rules give the same text; adding, deleting, editing or reordering changes it. */
export function rulesVersion(rules: readonly VersionedRule[]): string {
  const text = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => `${r.id}:${r.updatedAt}:${r.priority}:${r.enabled ? 1 : 0}`)
    .join('|');
  // FNV-1a, 32 bits: a fingerprint to compare, not a secret.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${rules.length}-${hash.toString(16).padStart(8, '0')}`;
}
