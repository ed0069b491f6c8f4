// What the app does while its installation is not licensed: nothing new starts, a queued message is parked
// whole (as a continuation the relay pushes once the licence is back), and the Overview says so. Nothing is left
// half-done: a message either ran before the licence lapsed or waits untouched; the backstop's watermark and the
// daily pass catch up on users noticed meanwhile.
import { licenceSummary, type LicenceDecision } from '../domain/licensing';
import { parkContinuation } from '../storage/continuations-repository';
import { healthOf, recordHealth } from '../storage/health-repository';
import type { RuntimeDeps } from './runtime-deps';

/** The health component the Overview shows while the app is paused for its licence. */
export const LICENCE_HEALTH = 'licence';

export const PAUSED_WORK =
  'New sign-ups are not provisioned, scheduled scans and inactivity sweeps do not run, pushes from the identity ' +
  'provider are refused and queued work waits untouched. Everything resumes by itself once the licence is active ' +
  "again: waiting work continues and the backstop and daily pass catch up on everyone noticed meanwhile. Renew or buy from the app's Marketplace listing (Manage apps).";

/** Records, once an hour at most, that the app is paused and why. */
export async function notePaused(deps: Pick<RuntimeDeps, 'now'>, decision: LicenceDecision): Promise<void> {
  await recordHealth({
    component: LICENCE_HEALTH,
    ok: false,
    message: `Paused: ${licenceSummary(decision)}. ${PAUSED_WORK}`,
    at: deps.now(),
  });
}

/** Parks a queued message untouched until the licence is back; the relay pushes it then. */
export async function parkUntilLicensed(
  deps: Pick<RuntimeDeps, 'now'>,
  decision: LicenceDecision,
  message: { queue: string; eventId: string; body: Record<string, unknown> },
): Promise<void> {
  const now = deps.now();
  // Keyed by the event: a duplicate delivery parks it once.
  await parkContinuation({
    id: `licence:${message.queue}:${message.eventId}`,
    queue: message.queue,
    body: { ...message.body, chain: 0 },
    dueAt: now,
    parkedAt: now,
    reason: `paused: ${licenceSummary(decision)}`,
  });
  await notePaused(deps, decision);
}

/** Once the licence is back, turns the Overview's "paused" into "resumed" (one storage read per call). */
export async function noteResumed(deps: Pick<RuntimeDeps, 'now'>, decision: LicenceDecision): Promise<void> {
  const previous = await healthOf(LICENCE_HEALTH);
  if (!previous || previous.ok) return;
  await recordHealth({
    component: LICENCE_HEALTH,
    ok: true,
    message: `Resumed (${licenceSummary(decision)}): waiting work continues and the backstop and daily pass catch up.`,
    at: deps.now(),
  });
}
