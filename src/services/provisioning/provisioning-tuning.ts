// Provisioning's pacing and batching in one place, sized for Forge's time limits, its storage and queue quotas and
// Atlassian's rate limits; tests and the bench may override it (`withProvisioningTuning`).

export interface ProvisioningTuning {
  /** A message stops starting new users when less than this is left: one user can take seconds under latency. */
  readonly minBudgetMs: number;
  /**
   * How often a worker re-reads the shared rate gate between rounds. Every read is metered by Forge's storage
   * quota, and a worker that misses a just-closed gate for a few seconds only risks its own 429, which parks it.
   */
  readonly gateRecheckMs: number;
  /** Results are committed once this many operations are waiting (a transaction holds at most 25). */
  readonly resultFlushOps: number;
  /**
   * Users prepared together in one round: their intents share one transaction (a write against Forge's storage
   * quota), while a rate limit met halfway through a round only costs the round's attributes being read again.
   */
  readonly roundUsers: number;
  /** After this many put-backs (about a day of back-off), the user is marked failed and left to the daily pass. */
  readonly maxAttempts: number;
  /** Waves one releaser run schedules ahead (each at most 1 second apart), before it looks at the backlog again. */
  readonly wavesPerRun: number;
  /** With no rate limit known, one releaser run sends at most this many users (in a slow start, see planWaves). */
  readonly openReleaseBatch: number;
  /** No one parked for this long means arrivals have stopped, as far as the releaser can tell. */
  readonly quietBeforeEndMs: number;
  /** A paced message that starts this much after its wave's second is late (see ProvisionWork.startBy). */
  readonly lateAfterSeconds: number;
  /** Queue events per minute the releaser allows itself (Forge accepts 500 per installation; room is left). */
  readonly releaserEventsPerMinute: number;
  /** A releaser claim outlives its longest wait; if its run is lost, the backstop queues a new one after this. */
  readonly releaserTtlSeconds: number;
  /**
   * An intent is its invocation's until that invocation's Forge deadline plus this much: room for a site write it
   * sent just before being killed to land. Only then may another run take the intent over.
   */
  readonly leaseMarginMs: number;
  /**
   * How users' attributes are read: `as-needed` reads only the sources the rules need, in bulk where a message or
   * a backfill page holds several users; `every-source-one-by-one` is how it was done before (every enabled
   * source, one call per user and source), kept to compare the two.
   */
  readonly attributeReads: 'as-needed' | 'every-source-one-by-one';
}

export const DEFAULT_PROVISIONING_TUNING: ProvisioningTuning = {
  minBudgetMs: 15_000,
  gateRecheckMs: 5_000,
  resultFlushOps: 25,
  roundUsers: 10,
  maxAttempts: 12,
  wavesPerRun: 30,
  openReleaseBatch: 1_000,
  quietBeforeEndMs: 3_000,
  lateAfterSeconds: 2,
  releaserEventsPerMinute: 400,
  releaserTtlSeconds: 16 * 60,
  leaseMarginMs: 30_000,
  attributeReads: 'as-needed',
};

/** Provisioning messages running at once, at most (a Forge queue concurrency key; fixed, it names the key). */
export const PROVISION_CONCURRENCY = { key: 'provision', limit: 10 } as const;

let current: ProvisioningTuning = DEFAULT_PROVISIONING_TUNING;

/** The tuning in force (the defaults unless a test or the bench overrode some of it). */
export function provisioningTuning(): ProvisioningTuning {
  return current;
}

/** Overrides part of the tuning until the returned function is called (tests and the bench only). */
export function withProvisioningTuning(overrides: Partial<ProvisioningTuning>): () => void {
  const before = current;
  current = { ...current, ...overrides };
  return () => {
    current = before;
  };
}
