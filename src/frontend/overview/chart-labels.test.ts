// Week labels under the charts.
import { weekLabel, withWeekLabels } from './chart-labels';

it('shortens ISO days and leaves other labels alone', () => {
  expect(weekLabel('2026-11-16')).toBe('16 Nov');
  expect(weekLabel('2026-01-05')).toBe('5 Jan');
  expect(weekLabel('2026-13-05')).toBe('2026-13-05');
  expect(weekLabel('Jira')).toBe('Jira');
  expect(withWeekLabels([{ x: '2026-03-02', y: 4, colour: 'Jira' }])).toEqual([
    { x: '2 Mar', y: 4, colour: 'Jira' },
  ]);
});
