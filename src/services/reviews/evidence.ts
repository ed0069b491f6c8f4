// The evidence a reviewer decides on: what the item recorded (which rule granted it, on which attribute values,
// when), the last activity the app knows, and on demand what the identity provider says now.
import { basisChanges, basisOf } from '../../domain/access-basis';
import { conditionOf, matchesRule } from '../../domain/rules';
import type { LiveEvidenceView, ReviewItemRowView } from '../../shared/review-views';
import { getActivity, type StoredActivity } from '../../storage/inactivity-user-repository';
import type { ReviewItem } from '../../storage/review-types';
import { getRule } from '../../storage/rules-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import { gatherAttributes, SourceFailedError } from '../provisioning/gather-attributes';
import type { RuntimeDeps } from '../runtime-deps';

/** The attributes shown for access no rule granted: the ones rules most often read. */
const MAIN_ATTRIBUTES = ['department', 'jobTitle', 'organization', 'emailDomain', 'idpGroups'];

/** Last activity on this site that matters for an item: in its product when known, else anywhere on the site. */
export function lastActiveOf(
  item: Pick<ReviewItem, 'product'>,
  activity: StoredActivity | undefined,
): { at: number | null; readAt: number | null } {
  if (!activity) return { at: null, readAt: null };
  const all = Object.values(activity.lastActiveOnSite);
  const at = item.product
    ? (activity.lastActiveOnSite[item.product] ?? null)
    : all.length
      ? Math.max(...all)
      : null;
  return { at, readAt: activity.refreshedAt };
}

/** Items as list rows, with the last activity the app has on record for each user. */
export async function withActivity(items: readonly ReviewItem[]): Promise<ReviewItemRowView[]> {
  const activity = await getActivity([...new Set(items.map((i) => i.accountId))]);
  return items.map((item) => {
    const { holder: _holder, leaseUntil: _lease, ...view } = item;
    const last = lastActiveOf(item, activity.get(item.accountId));
    return { ...view, lastActiveAt: last.at, activityReadAt: last.readAt };
  });
}

/**
 * Reads the user's attributes now from every source the settings enable (the same reads provisioning makes), and
 * compares them with what the grant rested on. A few calls to Atlassian: asked for one item at a time.
 */
export async function liveEvidence(deps: RuntimeDeps, item: ReviewItem): Promise<LiveEvidenceView> {
  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const rule = item.ruleId ? await getRule(item.ruleId) : undefined;
  const condition = rule ? conditionOf(rule) : undefined;
  const names = condition?.ok ? condition.parsed.attributes : MAIN_ATTRIBUTES;
  const activity = await getActivity([item.accountId]);
  const lastActive = lastActiveOf(item, activity.get(item.accountId)).at;
  try {
    const gathered = await gatherAttributes(item.accountId, clients, settings);
    const values = basisOf(names, gathered.attributes);
    const attributes: LiveEvidenceView['attributes'] = {};
    for (const [name, value] of Object.entries(values))
      attributes[name] =
        value === null || typeof value === 'string' || Array.isArray(value)
          ? (value as string | string[] | null)
          : `(${(value as { count: number }).count} values)`;
    return {
      itemId: item.id,
      readAt: deps.now(),
      attributes,
      changedSinceGrant: item.basis ? basisChanges(item.basis, gathered.attributes) : [],
      ruleStillMatches: condition?.ok ? matchesRule(condition.parsed, gathered.attributes) : null,
      stillHeld: item.grant.kind === 'group' ? gathered.groupIds.includes(item.grant.groupId) : null,
      sources: gathered.sources.map((s) => ({ source: s.source, status: s.status, message: s.message })),
      lastActiveAt: lastActive,
    };
  } catch (e) {
    if (!(e instanceof SourceFailedError)) throw e;
    return {
      itemId: item.id,
      readAt: deps.now(),
      attributes: {},
      changedSinceGrant: [],
      ruleStillMatches: null,
      stillHeld: null,
      sources: [{ source: e.source, status: 'failed', message: e.message }],
      lastActiveAt: lastActive,
    };
  }
}
