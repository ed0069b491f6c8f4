// The attribute values a grant rests on: what the rules granting it read, recorded when it is granted (evidence
// for access reviews) and when a review removes it (so the engine re-grants it only once those values change).
//
// Values are recorded for display (original case) and compared as the rules engine compares them: case-folded,
// missing, null, "" and [] alike, lists as sets. Groups the app itself grants or withholds are left out of
// `groups`: they change whenever the app acts, and are not the identity provider's word about the user.

import { type UserAttributes } from './rules';
import { ownValue } from './rules/own-property';
// Case folding must be exactly the engine's, or a value the rules treat as unchanged would count as changed.
import { fold, isNullLike, scalarText } from './rules/values';

/** A recorded value: text, a list of text, null (absent), or a digest of a list too long to keep. */
export type BasisValue =
  string | readonly string[] | null | { readonly digest: string; readonly count: number };

/** Attribute name (canonical, e.g. `department`, `custom.costCentre`) → its value at the time. */
export type AttributeBasis = Readonly<Record<string, BasisValue>>;

/** Lists longer than this are kept as a digest: a basis is stored with every grant, so it stays small. */
export const MAX_BASIS_LIST = 50;
/** Texts longer than this are cut for display; comparison uses the digest of the whole value. */
export const MAX_BASIS_TEXT = 200;

function rawValue(user: UserAttributes, name: string): unknown {
  if (name.startsWith('custom.')) return ownValue(user.custom, name.slice('custom.'.length));
  return ownValue(user as unknown as Record<string, unknown>, name);
}

/** FNV-1a over the text: a stable, dependency-free digest (not a security measure, only a change detector). */
function digestOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function listOf(raw: unknown, ignore: ReadonlySet<string>): string[] {
  const items = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const byFolded = new Map<string, string>();
  for (const item of items) {
    const text = scalarText(item);
    if (text === null) continue;
    const folded = fold(text);
    if (!ignore.has(folded) && !byFolded.has(folded)) byFolded.set(folded, text);
  }
  return [...byFolded.keys()].sort().map((folded) => byFolded.get(folded)!);
}

/** The value of one attribute as a basis records it. */
export function basisValue(
  user: UserAttributes,
  name: string,
  ignoreGroups: ReadonlySet<string>,
): BasisValue {
  const raw = rawValue(user, name);
  if (isNullLike(raw)) return null;
  if (Array.isArray(raw) || name === 'groups' || name === 'idpGroups') {
    const list = listOf(raw, name === 'groups' ? ignoreGroups : new Set());
    if (list.length === 0) return null;
    if (list.length <= MAX_BASIS_LIST && list.every((t) => t.length <= MAX_BASIS_TEXT)) return list;
    return { digest: digestOf(list.map(fold).join('\u001f')), count: list.length };
  }
  const text = scalarText(raw);
  if (text === null) return null;
  return text.length <= MAX_BASIS_TEXT ? text : { digest: digestOf(fold(text)), count: 1 };
}

/** The comparable form of a recorded value: folded, so "Sales" and "sales" are the same. */
function comparable(value: BasisValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `s:${fold(value)}`;
  if (Array.isArray(value)) {
    const list = value as readonly string[];
    return list.length <= MAX_BASIS_LIST && list.every((t) => t.length <= MAX_BASIS_TEXT)
      ? `l:${list.map(fold).join('\u001f')}`
      : `d:${digestOf(list.map(fold).join('\u001f'))}`;
  }
  const digest = value as { digest: string; count: number };
  return `d:${digest.digest}`;
}

/**
 * The values of `attributes` for this user. `ignoreGroups` holds folded names of groups the app manages, left
 * out of `groups`.
 */
export function basisOf(
  attributes: readonly string[],
  user: UserAttributes,
  ignoreGroups: ReadonlySet<string> = new Set(),
): AttributeBasis {
  const basis: Record<string, BasisValue> = {};
  for (const name of [...new Set(attributes)].sort()) basis[name] = basisValue(user, name, ignoreGroups);
  return basis;
}

/** The attributes of a recorded basis whose value for this user is different now, in name order. */
export function basisChanges(
  basis: AttributeBasis,
  user: UserAttributes,
  ignoreGroups: ReadonlySet<string> = new Set(),
): string[] {
  return Object.keys(basis)
    .sort()
    .filter((name) => comparable(basis[name]) !== comparable(basisValue(user, name, ignoreGroups)));
}

/** `department = Sales; groups = idp-sales, staff` for reasons and evidence. */
export function describeBasis(basis: AttributeBasis): string {
  const parts = Object.keys(basis)
    .sort()
    .map((name) => {
      const value = basis[name];
      if (value === null || value === undefined) return `${name} = (none)`;
      if (typeof value === 'string') return `${name} = ${value}`;
      if (Array.isArray(value)) return `${name} = ${(value as readonly string[]).join(', ')}`;
      return `${name} = (${(value as { count: number }).count} values)`;
    });
  return parts.length ? parts.join('; ') : '(no attributes)';
}
