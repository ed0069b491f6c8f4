// A rule as the editor holds it (priority as typed), and the conversions to and from the saved Rule.
import type { Dialect, Grant, OnUnmatch, Rule } from '../../domain/rules';
import { grantKey } from '../../domain/rules';

export interface RuleDraft {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  priority: string;
  text: string;
  dialect: Dialect;
  grants: Grant[];
  onUnmatch: OnUnmatch;
  /** The rule's owner (an account id), who reviews its grants in access reviews; '' for nobody. */
  owner: string;
}

export function draftFromRule(rule: Rule): RuleDraft {
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    enabled: rule.enabled,
    priority: String(rule.priority),
    text: rule.condition.text,
    dialect: rule.condition.dialect,
    grants: rule.grants.map((g) => ({ ...g })),
    onUnmatch: rule.onUnmatch,
    owner: rule.owner ?? '',
  };
}

/** A fresh rule: a readable, unique id (ids may only hold letters, digits, ".", "_" and "-"). */
export function newDraft(nextPriority: number, uniqueSuffix: string): RuleDraft {
  return {
    id: `rule-${uniqueSuffix.replace(/[^A-Za-z0-9]/g, '').slice(0, 24) || 'new'}`,
    name: '',
    description: '',
    enabled: true,
    priority: String(nextPriority),
    text: '',
    dialect: 'entra',
    grants: [],
    onUnmatch: 'keep',
    owner: '',
  };
}

/**
 * The Rule the backend validates. A priority that is not a whole number is sent as typed (as a string) so the
 * backend's field error names it, rather than the page quietly saving another number.
 */
export function ruleFromDraft(draft: RuleDraft): Rule {
  const typed = draft.priority.trim();
  const priority = /^-?\d+$/.test(typed) ? Number(typed) : (typed as unknown as number);
  return {
    id: draft.id,
    name: draft.name.trim(),
    description: draft.description.trim(),
    enabled: draft.enabled,
    priority,
    condition: { text: draft.text, dialect: draft.dialect },
    grants: draft.grants,
    onUnmatch: draft.onUnmatch,
    ...(draft.owner ? { owner: draft.owner } : {}),
  };
}

export function addGrant(grants: readonly Grant[], grant: Grant): Grant[] {
  const key = grantKey(grant);
  return grants.some((g) => grantKey(g) === key) ? [...grants] : [...grants, grant];
}

export function removeGrant(grants: readonly Grant[], key: string): Grant[] {
  return grants.filter((g) => grantKey(g) !== key);
}

/** Moves one rule up or down in priority order; returns the new order of ids (highest priority first). */
export function moveRule(ids: readonly string[], id: string, direction: -1 | 1): string[] {
  const order = [...ids];
  const at = order.indexOf(id);
  const to = at + direction;
  if (at < 0 || to < 0 || to >= order.length) return order;
  [order[at], order[to]] = [order[to]!, order[at]!];
  return order;
}
