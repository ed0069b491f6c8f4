// The licence Forge passes a paid app's production installation: in every invocation's context (`context.license`,
// "Context is the same for all modules": function-reference/arguments) and in `getAppContext().license`. The
// fields and their types are Forge's (function-reference/arguments, @forge/api `License`); the values of `type`
// and `billingPeriod` are chosen here (Forge documents them as strings only), so the app must not depend on them.

/** The licence states the emulator can give an installation (the control API and tests switch between them). */
export const LICENSE_STATES = ['active', 'evaluation', 'inactive', 'none'] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

export function isLicenseState(value: unknown): value is LicenseState {
  return typeof value === 'string' && (LICENSE_STATES as readonly string[]).includes(value);
}

/** Forge's `License` object (function-reference/arguments), with the deprecated `isActive` beside `active`. */
export interface ForgeLicense {
  active: boolean;
  isActive: boolean;
  billingPeriod: string | null;
  capabilitySet: string | null;
  ccpEntitlementId: string | null;
  ccpEntitlementSlug: string | null;
  isEvaluation: boolean | null;
  subscriptionEndDate: string | null;
  supportEntitlementNumber: string | null;
  trialEndDate: string | null;
  type: string | null;
}

/** An evaluation lasts 30 days from when the licence was set (Marketplace's free trial length). */
const TRIAL_MS = 30 * 86_400_000;

/** The licence object for a state, set at `since` (epoch ms); undefined for `none` (Forge passes no licence). */
export function forgeLicense(
  state: LicenseState,
  since: number,
  installationId: string,
): ForgeLicense | undefined {
  if (state === 'none') return undefined;
  const active = state !== 'inactive';
  const evaluation = state === 'evaluation';
  return {
    active,
    isActive: active,
    billingPeriod: evaluation ? null : 'MONTHLY',
    capabilitySet: 'capabilityStandard',
    ccpEntitlementId: `E-${installationId.slice(0, 8)}`,
    ccpEntitlementSlug: `E-${installationId.slice(0, 8)}`,
    isEvaluation: evaluation,
    subscriptionEndDate: null,
    supportEntitlementNumber: `SEN-${installationId.slice(0, 8)}`,
    trialEndDate: evaluation ? new Date(since + TRIAL_MS).toISOString() : null,
    type: evaluation ? 'EVALUATION' : 'COMMERCIAL',
  };
}
