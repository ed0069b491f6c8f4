// A report is outdated when the rules or policy it used changed, or the clock moved on by more than a day.
import { outdatedReasons, REPORT_FRESH_MS, rulesVersion } from './computed-inputs';

const rule = (id: string, over: Partial<{ updatedAt: number; priority: number; enabled: boolean }> = {}) => ({
  id,
  updatedAt: 1,
  priority: 10,
  enabled: true,
  ...over,
});

it('gives the same version for the same rules in any order, and a new one for any change that matters', () => {
  const base = rulesVersion([rule('a'), rule('b')]);
  expect(rulesVersion([rule('b'), rule('a')])).toBe(base);
  const changed = [
    rulesVersion([rule('a'), rule('b', { updatedAt: 2 })]),
    rulesVersion([rule('a'), rule('b', { priority: 5 })]),
    rulesVersion([rule('a'), rule('b', { enabled: false })]),
    rulesVersion([rule('a')]),
    rulesVersion([rule('a'), rule('b'), rule('c')]),
  ];
  for (const version of changed) expect(version).not.toBe(base);
  expect(new Set(changed).size).toBe(changed.length);
});

it('says why a result is outdated: rules, policy, or a clock more than a day on', () => {
  const at = 1_000_000_000_000;
  expect(
    outdatedReasons({ rulesVersion: 'v1', at }, { rulesVersion: 'v1', now: at + REPORT_FRESH_MS }),
  ).toEqual([]);
  expect(outdatedReasons({ rulesVersion: 'v1', at }, { rulesVersion: 'v2', now: at })).toEqual([
    'rules-changed',
  ]);
  expect(
    outdatedReasons({ policyVersion: 5, at }, { policyVersion: 6, now: at + REPORT_FRESH_MS + 1 }),
  ).toEqual(['policy-changed', 'clock-moved']);
  // A dry run of an unsaved draft is outdated once a policy is saved; inputs a result does not depend on never count.
  expect(
    outdatedReasons({ policyVersion: null, at }, { policyVersion: 7, rulesVersion: 'v9', now: at }),
  ).toEqual(['policy-changed']);
});
