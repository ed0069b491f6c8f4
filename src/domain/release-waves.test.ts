// The releaser's wave plan: pace, slow start, small final messages, sources kept apart, nobody lost or repeated.
import { messageUsersBeforeEnd, planWaves, WAVE_MESSAGE_USERS } from './release-waves';

const users = (n: number, source = 'event') =>
  Array.from({ length: n }, (_, i) => ({ accountId: `${source}-${i}`, source }));
const sizes = (waves: Array<Array<unknown[]>>) => waves.map((w) => w.map((m) => m.length));
const total = (waves: Array<Array<unknown[]>>) => waves.flat(2).length;

it('paces a known budget: that many users a wave, full messages until the last waves of the backlog', () => {
  const waves = planWaves(users(600), { usersPerSecond: 20, endOfBacklog: true });
  expect(waves).toHaveLength(30);
  expect(waves.every((w) => w.flat().length === 20)).toBe(true);
  const early = sizes(waves).slice(0, 30 - WAVE_MESSAGE_USERS);
  expect(early.every((w) => w.length === 1 && w[0] === WAVE_MESSAGE_USERS)).toBe(true);
  // Then messages shrink: N waves before the end, at most N users a message; the last wave, one each.
  sizes(waves).forEach((w, second) =>
    expect(Math.max(...w)).toBe(messageUsersBeforeEnd(waves.length - second)),
  );
  expect(sizes(waves)[29]).toEqual(Array.from({ length: 20 }, () => 1));
  expect(sizes(waves)[27]).toEqual([3, 3, 3, 3, 3, 3, 2]);
});

it('when more may be waiting, plans only the first waves, with full messages, and leaves the rest waiting', () => {
  const waves = planWaves(users(600), { usersPerSecond: 20, endOfBacklog: false });
  expect(waves).toHaveLength(30 - WAVE_MESSAGE_USERS);
  expect(sizes(waves).every((w) => w.length === 1 && w[0] === 20)).toBe(true);
  expect(total(waves)).toBe(200);
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
