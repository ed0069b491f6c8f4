// How the rate governor's releaser splits waiting users into one-second waves of queue messages: paced to a known
// budget, or a slow start while none is known; small messages near the end so the last users are not kept waiting.

/** Users in one message of a wave: a message's users are handled one after another. */
export const WAVE_MESSAGE_USERS = 20;
/**
 * Near the end of a backlog, messages shrink so that they all finish about when the last wave begins: a user
 * takes roughly a second (a few calls at network latency) and a message's users go one after another, so a wave
 * N seconds before the last one gets messages of at most N users (the last wave, one user each).
 */
export function messageUsersBeforeEnd(wavesFromEnd: number): number {
  return Math.min(WAVE_MESSAGE_USERS, Math.max(1, wavesFromEnd));
}
/** The slow start stops doubling after this many seconds (2^10 messages a second is far beyond any budget). */
const MAX_DOUBLINGS = 10;

export interface WaitingUser {
  accountId: string;
  /** What noticed the user; users of one message share it (the audit trail's run differs by source). */
  source: string;
}

export interface WavePlanOptions {
  /** The pace Atlassian's budget allows; unknown (no 429 seen yet) means a slow start. */
  usersPerSecond: number | undefined;
  /** Whether these are all the users waiting (as far as anyone knows), so the last waves end the backlog. */
  endOfBacklog: boolean;
  /** Slow start: the doublings already made (the first wave has 2^step full messages). */
  slowStartStep?: number;
}

/**
 * Waves one second apart (index = seconds from now), each a list of messages (lists of users); users not in any
 * wave stay waiting for the next plan. Paced: at most
 * `usersPerSecond` users a wave. Slow start: 1, 2, 4, ... full messages a second, until a 429 sets the pace: a
 * large backlog sent at once would draw one 429 per message, and every early retry lengthens everyone's wait.
 */
export function planWaves<T extends WaitingUser>(waiting: readonly T[], options: WavePlanOptions): T[][][] {
  const bySource = new Map<string, T[]>();
  for (const user of waiting) {
    const group = bySource.get(user.source);
    if (group) group.push(user);
    else bySource.set(user.source, [user]);
  }
  const ordered = [...bySource.values()].flat();
  const waves: T[][] = [];
  for (let at = 0, second = 0; at < ordered.length; second++) {
    const size =
      options.usersPerSecond !== undefined
        ? Math.max(1, Math.floor(options.usersPerSecond))
        : WAVE_MESSAGE_USERS * 2 ** Math.min(second + (options.slowStartStep ?? 0), MAX_DOUBLINGS);
    const users = ordered.slice(at, at + size);
    at += users.length;
    waves.push(users);
  }
  // When more may be waiting, the last waves are left for the next plan: if that one reaches the end of the
  // backlog it still has room to shrink its last messages, and no full message sent now outlasts them.
  const planned =
    options.usersPerSecond !== undefined && !options.endOfBacklog
      ? waves.slice(0, Math.max(1, waves.length - WAVE_MESSAGE_USERS))
      : waves;
  return planned.map((users, second) => {
    const paced = options.endOfBacklog && options.usersPerSecond !== undefined;
    const perMessage = paced ? messageUsersBeforeEnd(planned.length - second) : WAVE_MESSAGE_USERS;
    const messages: T[][] = [];
    for (const user of users) {
      const last = messages[messages.length - 1];
      if (last && last.length < perMessage && (last[0] as T).source === user.source) last.push(user);
      else messages.push([user]);
    }
    return messages;
  });
}
