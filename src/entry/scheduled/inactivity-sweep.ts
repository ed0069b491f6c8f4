// Daily scheduled trigger: starts an inactivity clean-up run; the service decides whether one may start today.
import { startInactivityRun, type StartRunResult } from '../../services/inactivity';
import { runtimeDeps } from '../runtime';
import { notePaused } from '../../services/licence-gate';
import { licenceOf, type LicensedContext } from '../licence';

/** A scheduled trigger's error is not retried by Forge: every outcome is returned and logged instead. */
export async function inactivityDailySweep(
  _event: unknown,
  context: { installContext?: string } & LicensedContext,
): Promise<StartRunResult> {
  const deps = runtimeDeps(context.installContext);
  const licence = licenceOf(context);
  if (!licence.mayAct) {
    await notePaused(deps, licence);
    const reason = 'the app is not licensed: no inactivity run starts until the licence is active again';
    console.info(`Inactivity sweep not-started: ${reason}`);
    return { status: 'not-started', reason };
  }
  const result = await startInactivityRun(deps, {
    mode: 'live',
    trigger: 'schedule',
    requestedBy: 'app',
  });
  // An operator hears of a day without a run only when something stands in its way (a review, a bad policy).
  if (result.status === 'stopped' || (result.status === 'not-started' && !result.idle))
    console.warn(`Inactivity sweep ${result.status}: ${result.reason}`);
  return result;
}
