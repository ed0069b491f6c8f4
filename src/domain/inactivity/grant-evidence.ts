// When a product was (re)granted, worked out from what is known about each licence group the user holds now.
import type { ProductGrant } from './facts';
import { isoDay } from './time';

/** What the site's audit log and the app's own records say about one licence group the user is in now. */
export interface LicenceGroupEvidence {
  readonly groupName: string;
  /**
   * Since when every change to this group's membership is known (epoch ms); null when its history was never
   * read (the audit log could not be read, or the group only just became a licence group).
   */
  readonly historySince: number | null;
  /** The latest time the user was added to the group (an audit record, or a grant the app made itself). */
  readonly lastAddedAt: number | null;
  /** The latest time the user was removed from the group. */
  readonly lastRemovedAt: number | null;
}

/**
 * The product's latest (re)grant, erring towards "recent": with several licence groups the latest addition
 * counts, and anything missing makes the whole answer unknown rather than old. `reactivatedAt` is when the
 * account was last given back after a suspension, which gives back every product it holds.
 */
export function productGrantFrom(
  groups: readonly LicenceGroupEvidence[],
  reactivatedAt: number | null = null,
): ProductGrant {
  if (groups.length === 0)
    return {
      kind: 'unknown',
      why: 'the product is held through no licence group whose history the app reads',
    };
  let latestKnown: number | null = reactivatedAt;
  let latestSince: number | null = null;
  for (const group of groups) {
    const grant = groupGrant(group);
    if (grant.kind === 'unknown') return grant;
    if (grant.kind === 'known') latestKnown = Math.max(latestKnown ?? grant.at, grant.at);
    else latestSince = Math.max(latestSince ?? grant.since, grant.since);
  }
  if (latestKnown !== null && (latestSince === null || latestKnown >= latestSince))
    return { kind: 'known', at: latestKnown };
  // Every group was held since before its history starts: a grant between a known one and then is possible.
  return { kind: 'not-since', since: latestSince as number };
}

function groupGrant(group: LicenceGroupEvidence): ProductGrant {
  const { groupName, historySince, lastAddedAt, lastRemovedAt } = group;
  if (lastRemovedAt !== null && (lastAddedAt === null || lastRemovedAt >= lastAddedAt)) {
    // Still a member, so they were added back after this removal; the record of it has not been seen yet.
    return {
      kind: 'unknown',
      why: `removed from ${groupName} on ${isoDay(lastRemovedAt)} and added back since, but no record says when`,
    };
  }
  // Without the group's history even a grant the app made may have been followed by another one.
  if (historySince === null)
    return { kind: 'unknown', why: `the history of group ${groupName} has not been read` };
  if (lastAddedAt !== null && lastAddedAt >= historySince) return { kind: 'known', at: lastAddedAt };
  return { kind: 'not-since', since: historySince };
}
