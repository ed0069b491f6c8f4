// Counts who would gain or lose which grant across many plans, keeping a few examples of each.
import { describeGrant, type Grant } from '../../domain/rules';
import type { GrantImpact } from '../../shared/jobs';

const SAMPLES = 5;

export class ImpactTally {
  private readonly gains = new Map<string, GrantImpact>();
  private readonly losses = new Map<string, GrantImpact>();
  /** Everyone, not just the samples: what the preview's "Show all" lists. */
  private readonly everyone = new Map<
    string,
    { change: 'gain' | 'loss'; grantKey: string; accountIds: string[] }
  >();

  add(
    accountId: string,
    plan: {
      add: ReadonlyArray<{ grantKey: string; grant: Grant }>;
      remove: ReadonlyArray<{ grantKey: string; grant: Grant }>;
    },
  ): void {
    for (const [list, target] of [
      [plan.add, this.gains],
      [plan.remove, this.losses],
    ] as const) {
      for (const planned of list) {
        const entry = target.get(planned.grantKey) ?? {
          grantKey: planned.grantKey,
          name: describeGrant(planned.grant),
          count: 0,
          sampleAccountIds: [],
        };
        entry.count++;
        const change = target === this.gains ? 'gain' : 'loss';
        const all = this.everyone.get(`${change}:${planned.grantKey}`) ?? {
          change,
          grantKey: planned.grantKey,
          accountIds: [],
        };
        all.accountIds.push(accountId);
        this.everyone.set(`${change}:${planned.grantKey}`, all);
        if (entry.sampleAccountIds.length < SAMPLES) entry.sampleAccountIds.push(accountId);
        target.set(planned.grantKey, entry);
      }
    }
  }

  /** Every affected user per grant change, in the order they were planned. */
  affected(): { change: 'gain' | 'loss'; grantKey: string; accountIds: string[] }[] {
    return [...this.everyone.values()];
  }

  result(): { gains: GrantImpact[]; losses: GrantImpact[] } {
    const sorted = (m: Map<string, GrantImpact>) =>
      [...m.values()].sort((a, b) => b.count - a.count || (a.grantKey < b.grantKey ? -1 : 1));
    return { gains: sorted(this.gains), losses: sorted(this.losses) };
  }
}

/** Merges page tallies into one, summing counts and keeping the first samples. */
export function mergeImpacts(lists: GrantImpact[][]): GrantImpact[] {
  const merged = new Map<string, GrantImpact>();
  for (const list of lists)
    for (const item of list) {
      const entry = merged.get(item.grantKey) ?? { ...item, count: 0, sampleAccountIds: [] };
      entry.count += item.count;
      for (const id of item.sampleAccountIds)
        if (entry.sampleAccountIds.length < SAMPLES) entry.sampleAccountIds.push(id);
      merged.set(item.grantKey, entry);
    }
  return [...merged.values()].sort((a, b) => b.count - a.count || (a.grantKey < b.grantKey ? -1 : 1));
}
