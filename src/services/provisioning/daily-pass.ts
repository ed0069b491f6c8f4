// The daily pass: catches whoever the events and the backstop missed (never evaluated), retries failures, and
// re-evaluates anyone not looked at for a week (an attribute change whose event was lost); also prunes the audit log.
import { pruneAudit } from '../../storage/audit-repository';
import { dropAffectedLists } from '../jobs/affected-retention';
import { recordHealth } from '../../storage/health-repository';
import { loadSettings } from '../../storage/settings-repository';
import { getUserStates } from '../../storage/user-state-repository';
import { buildApiClients } from '../api-clients';
import { chainPushesOf, continueRun } from '../chain-relay';
import type { RuntimeDeps } from '../runtime-deps';
import { JOBS_QUEUE, type JobsWork } from '../jobs/jobs-work';
import { PROVISION_QUEUE, type ProvisionWork } from './provisioning-work';

const LIST_SIZE = 200;
const DAY_MS = 86_400_000;
export const REFRESH_AFTER_MS = 7 * DAY_MS;

export async function startDailyPass(deps: RuntimeDeps): Promise<{ pruned: number }> {
  const { settings } = await loadSettings();
  const pruned = await pruneAudit(deps.now() - settings.auditRetentionDays * DAY_MS, 2_000);
  await dropAffectedLists(deps.now());
  const runId = `daily:${new Date(deps.now()).toISOString().slice(0, 10)}`;
  await deps.enqueue(JOBS_QUEUE, [
    { body: { kind: 'daily-scan', runId, startAt: 0, chain: 1 } satisfies JobsWork },
  ]);
  return { pruned };
}

/** One page of users: queue those needing work, then the next page (in a new chain when this one is long). */
export async function runDailyScanPage(
  work: Extract<JobsWork, { kind: 'daily-scan' }>,
  deps: RuntimeDeps,
): Promise<void> {
  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const users = await clients.jira.searchUsers(work.startAt, LIST_SIZE);
  const people = users
    .filter((u) => u.accountType === undefined || u.accountType === 'atlassian')
    .map((u) => u.accountId);
  const states = await getUserStates(people);
  const due = people.filter((id) => {
    const state = states.get(id);
    return !state || state.status === 'failed' || deps.now() - state.updatedAt > REFRESH_AFTER_MS;
  });
  const messages = [];
  for (let i = 0; i < due.length; i += 50)
    messages.push({
      body: {
        accountIds: due.slice(i, i + 50),
        source: 'daily',
        runId: work.runId,
        attempt: 0,
        released: false,
      } satisfies ProvisionWork,
    });
  if (messages.length) await deps.enqueue(PROVISION_QUEUE, messages);
  if (users.length === LIST_SIZE) {
    const next = { kind: 'daily-scan', runId: work.runId, startAt: work.startAt + users.length } as const;
    await continueRun(
      deps,
      { id: `daily-scan:${next.runId}:${next.startAt}`, queue: JOBS_QUEUE, body: next satisfies JobsWork },
      chainPushesOf(work) + (messages.length ? 1 : 0),
    );
  } else
    await recordHealth({
      component: 'daily-pass',
      ok: true,
      message: `Daily pass listed ${work.startAt + users.length} accounts`,
      at: deps.now(),
    });
}
