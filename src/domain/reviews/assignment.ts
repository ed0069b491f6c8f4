// Who reviews one item: the campaign's reviewer policy applied to what is known about the membership, never
// the person whose access it is (nobody certifies their own access), always exactly one person.
import type { CampaignDefinition } from './campaign';

/** What the collection step knows about one membership. */
export interface ItemFacts {
  readonly accountId: string;
  readonly grantKey: string;
  /** The rule the app's ledger names for it; null for access the app did not grant. */
  readonly ruleId: string | null;
  /** For group memberships. */
  readonly groupId?: string;
  /** For project roles. */
  readonly projectId?: string;
}

export interface AssignmentContext {
  /** Rule id → its owner (rules without an owner are absent). */
  readonly ruleOwners: ReadonlyMap<string, string>;
  /** Project id → its lead (null when Jira names none). */
  readonly projectLeads: ReadonlyMap<string, string | null>;
  /** The site admin who created the campaign: the last resort when everyone else is the subject. */
  readonly createdBy: string;
}

export type AssignmentBasis =
  | 'rule-owner'
  | 'group-owner'
  | 'project-lead'
  | 'named'
  | 'fallback-no-owner'
  | 'fallback-self-review'
  | 'creator-self-review';

export interface Assignment {
  readonly reviewer: string;
  readonly basis: AssignmentBasis;
  /** One sentence for the reviewer and the report: why this person reviews it. */
  readonly why: string;
}

/** FNV-1a: a stable spread of users over several reviewers (not a security measure). */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One of several people for this user: the same one for every item of the user, spread evenly. */
function pickFor(accountId: string, people: readonly string[]): string | undefined {
  const sorted = [...new Set(people)].sort();
  if (sorted.length === 0) return undefined;
  return sorted[hashOf(accountId) % sorted.length];
}

function candidates(
  definition: CampaignDefinition,
  facts: ItemFacts,
  ctx: AssignmentContext,
): { people: string[]; basis: AssignmentBasis; why: string; missing: string } {
  const reviewers = definition.reviewers;
  switch (reviewers.kind) {
    case 'rule-owner': {
      const owner = facts.ruleId ? ctx.ruleOwners.get(facts.ruleId) : undefined;
      return {
        people: owner ? [owner] : [],
        basis: 'rule-owner',
        why: `Owner of rule ${facts.ruleId ?? ''}`.trim(),
        missing: facts.ruleId
          ? `rule ${facts.ruleId} has no owner`
          : 'the app did not grant it, so no rule owns it',
      };
    }
    case 'group-owners': {
      const scope = definition.scope;
      const group =
        scope.kind === 'group-members' ? scope.groups.find((g) => g.groupId === facts.groupId) : undefined;
      return {
        people: [...(group?.owners ?? [])],
        basis: 'group-owner',
        why: `Owner of group ${group?.groupName ?? facts.groupId ?? ''}`.trim(),
        missing: `group ${group?.groupName ?? facts.groupId ?? ''} has no owner listed`,
      };
    }
    case 'project-lead': {
      const lead = facts.projectId ? ctx.projectLeads.get(facts.projectId) : undefined;
      return {
        people: lead ? [lead] : [],
        basis: 'project-lead',
        why: `Lead of project ${facts.projectId ?? ''}`.trim(),
        missing: `project ${facts.projectId ?? ''} has no lead`,
      };
    }
    case 'named':
      return {
        people: [...reviewers.accountIds],
        basis: 'named',
        why: 'Named reviewer of this campaign',
        missing: 'no reviewer was named',
      };
  }
}

export function assignReviewer(
  definition: CampaignDefinition,
  facts: ItemFacts,
  ctx: AssignmentContext,
): Assignment {
  const choice = candidates(definition, facts, ctx);
  const others = choice.people.filter((p) => p !== facts.accountId);
  const picked = pickFor(facts.accountId, others);
  if (picked) return { reviewer: picked, basis: choice.basis, why: choice.why };
  const selfOnly = choice.people.length > 0;
  if (definition.fallbackReviewer !== facts.accountId)
    return {
      reviewer: definition.fallbackReviewer,
      basis: selfOnly ? 'fallback-self-review' : 'fallback-no-owner',
      why: selfOnly
        ? 'Fallback reviewer: the person who would review it is the person whose access it is'
        : `Fallback reviewer: ${choice.missing}`,
    };
  return {
    reviewer: ctx.createdBy,
    basis: 'creator-self-review',
    why: 'The campaign’s creator: the fallback reviewer is the person whose access it is',
  };
}
