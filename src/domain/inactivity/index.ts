// Inactivity clean-up, pure domain: policy, exclusions, warn/act/cancel decisions, safety brake, reports, restore.
//
// Public API (everything else in this folder is internal):
//   Policy      InactivityPolicy, ProductInactivityPolicy, InactivityAction, NeverActiveTreatment,
//               InactivityNotifications, InactivityExclusions, SafetyBrake, ProductCatalogueEntry,
//               INACTIVITY_ACTIONS (label, description, orgWide, changesAccess), POLICY_LIMITS,
//               DEFAULT_PRODUCT_SETTINGS, defaultInactivityPolicy(products), syncPolicyProducts(policy, products),
//               validateInactivityPolicy(input) -> { ok, policy } | { ok: false, errors: PolicyFieldError[] }
//   Facts       UserFacts, ProductFacts, ProductGrant, AccountType, WarningRecord, RecordedAction,
//               productGrantFrom(licenceGroupEvidence, reactivatedAt) -> ProductGrant (latest (re)grant)
//   Decisions   decideForUser(facts, policy, now) -> UserDecision { decisions: ProductDecision[], actions }
//               ProductDecision (outcome + reason {code, message, facts} + warning instruction + activity),
//               PlannedAction, ProductAction, DecisionOutcome, ReasonCode, ExclusionKind, DECISION_OUTCOMES
//   Brake       applyBrake(decisions, { licensedUserCount, policy }) -> BrakeResult (allowed | held-for-review)
//               approveReview(held, approval), reconfirmActions(approved, freshDecisions)
//   Reports     summarizeDecisions(decisions, { policy, licensedUserCount? }), reportRows(decisions, policy),
//               inactivityBucket(activity), INACTIVITY_BUCKETS
//   Restore     planRestore(records, currentStateByAccount) -> RestorePlan
//   Time        DAY_MS, HOUR_MS, isoDay(ms), epochMsOfIsoDay('YYYY-MM-DD'), wholeDaysBetween(from, to)

export {
  DEFAULT_PRODUCT_SETTINGS,
  INACTIVITY_ACTIONS,
  POLICY_LIMITS,
  effectiveWarnDays,
  hasNoticeChannel,
  newUntoldConsequences,
  untoldConsequenceText,
  untoldConsequences,
  warnPointDays,
  type UntoldConsequence,
  type InactivityAction,
  type InactivityActionInfo,
  type InactivityExclusions,
  type InactivityNotifications,
  type InactivityPolicy,
  type NeverActiveTreatment,
  type ProductCatalogueEntry,
  type ProductInactivityPolicy,
  type SafetyBrake,
} from './policy';
export {
  PRODUCT_KEY_PATTERN,
  defaultInactivityPolicy,
  syncPolicyProducts,
  type CatalogueSync,
} from './policy-defaults';
export { validateInactivityPolicy, type PolicyFieldError, type PolicyValidation } from './policy-validation';
export type {
  AccountType,
  ProductFacts,
  ProductGrant,
  RecordedAction,
  UserFacts,
  WarningRecord,
} from './facts';
export { productGrantFrom, type LicenceGroupEvidence } from './grant-evidence';
export {
  DECISION_OUTCOMES,
  EXCLUSION_KINDS,
  type ActivitySnapshot,
  type BaselineSource,
  type DecisionBase,
  type DecisionOutcome,
  type DecisionReason,
  type Exclusion,
  type ExclusionKind,
  type PlannedAction,
  type ProductAction,
  type ProductDecision,
  type ReasonCode,
  type ReasonFacts,
  type UserDecision,
  type WarningInstruction,
} from './decision';
export { decideForUser } from './decide';
export { applyBrake, type BrakeCounts, type BrakeInput, type BrakeLimit, type BrakeResult } from './brake';
export {
  approveReview,
  reconfirmActions,
  type Reconfirmation,
  type ReviewApproval,
  type ReviewResult,
} from './review';
export {
  INACTIVITY_BUCKETS,
  inactivityBucket,
  reportRows,
  summarizeDecisions,
  type InactivityBucket,
  type ProductReport,
  type ReportOptions,
  type ReportRow,
  type RunReport,
} from './report';
export {
  planRestore,
  type AccountState,
  type RestorePlan,
  type RestoreSkip,
  type RestoreStep,
} from './restore';
export { DAY_MS, HOUR_MS, epochMsOfIsoDay, isoDay, wholeDaysBetween } from './time';
