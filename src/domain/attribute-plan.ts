// Which attribute sources provisioning must read for a rule set: the attributes the enabled rules read decide
// it, so a source no rule needs is not read (rules on email domain and site groups need no SCIM or directory call).
//
//   attributePlan(rules, alsoReads?) → { attributes, sources, reads(source) }
//   EVERY_SOURCE: the plan that reads everything (test on a user, the trace)
//
// The Jira user is always read (it says whether the account is an active person and which groups it is in), so
// it is not a source here; the optional sources are the email API, the SCIM directory, the org directory and the
// attributes the identity provider pushed. (SCIM users are looked up by email: whoever reads SCIM reads the email
// too, if the settings enable SCIM at all.)

import { conditionOf, type Rule } from './rules';

export type AttributeSource = 'email' | 'scim' | 'org-directory' | 'pushed';

export const ATTRIBUTE_SOURCES: readonly AttributeSource[] = ['email', 'scim', 'org-directory', 'pushed'];

/** Pushed standard attributes override the other sources (see the web trigger's contract). */
const PUSHABLE: readonly AttributeSource[] = ['pushed'];

/**
 * The optional sources each built-in attribute can come from, besides the Jira user. An attribute not listed
 * (a future one) is taken to need every source: reading too much is only slower, reading too little is wrong.
 */
const SOURCES_OF: Readonly<Record<string, readonly AttributeSource[]>> = {
  accountId: [],
  accountType: [],
  active: [],
  displayName: [],
  groups: [],
  email: ['email'],
  emailDomain: ['email'],
  department: ['scim', 'org-directory', ...PUSHABLE],
  jobTitle: ['scim', 'org-directory', ...PUSHABLE],
  organization: ['scim', 'org-directory', ...PUSHABLE],
  location: ['org-directory', ...PUSHABLE],
  timeZone: ['scim', 'org-directory', ...PUSHABLE],
  preferredLanguage: ['scim', ...PUSHABLE],
  idpGroups: ['scim'],
};

const CUSTOM_PREFIX = 'custom.';

export interface AttributePlan {
  /** Canonical names of the attributes something reads (`department`, `custom.costCenter`), sorted. */
  readonly attributes: readonly string[];
  /** The optional sources to read. */
  readonly sources: ReadonlySet<AttributeSource>;
  /** Whether `attribute` is read by something (rules, or the extra needs given). */
  readonly reads: (attribute: string) => boolean;
}

function sourcesOf(attribute: string): readonly AttributeSource[] {
  if (attribute.startsWith(CUSTOM_PREFIX)) return ['pushed'];
  return SOURCES_OF[attribute] ?? ATTRIBUTE_SOURCES;
}

function planFor(attributes: readonly string[]): AttributePlan {
  const sorted = [...new Set(attributes)].sort();
  const sources = new Set<AttributeSource>(sorted.flatMap(sourcesOf));
  const read = new Set(sorted);
  return { attributes: sorted, sources, reads: (attribute) => read.has(attribute) };
}

/**
 * The sources a rule set needs: the attributes of every enabled rule whose condition parses (disabled rules and
 * unparsable conditions are never evaluated), plus `alsoReads` (attributes other work needs from the same read).
 */
export function attributePlan(rules: readonly Rule[], alsoReads: readonly string[] = []): AttributePlan {
  const attributes = [...alsoReads];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const condition = conditionOf(rule);
    if (condition.ok) attributes.push(...condition.parsed.attributes);
  }
  return planFor(attributes);
}

/** Reads every source whatever the rules say: what "test on a user" and the trace show. */
export const EVERY_SOURCE: AttributePlan = {
  attributes: [],
  sources: new Set(ATTRIBUTE_SOURCES),
  reads: () => true,
};
