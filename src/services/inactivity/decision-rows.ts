// Which decisions a run keeps for its report (warned, due, blocked, cancelled, unknown), and in what shape.
import type { DecisionOutcome, UserDecision } from '../../domain/inactivity';
import type { DecisionEntry, DecisionRow } from '../../storage/inactivity-run-types';

/** Most telling first: the row's headline is the first of these among the user's decisions. */
const NOTABLE: readonly DecisionOutcome[] = [
  'act',
  'blocked',
  'warn',
  'cancel-warning',
  'still-in-grace',
  'unknown-activity',
];

function entryOf(decision: UserDecision['decisions'][number]): DecisionEntry {
  return {
    product: decision.product,
    outcome: decision.outcome,
    code: decision.reason.code,
    message: decision.reason.message,
    words: decision.reason.words,
    lastActiveAt: decision.activity.lastActiveAt,
    inactiveDays: decision.activity.inactiveDays,
    actAfter: decision.reason.facts.actAfter ?? null,
  };
}

/**
 * A row for the user if any decision is notable. Unknown activity only counts for users holding the product:
 * "no data for someone without the product" is not news.
 */
export function decisionRowFor(runId: string, user: UserDecision, at: number): DecisionRow | undefined {
  const notable = user.decisions.filter(
    (d) => NOTABLE.includes(d.outcome) && (d.outcome !== 'unknown-activity' || d.activity.holdsProduct),
  );
  if (notable.length === 0) return undefined;
  const headline = NOTABLE.find((outcome) => notable.some((d) => d.outcome === outcome)) ?? 'act';
  return { runId, accountId: user.accountId, status: headline, at, entries: notable.map(entryOf) };
}
