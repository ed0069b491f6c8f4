// Explores every order in which concurrent workers' chosen operations can land: a depth-first search over
// schedules, each replayed on a fresh app, with the platform's operation gate holding each step until the
// scheduler picks it. Deterministic: the same scenario always explores the same schedules in the same order.
import type { PlatformOperation } from '../../emulator/platform';
import type { AppHarness } from './app-harness';

/** What a worker is: code that runs an invocation tagged `tag`, or marks steps of its own with `point`. */
export type Worker = (
  app: AppHarness,
  tag: string,
  point: (label: string) => Promise<void>,
) => Promise<unknown>;

export interface InterleavingScenario {
  /** A fresh app in the starting state (called once per schedule). */
  setup(): Promise<AppHarness>;
  /** Workers by tag; each runs once per schedule, concurrently with the others. */
  workers: Record<string, Worker>;
  /** Which of a worker's operations are steps the scheduler orders; the rest go through at once. */
  isStep(operation: PlatformOperation): boolean;
  /**
   * Sees each of a worker's operations as it arrives, before it is held or goes through. After the workers'
   * first steps only the worker just released runs (the others wait at a step), so this can arrange the world
   * for that one worker (e.g. a site fault for its product calls).
   */
  onOperation?(operation: PlatformOperation): void;
  /** The invariants, checked after every schedule; `schedule` names the steps in the order they landed. */
  check(app: AppHarness, schedule: readonly string[]): Promise<void>;
}

interface Waiting {
  label: string;
  release: () => void;
}

/** A choice made at one point of a schedule: which of `options` waiting workers went next. */
interface Choice {
  taken: number;
  options: number;
}

/** Describes a gated operation for the schedule's log, e.g. `A:POST /api/v1/transaction`. */
export function describeOperation(operation: PlatformOperation): string {
  const entity = (operation.body as { entityName?: unknown } | undefined)?.entityName;
  return `${operation.method} ${operation.path}${typeof entity === 'string' ? ` [${entity}]` : ''}`;
}

/** Resolves when `ready()` holds, re-checking after each notification; fails if nothing moves for `stallMs`. */
class Monitor {
  private wake: (() => void) | undefined;

  notify(): void {
    this.wake?.();
  }

  async until(ready: () => boolean, stallMs: number, describe: () => string): Promise<void> {
    while (!ready()) {
      let timer: NodeJS.Timeout | undefined;
      const moved = await new Promise<boolean>((resolve) => {
        this.wake = () => resolve(true);
        timer = setTimeout(() => resolve(false), stallMs);
      });
      clearTimeout(timer);
      this.wake = undefined;
      if (!moved && !ready())
        throw new Error(
          `Interleaving stalled (a worker waits on something other than a step?): ${describe()}`,
        );
    }
  }
}

async function runSchedule(
  scenario: InterleavingScenario,
  prefix: readonly number[],
): Promise<{ choices: Choice[]; schedule: string[] }> {
  const app = await scenario.setup();
  const tags = Object.keys(scenario.workers);
  const waiting = new Map<string, Waiting>();
  const finished = new Set<string>();
  const failures: unknown[] = [];
  const monitor = new Monitor();
  const hold = (tag: string, label: string) =>
    new Promise<void>((release) => {
      waiting.set(tag, { label, release });
      monitor.notify();
    });
  app.platform.operationGate = async (operation) => {
    if (operation.tag === undefined || !tags.includes(operation.tag)) return;
    scenario.onOperation?.(operation);
    if (!scenario.isStep(operation)) return;
    await hold(operation.tag, describeOperation(operation));
  };
  const running = tags.map((tag) =>
    (scenario.workers[tag] as Worker)(app, tag, (label) => hold(tag, label))
      .catch((e: unknown) => failures.push(e))
      .finally(() => {
        finished.add(tag);
        monitor.notify();
      }),
  );
  const choices: Choice[] = [];
  const schedule: string[] = [];
  const settled = () => tags.every((t) => finished.has(t) || waiting.has(t));
  const state = () =>
    tags.map((t) => `${t}:${finished.has(t) ? 'done' : (waiting.get(t)?.label ?? 'running')}`).join(', ');
  try {
    for (;;) {
      await monitor.until(settled, 2_000, state);
      const ready = tags.filter((t) => waiting.has(t));
      if (ready.length === 0) break;
      const taken = ready.length === 1 ? 0 : (prefix[choices.length] ?? 0);
      if (ready.length > 1) choices.push({ taken, options: ready.length });
      const tag = ready[taken] as string;
      const step = waiting.get(tag) as Waiting;
      waiting.delete(tag);
      schedule.push(`${tag}:${step.label}`);
      step.release();
    }
    await Promise.all(running);
    if (failures.length) throw failures[0];
    await scenario.check(app, schedule);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`Schedule failed:\n  ${schedule.join('\n  ')}\n${why}`, { cause: e });
  } finally {
    app.platform.operationGate = undefined;
    await app.close();
  }
  return { choices, schedule };
}

/** The next schedule's choices after `choices`, in depth-first order; undefined when every order was tried. */
function nextPrefix(choices: readonly Choice[]): number[] | undefined {
  for (let i = choices.length - 1; i >= 0; i--) {
    const choice = choices[i] as Choice;
    if (choice.taken + 1 < choice.options)
      return [...choices.slice(0, i).map((c) => c.taken), choice.taken + 1];
  }
  return undefined;
}

/** Runs the scenario under every schedule of its steps; returns how many there were. */
export async function exploreInterleavings(
  scenario: InterleavingScenario,
  options: { maxSchedules?: number } = {},
): Promise<{ schedules: number }> {
  const max = options.maxSchedules ?? 5_000;
  let prefix: number[] | undefined = [];
  let schedules = 0;
  while (prefix) {
    if (schedules >= max) throw new Error(`More than ${max} schedules: narrow the scenario's steps`);
    const { choices } = await runSchedule(scenario, prefix);
    schedules++;
    prefix = nextPrefix(choices);
  }
  return { schedules };
}
