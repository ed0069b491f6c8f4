// Reading UI Kit chart data (both documented formats) into what the preview's SVG charts draw.
import { niceMax, toCategorySeries, toSlices } from './chart-data';

describe('toCategorySeries', () => {
  it('reads an array of arrays with numeric accessors', () => {
    expect(
      toCategorySeries(
        [
          ['Mon', 4],
          ['Tue', 7],
        ],
        0,
        1,
        undefined,
      ),
    ).toEqual({
      categories: ['Mon', 'Tue'],
      series: [{ name: '', values: [4, 7] }],
    });
  });

  it('groups an array of objects by the colour accessor, keeping first-seen order and leaving gaps undefined', () => {
    const data = [
      { week: 'W1', product: 'Jira', seats: 3 },
      { week: 'W1', product: 'Confluence', seats: 1 },
      { week: 'W2', product: 'Jira', seats: 5 },
    ];
    expect(toCategorySeries(data, 'week', 'seats', 'product')).toEqual({
      categories: ['W1', 'W2'],
      series: [
        { name: 'Jira', values: [3, 5] },
        { name: 'Confluence', values: [1, undefined] },
      ],
    });
  });

  it('sums repeated points and ignores values that are not numbers', () => {
    const data = [
      ['a', 1],
      ['a', '2'],
      ['b', 'n/a'],
    ];
    expect(toCategorySeries(data, 0, 1, undefined).series[0]?.values).toEqual([3, undefined]);
  });
});

describe('toSlices', () => {
  it('sums values per colour group, labels them, and drops empty slices', () => {
    const data = [
      { p: 'jira', label: 'Jira', n: 2 },
      { p: 'conf', label: 'Confluence', n: 0 },
      { p: 'jira', label: 'Jira', n: 3 },
    ];
    expect(toSlices(data, 'p', 'n', 'label')).toEqual([{ label: 'Jira', value: 5 }]);
  });
});

describe('niceMax', () => {
  it.each([
    [0, 1],
    [3, 5],
    [7, 10],
    [11, 20],
    [240, 250],
    [0.3, 0.5],
  ])('rounds %p up to %p', (max, nice) => {
    expect(niceMax(max)).toBeCloseTo(nice);
  });
});
