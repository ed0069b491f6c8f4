// The releaser's wave plan: pace, slow start, small final messages, sources kept apart, nobody lost or repeated.
import { FINAL_MESSAGE_USERS, FINAL_WAVES, planWaves, WAVE_MESSAGE_USERS } from './release-waves';

const users = (n: number, source = 'event') =>
  Array.from({ length: n }, (_, i) => ({ accountId: `${source}-${i}`, source }));
const sizes = (waves: Array<Array<unknown[]>>) => waves.map((w) => w.map((m) => m.length));
const total = (waves: Array<Array<unknown[]>>) => waves.flat(2).length;

it('paces a known budget: that many users a wave, full messages until the last waves of the backlog', () => {
  const waves = planWaves(users(600), { usersPerSecond: 20, endOfBacklog: true });
  expect(waves).toHaveLength(30);
  expect(waves.every((w) => w.flat().length === 20)).toBe(true);
  const early = sizes(waves).slice(0, 30 - FINAL_WAVES);
  const late = sizes(waves).slice(30 - FINAL_WAVES);
  expect(early.every((w) => w.length === 1 && w[0] === WAVE_MESSAGE_USERS)).toBe(true);
  expect(late.every((w) => w.every((m) => m === FINAL_MESSAGE_USERS))).toBe(true);
});

it('keeps messages full when more users may still be waiting beyond this plan', () => {
  const waves = planWaves(users(600), { usersPerSecond: 20, endOfBacklog: false });
  expect(sizes(waves).every((w) => w.length === 1)).toBe(true);
});

it('starts slowly while no budget is known: one message, then two, then four', () => {
  const waves = planWaves(users(300), { usersPerSecond: undefined, endOfBacklog: true });
  expect(sizes(waves)).toEqual([[20], [20, 20], [20, 20, 20, 20], [20, 20, 20, 20, 20, 20, 20, 20]]);
});

it('never mixes sources in a message and releases everyone exactly once', () => {
  const waiting = [...users(7, 'event'), ...users(9, 'backstop'), ...users(4, 'push')];
  const waves = planWaves(waiting, { usersPerSecond: 6, endOfBacklog: true });
  for (const message of waves.flat()) expect(new Set(message.map((u) => u.source)).size).toBe(1);
  expect(total(waves)).toBe(20);
  expect(new Set(waves.flat(2).map((u) => u.accountId)).size).toBe(20);
  expect(waves.every((w) => w.flat().length <= 6)).toBe(true);
});

it('plans nothing for nobody, and at least one user a second for a fractional pace', () => {
  expect(planWaves([], { usersPerSecond: 5, endOfBacklog: true })).toEqual([]);
  expect(planWaves(users(3), { usersPerSecond: 0.4, endOfBacklog: true })).toHaveLength(3);
});
