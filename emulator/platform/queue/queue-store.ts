// Forge async-events queue on SQLite: pushes, delayed and retried deliveries, job stats, cancellation.
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export const QUEUE_LIMITS = {
  maxEventsPerPush: 50,
  maxPushBytes: 200 * 1024,
  maxDelaySeconds: 900,
  eventsPerMinute: 500,
  /** Product events: an InvocationError or a timeout is retried at most this often. */
  maxRetries: 4,
  /**
   * Async events: retried (InvocationError, runtime error, timeout) while within this window from their push
   * (at-least-once within 24 h; the SDK's RetryContext carries the window).
   */
  retentionWindowMs: 24 * 3_600_000,
  /** Async events after a runtime error or a timeout: back-off from the first wait, doubling, up to the last. */
  backoffFirstSeconds: 60,
  backoffMaxSeconds: 900,
  /** Push requests in one chain: everything pushed downstream of one root invocation (limits-async-events). */
  maxPushesPerChain: 1_000,
} as const;

/** A chain of async events: a root invocation (not itself started by a queued event) and all its descendants. */
export interface EventChain {
  chainId: string;
  /** What started it, e.g. `scheduledTrigger:inactivity-sweep-daily`. */
  root: string;
  startedAt: number;
  /** Push requests made so far anywhere in the chain. */
  pushes: number;
}

export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData?: unknown;
  /** Async events: when the event was first pushed, and how long retries may still come (@forge/events types). */
  retentionWindow?: { startTime: string; remainingTimeMs: number };
}

export interface QueuedEvent {
  seq: number;
  eventId: string;
  queueName: string;
  jobId: string;
  body: Record<string, unknown>;
  dueAt: number;
  /** When it was pushed (the start of its retention window). */
  pushedAt: number;
  retryContext?: RetryContext;
  concurrencyKey?: string;
  concurrencyLimit?: number;
  /** The chain the push that queued this event belongs to; its consumer continues it. */
  chainId?: string;
}

interface EventRow {
  seq: number;
  event_id: string;
  queue: string;
  job_id: string;
  body: string;
  due_at: number;
  pushed_at: number;
  retry_context: string | null;
  concurrency_key: string | null;
  concurrency_limit: number | null;
  chain_id: string | null;
}

export type EventStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export class QueueStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS queue_event (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL,
        queue TEXT NOT NULL, job_id TEXT NOT NULL, body TEXT NOT NULL, due_at INTEGER NOT NULL, pushed_at INTEGER NOT NULL,
        status TEXT NOT NULL, retry_context TEXT, concurrency_key TEXT, concurrency_limit INTEGER, last_error TEXT);
      CREATE INDEX IF NOT EXISTS ix_queue_due ON queue_event (status, due_at, seq);
      CREATE INDEX IF NOT EXISTS ix_queue_job ON queue_event (queue, job_id);
      CREATE INDEX IF NOT EXISTS ix_queue_pushed ON queue_event (pushed_at);
      CREATE TABLE IF NOT EXISTS event_chain (chain_id TEXT PRIMARY KEY, root TEXT NOT NULL,
        started_at INTEGER NOT NULL, pushes INTEGER NOT NULL);
    `);
    // Files written before chains were tracked: their events start fresh chains when delivered.
    const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(queue_event)`).all();
    if (!columns.some((c) => c.name === 'chain_id'))
      db.exec(`ALTER TABLE queue_event ADD COLUMN chain_id TEXT`);
    // Deliveries that were running when the process stopped are delivered again: at-least-once.
    db.prepare(`UPDATE queue_event SET status = 'pending' WHERE status = 'running'`).run();
  }

  pushedSince(sinceMs: number): number {
    const row = this.db
      .prepare<[number], { n: number }>(
        `SELECT COUNT(*) AS n FROM queue_event WHERE pushed_at > ? AND queue NOT LIKE '\\_\\_%' ESCAPE '\\'`,
      )
      .get(sinceMs);
    return row?.n ?? 0;
  }

  push(
    queueName: string,
    jobId: string,
    events: Array<{
      body: Record<string, unknown>;
      delayInSeconds?: number;
      concurrency?: { key: string; limit: number };
    }>,
    now: number,
    /** The chain this push request belongs to (counted against its limit); none for product events. */
    chain?: { chainId: string; root: string },
  ): void {
    const insert = this.db.prepare(
      `INSERT INTO queue_event (event_id, queue, job_id, body, due_at, pushed_at, status, concurrency_key, concurrency_limit, chain_id)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    );
    this.db.transaction(() => {
      if (chain)
        this.db
          .prepare(
            `INSERT INTO event_chain (chain_id, root, started_at, pushes) VALUES (?, ?, ?, 1)
             ON CONFLICT(chain_id) DO UPDATE SET pushes = pushes + 1`,
          )
          .run(chain.chainId, chain.root, now);
      for (const event of events) {
        insert.run(
          randomUUID(),
          queueName,
          jobId,
          JSON.stringify(event.body),
          now + (event.delayInSeconds ?? 0) * 1000,
          now,
          event.concurrency?.key ?? null,
          event.concurrency?.limit ?? null,
          chain?.chainId ?? null,
        );
      }
    })();
  }

  /** The next pending events due by `now`, respecting per-key concurrency limits against running ones. */
  takeDue(now: number, max: number): QueuedEvent[] {
    const rows = this.db
      .prepare<[number], EventRow>(
        `SELECT seq, event_id, queue, job_id, body, due_at, pushed_at, retry_context, concurrency_key, concurrency_limit, chain_id
         FROM queue_event WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, seq LIMIT 500`,
      )
      .all(now);
    const running = new Map<string, number>();
    for (const r of this.db
      .prepare<[], { k: string; n: number }>(
        `SELECT concurrency_key AS k, COUNT(*) AS n FROM queue_event WHERE status = 'running' AND concurrency_key IS NOT NULL GROUP BY k`,
      )
      .all())
      running.set(r.k, r.n);
    const taken: QueuedEvent[] = [];
    const mark = this.db.prepare(`UPDATE queue_event SET status = 'running' WHERE seq = ?`);
    for (const row of rows) {
      if (taken.length >= max) break;
      if (row.concurrency_key && row.concurrency_limit) {
        const n = running.get(row.concurrency_key) ?? 0;
        if (n >= row.concurrency_limit) continue;
        running.set(row.concurrency_key, n + 1);
      }
      mark.run(row.seq);
      taken.push({
        seq: row.seq,
        eventId: row.event_id,
        queueName: row.queue,
        jobId: row.job_id,
        body: JSON.parse(row.body) as Record<string, unknown>,
        dueAt: row.due_at,
        pushedAt: row.pushed_at,
        ...(row.retry_context ? { retryContext: JSON.parse(row.retry_context) as RetryContext } : {}),
        ...(row.concurrency_key ? { concurrencyKey: row.concurrency_key } : {}),
        ...(row.concurrency_limit ? { concurrencyLimit: row.concurrency_limit } : {}),
        ...(row.chain_id ? { chainId: row.chain_id } : {}),
      });
    }
    return taken;
  }

  nextDueAt(): number | undefined {
    const row = this.db
      .prepare<[], { t: number | null }>(`SELECT MIN(due_at) AS t FROM queue_event WHERE status = 'pending'`)
      .get();
    return row?.t ?? undefined;
  }

  complete(seq: number, status: 'succeeded' | 'failed', error?: string): void {
    this.db
      .prepare(`UPDATE queue_event SET status = ?, last_error = ? WHERE seq = ?`)
      .run(status, error ?? null, seq);
  }

  retry(seq: number, dueAt: number, context: RetryContext): void {
    this.db
      .prepare(`UPDATE queue_event SET status = 'pending', due_at = ?, retry_context = ? WHERE seq = ?`)
      .run(dueAt, JSON.stringify(context), seq);
  }

  /** Push requests made so far in a chain (0 for a chain that has pushed nothing yet). */
  chainPushes(chainId: string): number {
    return (
      this.db
        .prepare<[string], { pushes: number }>(`SELECT pushes FROM event_chain WHERE chain_id = ?`)
        .get(chainId)?.pushes ?? 0
    );
  }

  chain(chainId: string): EventChain | undefined {
    const r = this.db
      .prepare<[string], { chain_id: string; root: string; started_at: number; pushes: number }>(
        `SELECT chain_id, root, started_at, pushes FROM event_chain WHERE chain_id = ?`,
      )
      .get(chainId);
    return r && { chainId: r.chain_id, root: r.root, startedAt: r.started_at, pushes: r.pushes };
  }

  /** Every chain that pushed anything, longest first. */
  chains(): EventChain[] {
    return this.db
      .prepare<[], { chain_id: string; root: string; started_at: number; pushes: number }>(
        `SELECT chain_id, root, started_at, pushes FROM event_chain ORDER BY pushes DESC, started_at`,
      )
      .all()
      .map((r) => ({ chainId: r.chain_id, root: r.root, startedAt: r.started_at, pushes: r.pushes }));
  }

  jobStats(
    queueName: string,
    jobId: string,
  ): { success: number; inProgress: number; failed: number } | undefined {
    const rows = this.db
      .prepare<[string, string], { status: EventStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM queue_event WHERE queue = ? AND job_id = ? GROUP BY status',
      )
      .all(queueName, jobId);
    if (rows.length === 0) return undefined;
    const count = (s: EventStatus) => rows.find((r) => r.status === s)?.n ?? 0;
    return {
      success: count('succeeded'),
      inProgress: count('pending') + count('running'),
      failed: count('failed') + count('cancelled'),
    };
  }

  cancelJob(queueName: string, jobId: string): boolean {
    const known = this.db
      .prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM queue_event WHERE queue = ? AND job_id = ?',
      )
      .get(queueName, jobId);
    if (!known?.n) return false;
    this.db
      .prepare(
        `UPDATE queue_event SET status = 'cancelled' WHERE queue = ? AND job_id = ? AND status = 'pending'`,
      )
      .run(queueName, jobId);
    return true;
  }

  counts(): Record<EventStatus, number> {
    const result: Record<EventStatus, number> = {
      pending: 0,
      running: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const r of this.db
      .prepare<[], { status: EventStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM queue_event GROUP BY status',
      )
      .all())
      result[r.status] = r.n;
    return result;
  }

  failures(): Array<{ queueName: string; body: unknown; error: string | null }> {
    return this.db
      .prepare<[], { queue: string; body: string; last_error: string | null }>(
        `SELECT queue, body, last_error FROM queue_event WHERE status = 'failed' ORDER BY seq`,
      )
      .all()
      .map((r) => ({ queueName: r.queue, body: JSON.parse(r.body) as unknown, error: r.last_error }));
  }
}
