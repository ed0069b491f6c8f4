// Daily scheduled trigger: starts an inactivity clean-up run; the service decides whether one may start today.
import { startInactivityRun, type StartRunResult } from '../../services/inactivity';
import { runtimeDeps } from '../runtime';

/** A scheduled trigger's error is not retried by Forge: every outcome is returned and logged instead. */
export async function inactivityDailySweep(
  _event: unknown,
  context: { installContext?: string },
): Promise<StartRunResult> {
  const result = await startInactivityRun(runtimeDeps(context.installContext), {
    mode: 'live',
    trigger: 'schedule',
    requestedBy: 'app',
  });
  if (result.status !== 'started') console.info(`Inactivity sweep ${result.status}: ${result.reason}`);
  return result;
}
