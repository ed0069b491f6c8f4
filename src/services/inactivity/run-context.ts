// Everything one step of a run needs, loaded once per invocation: settings, API clients, the run and its policy.
import type { InactivityPolicy } from '../../domain/inactivity';
import type { AppSettings } from '../../shared/settings';
import { getRun, getRunPolicy } from '../../storage/inactivity-run-repository';
import type { InactivityRun } from '../../storage/inactivity-run-types';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients, type ApiClients } from '../api-clients';
import type { RuntimeDeps } from '../runtime-deps';
import { SWEEP_TUNING, type SweepTuning } from './sweep-tuning';

export interface RunContext {
  readonly deps: RuntimeDeps;
  readonly settings: AppSettings;
  readonly clients: ApiClients;
  readonly run: InactivityRun;
  readonly policy: InactivityPolicy;
  readonly tuning: SweepTuning;
}

/** Undefined when the run or its frozen policy is gone (expired, or a step of a run that never was). */
export async function loadRunContext(
  deps: RuntimeDeps,
  runId: string,
  tuning: SweepTuning = SWEEP_TUNING,
): Promise<RunContext | undefined> {
  const [run, policy, { settings }] = await Promise.all([getRun(runId), getRunPolicy(runId), loadSettings()]);
  if (!run || !policy) return undefined;
  const clients = await buildApiClients(deps, settings);
  return { deps, settings, clients, run, policy, tuning };
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (e) {
        // The other workers finish what they hold but take nothing new.
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
