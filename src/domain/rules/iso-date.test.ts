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

  it('agrees with the platform for a spread of dates', () => {
    // The engine cannot use Date (domain rule); the test may, to check the arithmetic.
    for (let year = 1600; year <= 2400; year += 37) {
      for (const month of [1, 2, 3, 7, 12]) {
        const text = `${year}-${String(month).padStart(2, '0')}-28T13:45:07.250Z`;
        expect(parseIsoDate(text)).toBe(Date.parse(text));
      }
    }
  });
});
