// Job progress as the page shows it: unknown until planning is done, then the share of users handled.
import { isJobFinished, jobFraction } from './job-finished';

it('reads job status and progress', () => {
  expect(['planning', 'running'].map((status) => isJobFinished({ status: status as 'planning' }))).toEqual([
    false,
    false,
  ]);
  expect(['done', 'cancelled', 'failed'].every((status) => isJobFinished({ status: status as 'done' }))).toBe(
    true,
  );
  const job = { done: 30, failed: 5, skipped: 5, total: 80, planningDone: true };
  expect(jobFraction(job)).toBe(0.5);
  expect(jobFraction({ ...job, planningDone: false })).toBeNull();
  expect(jobFraction({ ...job, total: 0 })).toBeNull();
  expect(jobFraction({ ...job, done: 200 })).toBe(1);
});
