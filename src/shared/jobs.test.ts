// A job's totals as the audit and the page word them: every user is in exactly one part.
import { jobTotalsText } from './jobs';

function partsOf(text: string): number[] {
  return [...text.matchAll(/([\d,]+) (?:done|failed|skipped|not reached)/g)].map((m) =>
    Number(m[1]!.replace(/,/g, '')),
  );
}

it('names the skipped users, so the parts add up to the users planned', () => {
  const text = jobTotalsText({ total: 60, done: 56, failed: 0, skipped: 4 });
  expect(text).toBe(
    '60 users: 56 done, 0 failed, 4 skipped (app and deactivated accounts, which rules never apply to)',
  );
  expect(partsOf(text).reduce((a, b) => a + b, 0)).toBe(60);
});

it('counts users a cancelled job never reached', () => {
  const text = jobTotalsText({ total: 1_200, done: 700, failed: 3, skipped: 7 });
  expect(text).toContain('490 not reached');
  expect(partsOf(text).reduce((a, b) => a + b, 0)).toBe(1_200);
});
