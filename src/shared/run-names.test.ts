// Runs are named by when they started, read from their ids.
import { runName, RunName, runStartOf } from './run-names';

it('names a run by the start time its id carries', () => {
  expect(runStartOf('20261216T150749816Z-live')).toBe(Date.UTC(2026, 11, 16, 15, 7, 49, 816));
  expect(runName('20261216T150749816Z-live')).toBe('the run of 16 Dec 2026, 15:07 UTC');
  expect(RunName('20260105T080000000Z-dry')).toBe('The dry run of 5 Jan 2026, 08:00 UTC');
  expect(runStartOf('run-1')).toBeNull();
  expect(runName('run-1')).toBe('an earlier run');
});
