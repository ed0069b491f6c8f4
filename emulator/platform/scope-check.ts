// What Forge's proxy checks before a product call: the app's manifest must hold every scope of one of the
// operation's documented scope sets (classic `security`, or a granular `x-atlassian-oauth2-scopes` entry).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteProduct } from '../contracts';
import { PathMatcher } from '../site/openapi/path-matcher';
import { DEFAULT_SPEC_DIR, SPEC_MOUNTS } from '../site/openapi/spec-documents';

interface Operation {
  security?: Array<Record<string, string[]>>;
  'x-atlassian-oauth2-scopes'?: Array<{ scopes?: string[] }>;
}

type ScopeSets = string[][];

function scopeSets(operation: Operation): ScopeSets {
  const sets: ScopeSets = [];
  for (const requirement of operation.security ?? []) {
    const scopes = Object.values(requirement).flat();
    if (scopes.length) sets.push(scopes);
  }
  for (const entry of operation['x-atlassian-oauth2-scopes'] ?? [])
    if (entry.scopes?.length) sets.push(entry.scopes);
  return sets;
}

export function createScopeCheck(specDir = DEFAULT_SPEC_DIR) {
  const matchers = new Map<SiteProduct, PathMatcher<Record<string, ScopeSets>>>();
  for (const mount of SPEC_MOUNTS) {
    if (mount.product === 'api') continue;
    const document = JSON.parse(readFileSync(join(specDir, mount.file), 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
    };
    let matcher = matchers.get(mount.product);
    if (!matcher) matchers.set(mount.product, (matcher = new PathMatcher()));
    for (const [template, operations] of Object.entries(document.paths)) {
      const byMethod: Record<string, ScopeSets> = {};
      for (const [method, operation] of Object.entries(operations))
        byMethod[method.toUpperCase()] = scopeSets(operation);
      matcher.add(mount.basePath + template, byMethod);
    }
  }

  return (granted: Set<string>, product: SiteProduct, method: string, path: string): string | undefined => {
    const lookup = matchers.get(product)?.lookup(path.split('?')[0] ?? path);
    if (!lookup?.ok) return undefined;
    for (const match of lookup.matches) {
      const sets = match.value[method];
      if (!sets) continue;
      if (sets.length === 0 || sets.some((set) => set.every((scope) => granted.has(scope)))) return undefined;
      return `${method} ${match.template} needs one of these scope sets in manifest.yml: ${sets
        .map((set) => set.join(' + '))
        .join(' | ')}`;
    }
    return undefined;
  };
}
