// The SCIM filters Atlassian supports: a single `eq` on one attribute (`userName eq "x"`), nothing else.

export type ScimFilter = { attribute: string; value: string };

/** Parses `attr eq "value"`; `allowed` lists the attribute names (compared case-insensitively). */
export function parseScimFilter(raw: string, allowed: readonly string[]): ScimFilter | { error: string } {
  const match = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(raw);
  if (!match) return { error: `Unsupported filter: ${raw}. Only a single 'eq' comparison is supported.` };
  const attribute = allowed.find((name) => name.toLowerCase() === (match[1] ?? '').toLowerCase());
  if (!attribute)
    return { error: `Filtering on '${match[1] ?? ''}' is not supported (supported: ${allowed.join(', ')}).` };
  return { attribute, value: (match[2] ?? '').replace(/\\(.)/g, '$1') };
}
