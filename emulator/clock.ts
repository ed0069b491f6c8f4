// The emulated clock shared by the platform and the site: frozen and advanced by tests, or real time plus an offset.
import type { Clock } from './contracts';

export interface EmulatorClock extends Clock {
  /** Moves time forward; never backwards. */
  advance(ms: number): void;
  /** Jumps to an absolute epoch-ms time (must not be earlier than now). */
  set(epochMs: number): void;
  readonly mode: 'manual' | 'real';
}

/** Frozen time that only moves when told: deterministic tests. */
export function createManualClock(startEpochMs: number = Date.UTC(2026, 0, 5, 9, 0, 0)): EmulatorClock {
  let now = startEpochMs;
  return {
    mode: 'manual',
    now: () => now,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`clock.advance needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
    set(epochMs) {
      if (epochMs < now)
        throw new RangeError(`clock.set cannot go back in time (${new Date(epochMs).toISOString()})`);
      now = epochMs;
    },
  };
}

/** Wall-clock time plus an offset that `advance` grows: for `npm start` and benchmarks. */
export function createRealClock(realNow: () => number = Date.now): EmulatorClock {
  let offset = 0;
  return {
    mode: 'real',
    now: () => realNow() + offset,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`clock.advance needs a non-negative number of ms, got ${ms}`);
      offset += ms;
    },
    set(epochMs) {
      const delta = epochMs - (realNow() + offset);
      if (delta < 0)
        throw new RangeError(`clock.set cannot go back in time (${new Date(epochMs).toISOString()})`);
      offset += delta;
    },
  };
}
