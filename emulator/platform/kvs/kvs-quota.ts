// Forge hosted-storage quotas per installation (developer.atlassian.com/platform/forge/limits-kvs-ce): 1,000
// requests a second, and 4,000 reads and 4,000 writes a minute counted in 10 KB units. Beyond them: 429
// RATE_LIMIT_EXCEEDED; batch operations are further limited to 45 a minute (storage-reference/batchops); a
// transaction is one write charged by its size. Windows are fixed seconds and minutes of the emulated clock.
import type { Clock } from '../../contracts';
import { KvsError } from './kvs-errors';

export interface KvsQuotaConfig {
  requestsPerSecond: number;
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
  unitBytes: number;
  /** kvs.batchSet / batchGet / batchDelete requests a minute (storage-reference/batchops). */
  batchOpsPerMinute: number;
}

export const DEFAULT_KVS_QUOTA: KvsQuotaConfig = {
  requestsPerSecond: 1_000,
  readUnitsPerMinute: 4_000,
  writeUnitsPerMinute: 4_000,
  unitBytes: 10 * 1024,
  batchOpsPerMinute: 45,
};

const READ_OPS = new Set(['get', 'secret/get', 'query', 'entity/get', 'entity/query', 'batch/get']);

export type KvsOpKind = 'read' | 'write';

export function kindOf(op: string): KvsOpKind {
  return READ_OPS.has(op) ? 'read' : 'write';
}

interface Window {
  start: number;
  used: number;
}

export class KvsQuota {
  private readonly windows = new Map<string, Window>();
  readonly usage = { reads: 0, writes: 0, refused: 0 };
  /** Refusals per minute of the emulated clock (epoch minute) and kind, to see when a quota bound. */
  readonly refusalsByMinute = new Map<string, number>();
  /** Units used per operation and key family (e.g. "write transaction grant-ledger"): where a quota goes. */
  readonly usageByLabel = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly config: KvsQuotaConfig | 'off',
  ) {}

  units(bytes: number): number {
    if (this.config === 'off') return 1;
    return Math.max(1, Math.ceil(bytes / this.config.unitBytes));
  }

  private window(name: string, windowMs: number): Window {
    const start = Math.floor(this.clock.now() / windowMs) * windowMs;
    let window = this.windows.get(name);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(name, window);
    }
    return window;
  }

  /**
   * Charges one request of `units` reads or writes (and one batch operation when it is a batch); a refusal is
   * the error Forge's storage answers with, and a refused request uses up nothing.
   */
  charge(kind: KvsOpKind, units: number, isBatch = false): KvsError | undefined {
    if (this.config === 'off') return undefined;
    const perMinute = kind === 'read' ? this.config.readUnitsPerMinute : this.config.writeUnitsPerMinute;
    const perSecond = this.window('rps', 1_000);
    const minute = this.window(kind, 60_000);
    const batches = this.window('batch', 60_000);
    let refusal: string | undefined;
    if (isBatch && batches.used + 1 > this.config.batchOpsPerMinute)
      refusal = `Batch operation quota exceeded for this installation (${this.config.batchOpsPerMinute} a minute).`;
    else if (perSecond.used + 1 > this.config.requestsPerSecond || minute.used + units > perMinute)
      refusal = `Storage ${kind} quota exceeded for this installation (${perMinute} units of ${this.config.unitBytes / 1024} KB a minute, ${this.config.requestsPerSecond} requests a second).`;
    if (refusal) {
      this.usage.refused++;
      const label = `${Math.floor(this.clock.now() / 60_000)} ${isBatch && refusal.startsWith('Batch') ? 'batch' : kind}`;
      this.refusalsByMinute.set(label, (this.refusalsByMinute.get(label) ?? 0) + 1);
      return new KvsError(429, 'RATE_LIMIT_EXCEEDED', refusal);
    }
    perSecond.used++;
    minute.used += units;
    if (isBatch) batches.used++;
    if (kind === 'read') this.usage.reads += units;
    else this.usage.writes += units;
    return undefined;
  }

  /** Units a read used beyond the one charged up front (a large value); they count against the minute. */
  addReadUnits(extra: number): void {
    if (this.config === 'off' || extra <= 0) return;
    this.window('read', 60_000).used += extra;
    this.usage.reads += extra;
  }

  /** Attributes units already charged to a label, for the breakdown. */
  tally(label: string, units: number): void {
    this.usageByLabel.set(label, (this.usageByLabel.get(label) ?? 0) + units);
  }
}
