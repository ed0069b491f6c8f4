// The Runs on Atlassian edition: Atlassian's published eligibility rules checked offline against a manifest, and
// the eligible edition derived from manifest.yml. Rules from developer.atlassian.com/platform/forge/runs-on-atlassian
// (and .../runs-on-atlassian-apps): no egress in `permissions.external` except analytics declared
// `inScopeEUD: false`; no `remotes`; web triggers only if static; storage on Forge's hosted storage. `forge
// eligibility` (Forge CLI) is the authority: this check exists so the build notices before a deploy does.

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Where an egress entry's address is: a string, or `{address}`. */
function addressOf(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (isRecord(entry) && typeof entry.address === 'string') return entry.address;
  return JSON.stringify(entry);
}

/** Analytics egress that carries no in-scope end-user data is the one kind the program allows. */
function allowedEgress(entry: unknown): boolean {
  return (
    isRecord(entry) &&
    typeof entry.category === 'string' &&
    entry.category.toLowerCase() === 'analytics' &&
    entry.inScopeEUD === false
  );
}

/** Every `permissions.external` list, by its path (fetch.backend, fetch.client, images, media, scripts, …). */
function externalLists(external: unknown, prefix = 'permissions.external'): Array<[string, unknown[]]> {
  if (!isRecord(external)) return [];
  return Object.entries(external).flatMap(([name, value]): Array<[string, unknown[]]> =>
    Array.isArray(value) ? [[`${prefix}.${name}`, value]] : externalLists(value, `${prefix}.${name}`),
  );
}

/** Why a manifest is not eligible for Runs on Atlassian; empty when it is (by the rules this check knows). */
export function runsOnAtlassianIneligibility(manifest: unknown): string[] {
  if (!isRecord(manifest)) return ['the manifest is not a YAML mapping'];
  const reasons: string[] = [];
  const permissions = isRecord(manifest.permissions) ? manifest.permissions : {};
  for (const [path, entries] of externalLists(permissions.external))
    for (const entry of entries)
      if (!allowedEgress(entry))
        reasons.push(`${path}: ${addressOf(entry)} is egress outside Atlassian-hosted compute and storage`);
  if (list(manifest.remotes).length > 0)
    reasons.push(
      `remotes: ${list(manifest.remotes)
        .map((r) => (isRecord(r) ? String(r.key) : '?'))
        .join(', ')} (a remote back end)`,
    );
  const modules = isRecord(manifest.modules) ? manifest.modules : {};
  for (const trigger of list(modules.webtrigger)) {
    const t = isRecord(trigger) ? trigger : {};
    const response = isRecord(t.response) ? t.response : {};
    if (response.type !== 'static')
      reasons.push(
        `modules.webtrigger ${String(t.key)}: a dynamic web trigger (its function writes the response); only static web triggers (response.type: static) are allowed`,
      );
  }
  return reasons;
}

/**
 * The eligible edition of a manifest: no `permissions.external` (no Admin API or SCIM at api.atlassian.com with the
 * customer's keys, no Slack/Teams/Logic Apps webhooks) and no web trigger (signed IdP pushes answer with dynamic,
 * per-field errors and Retry-After, which static responses cannot carry). Everything else stays: JIT provisioning
 * through Jira's APIs, the impersonation write path, Jira notifications, storage.
 */
export function runsOnAtlassianEdition(manifest: Raw): Raw {
  const edition = structuredClone(manifest);
  if (isRecord(edition.permissions)) delete edition.permissions.external;
  delete edition.remotes;
  const modules = isRecord(edition.modules) ? edition.modules : {};
  const dropped = new Set(list(modules.webtrigger).map((t) => (isRecord(t) ? String(t.function) : '')));
  delete modules.webtrigger;
  // A function nothing else references goes with its web trigger: its handler would be bundled for nothing.
  const stillUsed = new Set(
    Object.entries(modules)
      .filter(([kind]) => kind !== 'function')
      .flatMap(([, entries]) => list(entries))
      .flatMap((m) =>
        isRecord(m) ? [m.function, isRecord(m.resolver) ? m.resolver.function : undefined] : [],
      )
      .filter((key): key is string => typeof key === 'string'),
  );
  modules.function = list(modules.function).filter(
    (f) => !(isRecord(f) && dropped.has(String(f.key)) && !stillUsed.has(String(f.key))),
  );
  return edition;
}
