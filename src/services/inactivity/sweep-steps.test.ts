import { parseSweepStep, stepName } from './sweep-steps';
import { pacingDelaySeconds, SWEEP_TUNING } from './sweep-tuning';

describe('parseSweepStep', () => {
  it('accepts each step and refuses malformed bodies', () => {
    expect(parseSweepStep({ kind: 'page', runId: 'r', startAt: 50, wait: 0 })).toEqual({
      kind: 'page',
      runId: 'r',
      startAt: 50,
      wait: 0,
    });
    expect(parseSweepStep({ kind: 'grants', runId: 'r', round: 3 })).toEqual({
      kind: 'grants',
      runId: 'r',
      round: 3,
    });
    expect(parseSweepStep({ kind: 'grants', runId: 'r', round: -1 })).toBeUndefined();
    expect(parseSweepStep({ kind: 'finalize', runId: 'r' })).toEqual({ kind: 'finalize', runId: 'r' });
    expect(parseSweepStep({ kind: 'execute', runId: 'r', round: 2 })).toEqual({
      kind: 'execute',
      runId: 'r',
      round: 2,
    });
    expect(
      parseSweepStep({ kind: 'restore', runId: 'r', round: 0, by: 'admin', requestedAt: 5, cursor: 'c' }),
    ).toEqual({
      kind: 'restore',
      runId: 'r',
      round: 0,
      by: 'admin',
      requestedAt: 5,
      cursor: 'c',
    });
    expect(parseSweepStep({ kind: 'page', runId: 'r', startAt: -1, wait: 0 })).toBeUndefined();
    expect(parseSweepStep({ kind: 'page', runId: '', startAt: 0, wait: 0 })).toBeUndefined();
    expect(parseSweepStep({ kind: 'explode', runId: 'r' })).toBeUndefined();
    expect(parseSweepStep('page')).toBeUndefined();
  });

  it('names every step of a run distinctly, and a retried page apart from the first try', () => {
    const names = [
      stepName({ kind: 'grants', runId: 'r', round: 0 }),
      stepName({ kind: 'grants', runId: 'r', round: 1 }),
      stepName({ kind: 'page', runId: 'r', startAt: 0, wait: 0 }),
      stepName({ kind: 'page', runId: 'r', startAt: 0, wait: 1 }),
      stepName({ kind: 'page', runId: 'r', startAt: 50, wait: 0 }),
      stepName({ kind: 'finalize', runId: 'r' }),
      stepName({ kind: 'execute', runId: 'r', round: 0 }),
      stepName({ kind: 'restore', runId: 'r', round: 0, by: 'a', requestedAt: 1 }),
      stepName({ kind: 'restore', runId: 'r', round: 0, by: 'a', requestedAt: 2 }),
    ];
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('pacingDelaySeconds', () => {
  it('spaces pages so the Admin API sees at most activityCallsPerMinute', () => {
    expect(pacingDelaySeconds({ activity: SWEEP_TUNING.activityCallsPerMinute, jira: 0 })).toBe(60);
    expect(pacingDelaySeconds({ activity: 40, jira: 51 })).toBe(15);
    expect(pacingDelaySeconds({ activity: 0, jira: SWEEP_TUNING.jiraCallsPerMinute / 2 })).toBe(30);
    expect(pacingDelaySeconds({ activity: 0, jira: 0 })).toBe(0);
    expect(pacingDelaySeconds({ activity: 100_000, jira: 0 })).toBe(900);
  });
});
