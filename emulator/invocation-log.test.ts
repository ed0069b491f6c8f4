// npm start's invocation output: failures line by line, successes only as counts.
import { invocationLog } from './invocation-log';
import type { InvocationRecord } from './platform/function-runner';

function record(over: Partial<InvocationRecord>): InvocationRecord {
  return {
    invocationId: 'i',
    moduleKind: 'scheduledTrigger',
    moduleKey: 'backstop-every-five-minutes',
    functionKey: 'backstop',
    startedAt: Date.UTC(2026, 0, 1),
    elapsedMs: 2,
    limitMs: 900_000,
    outcome: 'success',
    attempt: 1,
    chainId: 'c',
    ...over,
  };
}

it('prints each failure, and a month of successful scheduled runs as one summary line', () => {
  const lines: string[] = [];
  const log = invocationLog(
    (l) => lines.push(l),
    () => Date.UTC(2026, 1, 1),
    3_600_000,
  );
  for (let i = 0; i < 8_640; i++) log.record(record({}));
  log.record(record({ moduleKind: 'resolver', moduleKey: 'admin' }));
  log.record(record({ outcome: 'error', moduleKey: 'daily-pass', error: 'boom' }));
  expect(lines).toEqual(['[2026-01-01T00:00:00.000Z] scheduledTrigger daily-pass → error (2 ms) boom']);
  log.stop();
  expect(lines.slice(1)).toEqual([
    '[2026-02-01T00:00:00.000Z] 8,641 invocations succeeded (8,640 scheduledTrigger, 1 resolver)',
  ]);
  log.flush();
  expect(lines).toHaveLength(2);
});
