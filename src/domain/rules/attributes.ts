// The user attributes rules can test: the UserAttributes shape and the catalogue the condition builder lists.

/** A pushed (custom) attribute value as the identity provider sent it. */
export type CustomAttributeValue = string | number | boolean | null | string[];

/**
 * What the rules engine knows about one user. Missing and `null` mean the same thing, and so does the empty
 * string (identity providers send "" for unset fields).
 */
export interface UserAttributes {
  accountId: string;
  email?: string | null;
  emailDomain?: string | null;
  displayName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  organization?: string | null;
  location?: string | null;
  timeZone?: string | null;
  preferredLanguage?: string | null;
  accountType?: 'atlassian' | 'app' | 'customer';
  active?: boolean;
  /** Site groups the user is in, by name, including IdP-synced groups. */
  groups?: string[];
  /** SCIM groups from the identity provider, by name. */
  idpGroups?: string[];
  /** Attributes pushed by the identity provider; names are case-sensitive. */
  custom?: Record<string, CustomAttributeValue>;
}

export type KnownAttributeName = Exclude<keyof UserAttributes, 'custom'>;

export type AttributeType = 'string' | 'boolean' | 'enum';

export interface AttributeInfo {
  /** Canonical name without the `user.` prefix, e.g. `department`. */
  readonly name: KnownAttributeName;
  /** How rules write it, e.g. `user.department`. */
  readonly path: string;
  readonly cardinality: 'single' | 'multi';
  readonly type: AttributeType;
  /** For `enum` attributes: the values it can take. */
  readonly values?: readonly string[];
  readonly label: string;
}

const text = (name: KnownAttributeName, label: string): AttributeInfo => ({
  name,
  path: `user.${name}`,
  cardinality: 'single',
  type: 'string',
  label,
});

/** Every built-in attribute, in the order the condition builder shows them. */
export const KNOWN_ATTRIBUTES: readonly AttributeInfo[] = [
  text('accountId', 'Atlassian account ID'),
  text('email', 'Email address'),
  text('emailDomain', 'Email domain'),
  text('displayName', 'Display name'),
  text('department', 'Department'),
  text('jobTitle', 'Job title'),
  text('organization', 'Organization'),
  text('location', 'Location'),
  text('timeZone', 'Time zone'),
  text('preferredLanguage', 'Preferred language'),
  {
    name: 'accountType',
    path: 'user.accountType',
    cardinality: 'single',
    type: 'enum',
    values: ['atlassian', 'app', 'customer'],
    label: 'Account type',
  },
  { name: 'active', path: 'user.active', cardinality: 'single', type: 'boolean', label: 'Account is active' },
  { name: 'groups', path: 'user.groups', cardinality: 'multi', type: 'string', label: 'Site groups' },
  {
    name: 'idpGroups',
    path: 'user.idpGroups',
    cardinality: 'multi',
    type: 'string',
    label: 'IdP (SCIM) groups',
  },
];

/** Pushed attributes are written `user.custom.<name>`; the name follows this pattern. */
export const CUSTOM_ATTRIBUTE_PREFIX = 'custom.';
export const CUSTOM_ATTRIBUTE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const byLowerName = new Map(KNOWN_ATTRIBUTES.map((a) => [a.name.toLowerCase(), a]));

/** Looks a built-in attribute up by name, ignoring case as Entra does. */
export function findKnownAttribute(name: string): AttributeInfo | undefined {
  return byLowerName.get(name.toLowerCase());
}

export function isCustomAttribute(name: string): boolean {
  return name.startsWith(CUSTOM_ATTRIBUTE_PREFIX);
}

/** `user.department` for `department`, `user.custom.cost` for `custom.cost`. */
export function attributePath(name: string): string {
  return `user.${name}`;
}
