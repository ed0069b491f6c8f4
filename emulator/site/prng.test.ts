// The seeded generator and derived ids: reproducible, well spread, collision-free at scale.
import { createPrng, deterministicAccountId, deterministicToken, deterministicUuid } from './prng';

describe('prng', () => {
  it('repeats a sequence for a seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(() => createPrng(1).pick([])).toThrow(/non-empty/);
  });

  it('derives UUID-shaped ids that do not collide over 200,000 names', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(deterministicUuid(`account:person${i}@acme.example`, 0));
    expect(seen.size).toBe(200_000);
    expect(deterministicUuid('x', 1)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(deterministicAccountId('x', 1)).toBe(`712020:${deterministicUuid('x', 1)}`);
    expect(deterministicToken('k', 12)).toBe(deterministicToken('k', 12));
    expect(deterministicToken('k', 12)).toHaveLength(12);
  });
});
