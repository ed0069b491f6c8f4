// What `npm start` prints about the app's invocations: every failure, retry or timeout on its own line (an operator
// acts on those), and successes only as a periodic count by kind, so a month of scheduled triggers on the emulated
// clock is a few summary lines rather than one line per run.
import type { InvocationRecord } from './platform/function-runner';

export interface InvocationLog {
  record(record: InvocationRecord): void;
  /** Prints the successes counted since the last summary, if any. */
  flush(): void;
  stop(): void;
}

export function invocationLog(
  write: (line: string) => void,
  now: () => number,
  summaryEveryMs = 60_000,
): InvocationLog {
  let counts = new Map<string, number>();
  const flush = () => {
    if (counts.size === 0) return;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const byKind = [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${n.toLocaleString('en-US')} ${kind}`)
      .join(', ');
    write(
      `[${new Date(now()).toISOString()}] ${total.toLocaleString('en-US')} invocations succeeded (${byKind})`,
    );
    counts = new Map();
  };
  const timer = setInterval(flush, summaryEveryMs);
  timer.unref();
  return {
    record(r) {
      if (r.outcome === 'success' && !r.retryRequested) {
        counts.set(r.moduleKind, (counts.get(r.moduleKind) ?? 0) + 1);
        return;
      }
      const retry = r.retryRequested ? `, retry asked: ${r.retryRequested.retryReason}` : '';
      write(
        `[${new Date(r.startedAt).toISOString()}] ${r.moduleKind} ${r.moduleKey} → ${r.outcome} (${r.elapsedMs} ms${retry})${r.error ? ` ${r.error}` : ''}`,
      );
    },
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
