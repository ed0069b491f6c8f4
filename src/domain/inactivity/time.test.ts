// Calendar arithmetic without Date: fixed known days, round trips, and bad input.
import fc from 'fast-check';
import { DAY_MS, epochMsOfIsoDay, isoDay, wholeDaysBetween } from './time';

// Values checked against Date.UTC when this test was written.
const KNOWN: readonly [string, number][] = [
  ['1970-01-01', 0],
  ['1969-12-31', -86_400_000],
  ['2000-02-29', 951_782_400_000],
  ['2024-12-31', 1_735_603_200_000],
  ['2025-03-01', 1_740_787_200_000],
  ['2100-03-01', 4_107_542_400_000],
  ['2400-02-29', 13_574_563_200_000],
];

describe('isoDay / epochMsOfIsoDay', () => {
  it.each(KNOWN)('%s is %d ms', (text, ms) => {
    expect(epochMsOfIsoDay(text)).toBe(ms);
    expect(isoDay(ms)).toBe(text);
    expect(isoDay(ms + DAY_MS - 1)).toBe(text);
  });

  it('round-trips every day from 1900 to 2400', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -25_567, max: 157_000 }),
        fc.integer({ min: 0, max: DAY_MS - 1 }),
        (d, ms) => {
          const instant = d * DAY_MS + ms;
          expect(epochMsOfIsoDay(isoDay(instant))).toBe(d * DAY_MS);
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });

  it.each(['2025-02-29', '2100-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '25-01-01', '2025-1-1'])(
    'rejects %s',
    (text) => {
      expect(() => epochMsOfIsoDay(text)).toThrow(RangeError);
    },
  );

  it('rejects a non-finite instant', () => {
    expect(() => isoDay(Number.NaN)).toThrow('finite');
  });
});

describe('wholeDaysBetween', () => {
  it('rounds down and never goes negative', () => {
    expect(wholeDaysBetween(0, DAY_MS * 3 - 1)).toBe(2);
    expect(wholeDaysBetween(0, DAY_MS * 3)).toBe(3);
    expect(wholeDaysBetween(DAY_MS, 0)).toBe(0);
  });
});
