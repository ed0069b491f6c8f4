// Week labels under the charts, in the viewer's locale.
import { weekLabel, withWeekLabels } from './chart-labels';

it('shortens ISO days for the locale and leaves other labels alone', () => {
  expect(weekLabel('2026-11-16', 'en-GB')).toBe('16 Nov');
  expect(weekLabel('2026-11-16', 'en-US')).toBe('Nov 16');
  expect(weekLabel('2026-01-05', 'de-DE')).toBe('5. Jan.');
  expect(weekLabel('2026-13-05', 'en-US')).toBe('2026-13-05');
  expect(weekLabel('Jira', 'en-US')).toBe('Jira');
  expect(withWeekLabels([{ x: '2026-03-02', y: 4, colour: 'Jira' }], 'en-GB')).toEqual([
    { x: '2 Mar', y: 4, colour: 'Jira' },
  ]);
});
