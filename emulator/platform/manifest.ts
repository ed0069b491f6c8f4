// Reads manifest.yml the way the Forge platform does: which function serves which module, with which limits.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { entitiesFromManifest, type EntityDefinition } from './kvs/entity-schema';
import type { AppProduct } from '../contracts';
import type { ModuleKind } from './invocation';

export interface FunctionDef {
  key: string;
  /** `file.export`, file relative to src/. */
  handler: string;
  timeoutSeconds?: number;
  /** The kinds of module that reference this function (its time limit depends on them). */
  usedBy: Set<ModuleKind>;
}

export interface TriggerDef {
  key: string;
  functionKey: string;
  events: string[];
}

export interface ScheduledDef {
  key: string;
  functionKey: string;
  interval: 'fiveMinute' | 'hour' | 'day' | 'week';
}

export interface ConsumerDef {
  key: string;
  queue: string;
  functionKey: string;
  /** Set for legacy resolver-style consumers (`resolver: {function, method}`). */
  resolverMethod?: string;
}

export interface UiModuleDef {
  moduleType: string;
  key: string;
  resolverFunctionKey?: string;
  resource?: string;
  render?: string;
}

export interface AppManifest {
  appId: string;
  runtime: string;
  functions: Map<string, FunctionDef>;
  triggers: TriggerDef[];
  scheduled: ScheduledDef[];
  consumers: ConsumerDef[];
  webtriggers: Array<{ key: string; functionKey: string }>;
  uiModules: UiModuleDef[];
  resources: Array<{ key: string; path: string }>;
  scopes: Set<string>;
  /** Scopes declared with `allowImpersonation: true` (offline user impersonation). */
  impersonationScopes: Set<string>;
  egressBackend: string[];
  entities: EntityDefinition[];
  /**
   * `app.compatibility`: one installation, in the required Atlassian app, that also serves the optional ones the
   * site has. Absent: the app is installed into each Atlassian app separately (one installation each).
   */
  compatibility?: { required: AppProduct; optional: AppProduct[] };
  /** `app.licensing.enabled`: Forge passes production installations a licence (paid via Atlassian). */
  licensingEnabled: boolean;
}

const APP_PRODUCTS: readonly AppProduct[] = ['jira', 'confluence'];

function compatibilityOf(raw: unknown): AppManifest['compatibility'] {
  if (!raw || typeof raw !== 'object') return undefined;
  const entries = Object.entries(raw as Raw).filter((e): e is [AppProduct, unknown] =>
    APP_PRODUCTS.includes(e[0] as AppProduct),
  );
  const required = entries.find(([, v]) => (v as Raw | null)?.required === true)?.[0];
  if (!required) return undefined;
  return { required, optional: entries.map(([k]) => k).filter((k) => k !== required) };
}

type Raw = Record<string, unknown>;
/** YAML scalars as text; anything else (a mapping by mistake) becomes the fallback. */
const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : fallback;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

export const INTERVAL_MS: Record<ScheduledDef['interval'], number> = {
  fiveMinute: 5 * 60_000,
  hour: 3600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

export function readManifest(path: string): AppManifest {
  const doc = parse(readFileSync(path, 'utf8')) as Raw;
  const modules = (doc.modules ?? {}) as Raw;
  const app = (doc.app ?? {}) as Raw;
  const permissions = (doc.permissions ?? {}) as Raw;

  const functions = new Map<string, FunctionDef>();
  for (const f of list(modules.function)) {
    functions.set(text(f.key), {
      key: text(f.key),
      handler: text(f.handler),
      ...(typeof f.timeoutSeconds === 'number' ? { timeoutSeconds: f.timeoutSeconds } : {}),
      usedBy: new Set(),
    });
  }

  const rawScopes = permissions.scopes;
  const scopes = new Set<string>();
  const impersonationScopes = new Set<string>();
  if (Array.isArray(rawScopes)) for (const s of rawScopes) scopes.add(text(s));
  else if (rawScopes && typeof rawScopes === 'object')
    for (const [scope, options] of Object.entries(rawScopes as Raw)) {
      scopes.add(scope);
      if ((options as Raw | null)?.allowImpersonation === true) impersonationScopes.add(scope);
    }

  const external = (permissions.external ?? {}) as Raw;
  const fetchPermissions = (external.fetch ?? {}) as Raw;
  const egressBackend = list(fetchPermissions.backend).map((entry) =>
    typeof entry === 'string' ? entry : text(entry.address),
  );

  const triggers = list(modules.trigger).map((t) => ({
    key: text(t.key),
    functionKey: text(t.function),
    events: (Array.isArray(t.events) ? (t.events as unknown[]) : []).map((e) => text(e)),
  }));
  const scheduled = list(modules.scheduledTrigger).map((t) => ({
    key: text(t.key),
    functionKey: text(t.function),
    interval: t.interval as ScheduledDef['interval'],
  }));
  const consumers = list(modules.consumer).map((c) => {
    const resolver = c.resolver as Raw | undefined;
    return {
      key: text(c.key),
      queue: text(c.queue),
      functionKey: text(resolver ? resolver.function : c.function),
      ...(resolver ? { resolverMethod: text(resolver.method) } : {}),
    };
  });
  const webtriggers = list(modules.webtrigger).map((w) => ({
    key: text(w.key),
    functionKey: text(w.function),
  }));

  const uiModules: UiModuleDef[] = [];
  for (const [moduleType, entries] of Object.entries(modules)) {
    for (const entry of list(entries)) {
      const resolver = entry.resolver as Raw | undefined;
      if (!resolver && !entry.resource) continue;
      if (['consumer', 'trigger', 'scheduledTrigger', 'webtrigger', 'function'].includes(moduleType))
        continue;
      uiModules.push({
        moduleType,
        key: text(entry.key),
        ...(resolver?.function ? { resolverFunctionKey: text(resolver.function) } : {}),
        ...(entry.resource ? { resource: text(entry.resource) } : {}),
        ...(entry.render ? { render: text(entry.render) } : {}),
      });
    }
  }

  const use = (functionKey: string | undefined, kind: ModuleKind) => {
    if (functionKey) functions.get(functionKey)?.usedBy.add(kind);
  };
  for (const t of triggers) use(t.functionKey, 'trigger');
  for (const t of scheduled) use(t.functionKey, 'scheduledTrigger');
  for (const c of consumers) use(c.functionKey, 'consumer');
  for (const w of webtriggers) use(w.functionKey, 'webtrigger');
  for (const m of uiModules) use(m.resolverFunctionKey, 'resolver');

  return {
    appId: text(app.id, 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000'),
    runtime: text((app.runtime as Raw | undefined)?.name, 'nodejs22.x'),
    functions,
    triggers,
    scheduled,
    consumers,
    webtriggers,
    uiModules,
    resources: list(doc.resources).map((r) => ({ key: text(r.key), path: text(r.path) })),
    scopes,
    impersonationScopes,
    egressBackend,
    entities: entitiesFromManifest(((app.storage ?? {}) as Raw).entities),
    ...(compatibilityOf(app.compatibility) ? { compatibility: compatibilityOf(app.compatibility) } : {}),
    licensingEnabled: ((app.licensing ?? {}) as Raw).enabled === true,
  };
}
