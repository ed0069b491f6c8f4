// Forge's invocation time limits by module (developer.atlassian.com/platform/forge/limits-invocation).
import { timeLimitMs } from './function-runner';
import type { ModuleKind } from './invocation';
import type { FunctionDef } from './manifest';

const fn = (usedBy: ModuleKind[], timeoutSeconds?: number): FunctionDef => ({
  key: 'f',
  handler: 'index.f',
  usedBy: new Set(usedBy),
  ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
});

describe('invocation time limits', () => {
  it('gives resolvers and product-event triggers 25 s whatever timeoutSeconds says', () => {
    expect(timeLimitMs('resolver', fn(['resolver'], 600))).toBe(25_000);
    expect(timeLimitMs('trigger', fn(['trigger'], 600))).toBe(25_000);
  });

  it('gives web triggers 55 s', () => {
    expect(timeLimitMs('webtrigger', fn(['webtrigger'], 600))).toBe(55_000);
  });

  it('gives consumers and scheduled triggers 55 s by default, timeoutSeconds up to 900 s', () => {
    expect(timeLimitMs('consumer', fn(['consumer']))).toBe(55_000);
    expect(timeLimitMs('scheduledTrigger', fn(['scheduledTrigger'], 120))).toBe(120_000);
    expect(timeLimitMs('consumer', fn(['consumer', 'scheduledTrigger'], 5_000))).toBe(900_000);
  });

  it('ignores timeoutSeconds on a function a trigger or a UI module also references', () => {
    expect(timeLimitMs('consumer', fn(['consumer', 'trigger'], 600))).toBe(55_000);
    expect(timeLimitMs('consumer', fn(['consumer', 'resolver'], 600))).toBe(55_000);
  });
});
