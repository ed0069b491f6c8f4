// Which users need their activity fetched again before deciding: as few Admin API calls as safety allows.
import type { DecisionOutcome, ReasonCode, UserDecision } from '../../domain/inactivity';
import type { StoredActivity } from '../../storage/inactivity-user-repository';
import type { SweepTuning } from './sweep-tuning';

/** Outcomes that do not depend on activity at all: nobody needs a fetch for them. */
const WITHOUT_ACTIVITY: readonly DecisionOutcome[] = ['excluded', 'no-access', 'already-acted'];
const WITHOUT_ACTIVITY_CODES: readonly ReasonCode[] = ['product-disabled', 'policy-no-longer-acts'];

/** The domain itself says it is waiting for fresher data. */
const ASKS_FOR_DATA: readonly ReasonCode[] = [
  'activity-never-fetched',
  'activity-stale',
  'awaiting-activity-refresh',
  'activity-older-than-due-date',
];

/**
 * A decision of "active" on older data stays true with newer data (activity only moves forward), so it may
 * rest on a snapshot up to `refreshAfterMs` old. Anything that could warn, act, or clear a warning is decided on
 * data at most `decisiveRefreshAfterMs` old, and a due warning always gets a fetch (the note's rule).
 */
export function needsActivityRefresh(
  probe: UserDecision,
  cached: StoredActivity | undefined,
  now: number,
  tuning: Pick<SweepTuning, 'refreshAfterMs' | 'decisiveRefreshAfterMs'>,
): boolean {
  const relevant = probe.decisions.filter(
    (d) => !WITHOUT_ACTIVITY.includes(d.outcome) && !WITHOUT_ACTIVITY_CODES.includes(d.reason.code),
  );
  if (relevant.length === 0) return false;
  if (!cached) return true;
  const age = now - cached.refreshedAt;
  if (age >= tuning.refreshAfterMs) return true;
  if (relevant.some((d) => ASKS_FOR_DATA.includes(d.reason.code))) {
    // Fetched within this very step already: a second call cannot tell more.
    return age > 0;
  }
  const settled = relevant.every(
    (d) => d.outcome === 'active' || (d.outcome === 'still-in-grace' && d.reason.code === 'grace-period'),
  );
  return !settled && age >= tuning.decisiveRefreshAfterMs;
}
