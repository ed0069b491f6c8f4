// A small observable log of the page's bridge calls (newest first), shown in the site console.
export interface BridgeLogEntry {
  seq: number;
  cmd: string;
  detail: string;
  failed: boolean;
}

export class BridgeLog {
  private entries: BridgeLogEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly limit = 30) {}

  record(cmd: string, detail: string, failed = false): void {
    this.entries = [{ seq: ++this.seq, cmd, detail, failed }, ...this.entries].slice(0, this.limit);
    for (const listener of this.listeners) listener();
  }

  readonly snapshot = (): BridgeLogEntry[] => this.entries;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
