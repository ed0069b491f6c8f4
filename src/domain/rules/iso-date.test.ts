// ISO 8601 reading without the Date global: accepted forms, offsets, and impossible dates.

import { parseIsoDate } from './iso-date';

describe('parseIsoDate', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 86_400_000],
    ['2000-02-29', 951_782_400_000],
    ['2024-01-01T00:00:00Z', 1_704_067_200_000],
    ['2024-01-01T00:00Z', 1_704_067_200_000],
    ['2024-01-01 00:00:00', 1_704_067_200_000],
    ['2024-01-01T01:00:00+01:00', 1_704_067_200_000],
    ['2023-12-31T19:00:00-0500', 1_704_067_200_000],
    ['2024-01-01T00:00:00.5Z', 1_704_067_200_500],
    ['2024-01-01T00:00:00.123456789Z', 1_704_067_200_123],
    ['1969-12-31T23:59:59Z', -1000],
  ])('%s is %d', (text, expected) => {
    expect(parseIsoDate(text)).toBe(expected);
  });

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:60Z',
    '2024-01-01T10:00+25:00',
    '24-01-01',
    '2024/01/01',
    'yesterday',
    '',
    '2024-01-01T10:00:00Zjunk',
  ])('%j is not a date', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });

  it('agrees with a naive day count over four centuries', () => {
    const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const monthDays = (y: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const daysSinceEpoch = (y: number, m: number, d: number) => {
      let days = 0;
      for (let year = Math.min(y, 1970); year < Math.max(y, 1970); year++) days += leap(year) ? 366 : 365;
      if (y < 1970) days = -days;
      for (let month = 1; month < m; month++) days += monthDays(y)[month - 1]!;
      return days + d - 1;
    };
    for (let year = 1600; year <= 2400; year += 37) {
      for (const month of [1, 2, 3, 7, 12]) {
        const text = `${year}-${String(month).padStart(2, '0')}-28T13:45:07.250Z`;
        const expected =
          daysSinceEpoch(year, month, 28) * 86_400_000 + ((13 * 60 + 45) * 60 + 7) * 1000 + 250;
        expect(parseIsoDate(text)).toBe(expected);
      }
    }
  });
});
