// Proves the unit-test toolchain (ts-jest, strict TS) runs; removed once real domain tests exist.
describe('toolchain', () => {
  it('runs TypeScript tests', () => {
    const xs: number[] = [1, 2, 3];
    expect(xs.map((x) => x * 2)).toEqual([2, 4, 6]);
  });
});
