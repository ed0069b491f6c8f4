// May this installation act? The one decision every entry point asks, from the licence Forge passes and the
// environment the app runs in. Pure: the entry adapters read Forge's shapes and hand over plain facts.

/** What Forge's `context.license` says, as far as the decision needs it (every field optional, as Forge's are). */
export interface LicenceFacts {
  /** Absent when Forge passed no licence at all. */
  readonly licence?: {
    /** `active`, or the deprecated `isActive` older runtimes send; null/absent counts as not active. */
    readonly active?: boolean | null;
    readonly isEvaluation?: boolean | null;
    /** ISO date-time the evaluation ends. */
    readonly trialEndDate?: string | null;
  };
  /** `getAppContext().environmentType`: PRODUCTION, STAGING or DEVELOPMENT; absent if unknown. */
  readonly environmentType?: string;
}

export type LicenceState =
  /** A paid subscription: everything works. */
  | 'active'
  /** A free evaluation: everything works, and the page shows when it ends. */
  | 'evaluation'
  /** Development or staging: Forge licenses production installations only, so there is none to check. */
  | 'not-applicable'
  /** Forge says the licence is not active (lapsed, cancelled, evaluation over). */
  | 'inactive'
  /** A production installation Forge passed no licence for: treated as unlicensed (never fail open). */
  | 'missing';

export type LicenceDecision =
  | { readonly mayAct: true; readonly state: 'active' | 'not-applicable' }
  | { readonly mayAct: true; readonly state: 'evaluation'; readonly trialEndDate: string | null }
  | { readonly mayAct: false; readonly state: 'inactive' | 'missing' };

/**
 * Active and evaluation licences act; an inactive one does not. With no licence, only a production installation
 * is refused: the manifest's `app.licensing.enabled` applies "to production installations", so development and
 * staging installations never get one and must keep working for the people building the app.
 */
export function decideLicence(facts: LicenceFacts): LicenceDecision {
  const { licence } = facts;
  if (!licence) {
    const production = (facts.environmentType ?? 'PRODUCTION').toUpperCase() === 'PRODUCTION';
    return production ? { mayAct: false, state: 'missing' } : { mayAct: true, state: 'not-applicable' };
  }
  if (licence.active !== true) return { mayAct: false, state: 'inactive' };
  if (licence.isEvaluation === true)
    return { mayAct: true, state: 'evaluation', trialEndDate: validDate(licence.trialEndDate) };
  return { mayAct: true, state: 'active' };
}

/** An ISO 8601 date or date-time, as Forge sends `trialEndDate`; anything else is not shown as a date. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function validDate(value: string | null | undefined): string | null {
  return typeof value === 'string' && ISO_DATE.test(value) ? value : null;
}

/** One line for logs and health: what the decision means for the app's work. */
export function licenceSummary(decision: LicenceDecision): string {
  switch (decision.state) {
    case 'active':
      return 'licence active';
    case 'evaluation':
      return decision.trialEndDate
        ? `evaluation licence until ${decision.trialEndDate}`
        : 'evaluation licence';
    case 'not-applicable':
      return 'no licence in this environment (development or staging): the app runs unrestricted';
    case 'inactive':
      return 'the licence is not active';
    case 'missing':
      return 'Forge passed no licence for this production installation';
  }
}
