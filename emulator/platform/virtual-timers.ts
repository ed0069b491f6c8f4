// Timers inside invocations on an emulated (manual) clock: a handler's `setTimeout` (a back-off, a Retry-After
// wait) fires when the platform moves the clock, not after real waiting, so tests advance time instead of sleeping.
import type { EmulatorClock } from '../clock';
import type { Invocation } from './invocation';

interface PendingTimer {
  due: number;
  seq: number;
  fire: () => void;
  invocation: Invocation;
}

/** What `setTimeout` returns for a virtual timer: enough of Node's Timeout for callers to clear or unref it. */
export class VirtualTimeout {
  constructor(readonly id: number) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

export class VirtualTimers {
  private readonly pending = new Map<number, PendingTimer>();
  private seq = 0;
  private pumpScheduled = false;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly realSetImmediate: (fn: () => void) => unknown,
  ) {}

  schedule(invocation: Invocation, fn: () => void, ms: number): VirtualTimeout {
    const id = ++this.seq;
    // Whole milliseconds, as Node's timers keep them: Date.now() never turns fractional.
    const delay = Math.max(0, Number.isFinite(ms) ? Math.trunc(ms) : 0);
    this.pending.set(id, {
      due: this.clock.now() + delay,
      seq: id,
      invocation,
      fire: () => {
        // The wait was real time in production: it counts against the invocation's limit.
        invocation.charge(delay);
        fn();
      },
    });
    this.schedulePump();
    return new VirtualTimeout(id);
  }

  clear(handle: unknown): boolean {
    if (!(handle instanceof VirtualTimeout)) return false;
    this.pending.delete(handle.id);
    return true;
  }

  get size(): number {
    return this.pending.size;
  }

  /**
   * Runs once the event loop has nothing else to do (every in-flight invocation is waiting on a virtual timer):
   * moves the clock to the earliest timer and fires the timers due then.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    this.realSetImmediate(() => {
      this.pumpScheduled = false;
      if (this.pending.size === 0) return;
      const earliest = Math.min(...[...this.pending.values()].map((t) => t.due));
      if (earliest > this.clock.now()) this.clock.set(earliest);
      const due = [...this.pending.values()]
        .filter((t) => t.due <= this.clock.now())
        .sort((a, b) => a.due - b.due || a.seq - b.seq);
      for (const timer of due) {
        this.pending.delete(timer.seq);
        if (timer.invocation.killed) continue;
        timer.fire();
      }
      if (this.pending.size) this.schedulePump();
    });
  }
}
