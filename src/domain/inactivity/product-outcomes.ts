// Builders for each kind of product decision, so every outcome carries the same fields and warning instruction.
import type {
  DecisionBase,
  Exclusion,
  ProductDecision,
  ReasonCode,
  ReasonFacts,
  WarningInstruction,
} from './decision';
import type { ResolvedProduct } from './product-context';
import type { ProductInactivityPolicy } from './policy';
import { actionPhrase, actionWords } from './reason-text';
import { isoDay } from './time';
import { type Words, words } from './words';

export function base(
  c: ResolvedProduct,
  code: ReasonCode,
  message: string,
  said: Words,
  facts: ReasonFacts,
  warning: WarningInstruction,
): DecisionBase {
  return {
    accountId: c.facts.accountId,
    product: c.product,
    reason: { code, message, words: said, facts },
    warning,
    activity: c.activity,
  };
}

/** A stored warning is pointless once the user is out of scope, so outcomes that end the matter clear it. */
export function clearIfWarned(c: ResolvedProduct): WarningInstruction {
  return c.warning ? 'clear' : 'none';
}

export function plain(
  c: ResolvedProduct,
  outcome: 'active' | 'no-access' | 'already-acted',
  code: ReasonCode,
  message: string,
  said: Words,
  facts: ReasonFacts,
): ProductDecision {
  return { ...base(c, code, message, said, facts, clearIfWarned(c)), outcome };
}

/** Without data nobody is judged, and an existing warning stays until the data says which way it goes. */
export function unknown(
  c: ResolvedProduct,
  code: ReasonCode,
  message: string,
  said: Words,
  facts: ReasonFacts,
): ProductDecision {
  return {
    ...base(
      c,
      code,
      `${message} Nobody is warned or acted on without current activity data.`,
      words('inactivity.reasons.then.unknown', { reason: said }),
      facts,
      c.warning ? 'keep' : 'none',
    ),
    outcome: 'unknown-activity',
  };
}

export function excluded(c: ResolvedProduct, exclusions: readonly Exclusion[]): ProductDecision {
  const message = `Excluded from the ${c.name} clean-up: ${exclusions.map((e) => e.description).join('; ')}.`;
  const said = words('inactivity.reasons.excluded', {
    product: c.name,
    exclusions: { clauses: exclusions.map((e) => e.words) },
  });
  return {
    ...base(c, 'excluded', message, said, { exclusions: exclusions.map((e) => e.kind) }, clearIfWarned(c)),
    outcome: 'excluded',
    exclusions,
  };
}

export function cancel(
  c: ResolvedProduct,
  code: ReasonCode,
  message: string,
  said: Words,
  facts: ReasonFacts,
): ProductDecision {
  const warning = c.warning;
  if (!warning)
    throw new Error(`cancel-warning without a stored warning for ${c.facts.accountId}/${c.product}`);
  return {
    ...base(
      c,
      code,
      `${message} Warning of ${isoDay(warning.warnedAt)} cancelled.`,
      words('inactivity.reasons.then.cancelled', { reason: said, warnedOn: { day: warning.warnedAt } }),
      { ...facts, warnedAt: warning.warnedAt, actAfter: warning.actAfter },
      'clear',
    ),
    outcome: 'cancel-warning',
    cancelled: warning,
  };
}

export function act(
  c: ResolvedProduct,
  productPolicy: ProductInactivityPolicy,
  message: string,
  said: Words,
  facts: ReasonFacts,
): ProductDecision {
  const action =
    productPolicy.action === 'remove-licence'
      ? { kind: 'remove-licence' as const, groupIds: [...new Set(c.productFacts?.licenceGroupIds ?? [])] }
      : { kind: productPolicy.action };
  const outcome = `${message} Action: ${actionPhrase(productPolicy.action, c.name)}.`;
  return {
    ...base(
      c,
      'inactive-past-threshold',
      outcome,
      words('inactivity.reasons.then.act', {
        reason: said,
        action: actionWords(productPolicy.action, c.name),
      }),
      action.kind === 'remove-licence' ? { ...facts, groupIds: action.groupIds } : facts,
      c.warning ? 'keep' : 'none',
    ),
    outcome: 'act',
    action,
  };
}
