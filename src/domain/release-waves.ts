// How the rate governor's releaser splits waiting users into one-second waves of queue messages: paced to a known
// budget, or a slow start while none is known; small messages near the end so the last users are not kept waiting.

/** Users in one message of a wave: a message's users are handled one after another. */
export const WAVE_MESSAGE_USERS = 20;
/**
 * Near the end of a backlog, waves are split into messages of this many users: the last users of a long message
 * would otherwise finish long after the last wave began.
 */
export const FINAL_MESSAGE_USERS = 5;
/** Waves counted as "near the end" (about how many seconds a full message takes at network latency). */
export const FINAL_WAVES = 10;
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
}

/**
 * Waves one second apart (index = seconds from now), each a list of messages (lists of users). Paced: at most
 * `usersPerSecond` users a wave. Slow start: 1, 2, 4, ... full messages a second, until a 429 sets the pace: a
 * large backlog sent at once would draw one 429 per message, and every early retry lengthens everyone's wait.
 */
export function planWaves<T extends WaitingUser>(waiting: readonly T[], options: WavePlanOptions): T[][][] {
  const bySource = new Map<string, T[]>();
  for (const user of waiting) bySource.set(user.source, [...(bySource.get(user.source) ?? []), user]);
  const ordered = [...bySource.values()].flat();
  const waves: T[][] = [];
  for (let at = 0, second = 0; at < ordered.length; second++) {
    const size =
      options.usersPerSecond !== undefined
        ? Math.max(1, Math.floor(options.usersPerSecond))
        : WAVE_MESSAGE_USERS * 2 ** Math.min(second, MAX_DOUBLINGS);
    const users = ordered.slice(at, at + size);
    at += users.length;
    waves.push(users);
  }
  return waves.map((users, second) => {
    const final =
      options.endOfBacklog && options.usersPerSecond !== undefined && waves.length - second <= FINAL_WAVES;
    const perMessage = final ? FINAL_MESSAGE_USERS : WAVE_MESSAGE_USERS;
    const messages: T[][] = [];
    for (const user of users) {
      const last = messages[messages.length - 1];
      if (last && last.length < perMessage && (last[0] as T).source === user.source) last.push(user);
      else messages.push([user]);
    }
    return messages;
  });
}
