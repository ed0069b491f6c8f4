// Forge hosted-storage quotas per installation (developer.atlassian.com/platform/forge/limits-kvs-ce): 1,000
// requests a second, and 4,000 reads and 4,000 writes a minute counted in 10 KB units. Beyond them: 429
// RATE_LIMIT_EXCEEDED. Windows are fixed seconds and minutes of the emulated clock.
import type { Clock } from '../../contracts';
import { KvsError } from './kvs-errors';

export interface KvsQuotaConfig {
  requestsPerSecond: number;
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
  unitBytes: number;
}

export const DEFAULT_KVS_QUOTA: KvsQuotaConfig = {
  requestsPerSecond: 1_000,
  readUnitsPerMinute: 4_000,
  writeUnitsPerMinute: 4_000,
  unitBytes: 10 * 1024,
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

  constructor(
    private readonly clock: Clock,
    private readonly config: KvsQuotaConfig | 'off',
  ) {}

  units(bytes: number): number {
    if (this.config === 'off') return 1;
    return Math.max(1, Math.ceil(bytes / this.config.unitBytes));
  }

  private take(name: string, windowMs: number, limit: number, amount: number): boolean {
    const now = this.clock.now();
    const start = Math.floor(now / windowMs) * windowMs;
    let window = this.windows.get(name);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(name, window);
    }
    if (window.used + amount > limit) return false;
    window.used += amount;
    return true;
  }

  /** Charges one request of `units` reads or writes; a refusal is the error Forge's storage answers with. */
  charge(kind: KvsOpKind, units: number): KvsError | undefined {
    if (this.config === 'off') return undefined;
    const perMinute = kind === 'read' ? this.config.readUnitsPerMinute : this.config.writeUnitsPerMinute;
    if (
      !this.take('rps', 1_000, this.config.requestsPerSecond, 1) ||
      !this.take(kind, 60_000, perMinute, units)
    ) {
      this.usage.refused++;
      return new KvsError(
        429,
        'RATE_LIMIT_EXCEEDED',
        `Storage ${kind} quota exceeded for this installation (${kind === 'read' ? this.config.readUnitsPerMinute : this.config.writeUnitsPerMinute} units of ${this.config.unitBytes / 1024} KB a minute, ${this.config.requestsPerSecond} requests a second).`,
      );
    }
    if (kind === 'read') this.usage.reads += units;
    else this.usage.writes += units;
    return undefined;
  }

  /** Units a read used beyond the one charged up front (a large value); they count against the minute. */
  addReadUnits(extra: number): void {
    if (this.config === 'off' || extra <= 0) return;
    const start = Math.floor(this.clock.now() / 60_000) * 60_000;
    const window = this.windows.get('read');
    if (window && window.start === start) window.used += extra;
    else this.windows.set('read', { start, used: extra });
    this.usage.reads += extra;
  }
}
