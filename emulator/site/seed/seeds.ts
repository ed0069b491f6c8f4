// The seeds a site can start from: empty (skeleton and admins), the demo org (~60 people), or n people.
import type { SiteContext } from '../site-context';
import { baseState, seedBase } from './base-site';
import { seededIdentity } from './identity';
import { seedPopulation, seedStructure } from './populate';

export type SeedSpec = 'empty' | 'demo' | { scale: number };

/** The demo: 58 people plus the two admins = 60 accounts. */
export const DEMO_PEOPLE = 58;

export function seatsFor(spec: SeedSpec): number {
  if (spec === 'empty') return 50;
  if (spec === 'demo') return 75;
  return Math.ceil(spec.scale * 1.1) + 10;
}

/** Replaces the context's state with a freshly seeded one. */
export function applySeed(ctx: SiteContext, spec: SeedSpec): void {
  if (typeof spec === 'object' && !(Number.isInteger(spec.scale) && spec.scale >= 0))
    throw new RangeError(`seed scale must be a non-negative integer, got ${spec.scale}`);
  ctx.state = baseState(seededIdentity(), seatsFor(spec));
  seedBase(ctx);
  if (spec === 'empty') return;
  seedStructure(ctx);
  const users = spec === 'demo' ? DEMO_PEOPLE : spec.scale;
  seedPopulation(ctx, {
    users,
    seed: spec === 'demo' ? 20260105 : 4242,
    contractorEvery: 15,
    teamGroupShare: 0.6,
  });
}
