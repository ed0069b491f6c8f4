// The single way a provisioning message puts unfinished users back: parked with the rate governor, re-queued at
// once, re-queued after a delay, or — after too many attempts — recorded as failed for the daily pass.
import { AtlassianApiError } from '../../clients/api-error';
import { commitProvisioningWrites } from '../../storage/provisioning-writes';
import { auditId } from '../audit-ids';
import type { Failure } from '../failures';
import { quotaRetryAfterSeconds } from '../storage-quota';
import type { RuntimeDeps } from '../runtime-deps';
import { provisioningTuning } from './provisioning-tuning';
import { PROVISION_QUEUE, type ProvisionWork } from './provisioning-work';
import { park } from './rate-governor';

/**
 * Why users go back:
 * - `gate`: the shared rate gate is closed (someone was told to wait, or users are parked ahead of these);
 * - `late`: a paced message started after its wave's second and would crowd the next;
 * - `budget`: the invocation is running out of time (no failure: the rest simply continue in a new message);
 * - `rate-limited`: Atlassian answered 429 to this message;
 * - `transient`: an outage, a storage quota or a busy queue;
 * - `conflict`: another worker is provisioning these users right now.
 */
export type HandBackReason = 'gate' | 'late' | 'budget' | 'rate-limited' | 'transient' | 'conflict';

export interface HandBack {
  reason: HandBackReason;
  users: string[];
  /** What stopped the work (absent for `gate`, `late` and `budget`). */
  failure?: Failure;
}

/** What one provisioning message did with users it could not finish. */
export interface HandBackResult {
  requeued: string[];
  gaveUp: string[];
  /** The longest delay any of them was given, in seconds. */
  delaySeconds?: number;
}

/** The reason a transient failure hands users back for. */
export function handBackReason(failure: Failure): HandBackReason {
  if (failure.kind === 'rate-limited') return 'rate-limited';
  if (failure.kind === 'conflict') return 'conflict';
  return 'transient';
}

/** Seconds before a message handed back for a failure runs again: what was asked for, else a growing back-off. */
export function retryDelaySeconds(
  failure: Pick<Failure, 'kind' | 'retryAfterSeconds'>,
  attempt: number,
  now: number,
  spreadKey: string,
): number {
  const backoff = Math.min(900, 15 * 2 ** attempt);
  switch (failure.kind) {
    case 'rate-limited':
      return Math.min(900, Math.max(failure.retryAfterSeconds ?? 0, 1));
    case 'unavailable':
      return Math.min(900, Math.max(failure.retryAfterSeconds ?? 0, backoff));
    // Storage quotas are counted per minute: back when it turns (spread), not a whole minute later.
    case 'storage-quota':
      return quotaRetryAfterSeconds(now, spreadKey);
    // Another run holds the users: it normally finishes within seconds, and its hold ends by retryAfterSeconds
    // even if it was killed, so the back-off need never wait longer than that.
    case 'conflict':
      return Math.max(5, Math.min(backoff, failure.retryAfterSeconds ?? backoff));
    default:
      return 60;
  }
}

const CONFLICT_MESSAGE = 'Another run was provisioning these users';

/** Puts `back.users` back as its reason says, adding what happened to `result`. */
export async function handBack(
  work: ProvisionWork,
  back: HandBack,
  deps: RuntimeDeps,
  result: HandBackResult,
): Promise<void> {
  const users = back.users;
  if (users.length === 0) return;
  switch (back.reason) {
    case 'gate':
    case 'late':
    case 'rate-limited': {
      // Being told to wait is not a failure: the governor paces the users back (a 429 closes the gate first).
      const refusal =
        back.failure?.error instanceof AtlassianApiError && back.failure.kind === 'rate-limited'
          ? back.failure.error
          : undefined;
      noteDelay(result, await park(work, users, deps, refusal));
      result.requeued.push(...users);
      return;
    }
    case 'budget':
      await deps.enqueue(PROVISION_QUEUE, [{ body: { ...work, accountIds: users } }]);
      result.requeued.push(...users);
      return;
    case 'transient':
    case 'conflict': {
      const attempt = work.attempt + 1;
      const maxAttempts = provisioningTuning().maxAttempts;
      if (attempt >= maxAttempts) {
        const why = back.failure?.message ?? CONFLICT_MESSAGE;
        for (const accountId of users)
          await recordProvisionFailure(
            { accountId, runId: work.runId, source: work.source, at: deps.now() },
            `Gave up after ${maxAttempts} attempts: ${why}. The daily pass will try again.`,
          );
        result.gaveUp.push(...users);
        return;
      }
      const failure = back.failure ?? { kind: 'conflict' as const };
      const wait = Math.max(1, retryDelaySeconds(failure, work.attempt, deps.now(), work.runId));
      await deps.enqueue(PROVISION_QUEUE, [
        { body: { ...work, accountIds: users, attempt }, delayInSeconds: wait },
      ]);
      result.requeued.push(...users);
      noteDelay(result, wait);
      return;
    }
  }
}

function noteDelay(result: HandBackResult, seconds: number): void {
  result.delaySeconds = Math.max(result.delaySeconds ?? 0, seconds);
}

/** A user nothing more can be done for in this run: audited and marked failed (the daily pass retries it). */
export async function recordProvisionFailure(
  user: { accountId: string; runId: string; source: string; at: number },
  message: string,
): Promise<void> {
  const { accountId, runId, source, at } = user;
  await commitProvisioningWrites({
    audit: [
      {
        id: auditId(accountId, 'provision', 'provision-failed', runId),
        at,
        accountId,
        action: 'provision-failed',
        target: 'provisioning',
        targetName: 'Provisioning',
        ruleId: '',
        reason: message,
        outcome: 'failed',
        runId,
        actor: 'app',
      },
    ],
    userState: {
      accountId,
      status: 'failed',
      updatedAt: at,
      message,
      matchedRuleIds: [],
      source,
      runId,
    },
  });
}

/**
 * A provisioning message the app stops retrying (see delivery-limit): its users are recorded as failed, with the
 * reason, for the admin and for the daily pass, which evaluates them again.
 */
export async function giveUpProvisionWork(
  work: ProvisionWork,
  reason: string,
  deps: Pick<RuntimeDeps, 'now'>,
): Promise<void> {
  console.error(`Gave up provisioning ${work.accountIds.length} user(s) of run ${work.runId}: ${reason}`);
  for (const accountId of work.accountIds)
    await recordProvisionFailure(
      { accountId, runId: work.runId, source: work.source, at: deps.now() },
      `Provisioning this user ${reason}. The daily pass will try again.`,
    );
}
