// The safety brake: a run that would change too much is held whole for an admin's review instead of partly done.
import type { PlannedAction, UserDecision } from './decision';
import type { InactivityPolicy } from './policy';
import { type Words, words } from './words';

export type BrakeLimit = 'max-actions-per-run' | 'max-percent-of-licensed';

export interface BrakeCounts {
  readonly actions: number;
  readonly affectedUsers: number;
  readonly licensedUserCount: number;
  readonly maxActionsPerRun: number;
  readonly maxPercentOfLicensed: number;
  /** `maxPercentOfLicensed` of `licensedUserCount`, rounded down: the most users one run may touch. */
  readonly maxAffectedUsers: number;
}

export type BrakeResult =
  | {
      readonly status: 'allowed';
      readonly allowed: readonly PlannedAction[];
      readonly held: readonly PlannedAction[];
      readonly counts: BrakeCounts;
      readonly reason: null;
    }
  | {
      readonly status: 'held-for-review';
      readonly allowed: readonly PlannedAction[];
      readonly held: readonly PlannedAction[];
      readonly counts: BrakeCounts;
      readonly reason: {
        readonly limits: readonly BrakeLimit[];
        readonly message: string;
        /** The message as a key and values, for the page to say in the reader's language. */
        readonly words: Words;
      };
    };

export interface BrakeInput {
  /** Users holding at least one licence on this site at the start of the run. */
  readonly licensedUserCount: number;
  readonly policy: InactivityPolicy;
}

/**
 * Must see every planned action of the run at once: applied page by page it could not hold the run whole.
 * Warnings and report-only results are not actions; they change nothing on the site.
 */
export function applyBrake(decisions: readonly UserDecision[], input: BrakeInput): BrakeResult {
  const { licensedUserCount, policy } = input;
  if (!Number.isInteger(licensedUserCount) || licensedUserCount < 0) {
    throw new RangeError(`licensedUserCount must be a whole number of users, got ${licensedUserCount}`);
  }
  const actions = decisions.flatMap((decision) => decision.actions);
  const affectedUsers = new Set(actions.map((action) => action.accountId)).size;
  const { maxActionsPerRun, maxPercentOfLicensed } = policy.brake;
  // The epsilon keeps 7% of 100 from flooring to 6 through binary rounding; erring low only holds more runs.
  const maxAffectedUsers = Math.floor((maxPercentOfLicensed * licensedUserCount) / 100 + 1e-9);
  const counts: BrakeCounts = {
    actions: actions.length,
    affectedUsers,
    licensedUserCount,
    maxActionsPerRun,
    maxPercentOfLicensed,
    maxAffectedUsers,
  };

  const limits: BrakeLimit[] = [];
  const problems: string[] = [];
  const problemWords: Words[] = [];
  if (actions.length > maxActionsPerRun) {
    limits.push('max-actions-per-run');
    problems.push(`${actions.length} actions planned, more than the limit of ${maxActionsPerRun} per run`);
    problemWords.push(
      words('inactivity.brake.tooManyActions', { actions: actions.length, max: maxActionsPerRun }),
    );
  }
  if (affectedUsers > maxAffectedUsers) {
    limits.push('max-percent-of-licensed');
    const shares = {
      users: affectedUsers,
      licensed: licensedUserCount,
      limit: maxPercentOfLicensed,
      max: maxAffectedUsers,
    };
    problemWords.push(
      licensedUserCount === 0
        ? words('inactivity.brake.tooManyUsersOfNone', shares)
        : words('inactivity.brake.tooManyUsers', {
            ...shares,
            share: shareOf(affectedUsers, licensedUserCount),
          }),
    );
    problems.push(
      `${affectedUsers} users affected, ${percent(affectedUsers, licensedUserCount)} of ${licensedUserCount} licensed users, ` +
        `more than the limit of ${maxPercentOfLicensed}% (${maxAffectedUsers} users)`,
    );
  }
  if (limits.length === 0) return { status: 'allowed', allowed: actions, held: [], counts, reason: null };
  return {
    status: 'held-for-review',
    allowed: [],
    held: actions,
    counts,
    reason: {
      limits,
      message: `Held for review: ${problems.join('; ')}. Nothing is done until an admin approves all, some or none.`,
      words: words('inactivity.brake.held', { problems: { clauses: problemWords } }),
    },
  };
}

function percent(part: number, whole: number): string {
  if (whole === 0) return 'all';
  return `${shareOf(part, whole)}%`;
}

/** The percentage to two decimals, as a number the page formats for the reader's locale. */
function shareOf(part: number, whole: number): number {
  return Math.round((part / whole) * 10_000) / 100;
}
