// The preview's HTTP surface: the page at `/`, the built bundles, and its JSON API under /__preview/ (state,
// resolver calls as the viewing user, product fetches from the page, user search, the activity feed, and the
// clock, which moves through the platform so due schedules run; other console actions use the site's API).
import { localeFileResponse } from '../../platform/locales';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ForgePlatform } from '../../platform';
import { createScopeCheck } from '../../platform/scope-check';
import type { SiteProduct } from '../../contracts';
import type { Site } from '../../site/site';
import type { PreviewBundles } from '../build/preview-bundles';
import { HttpError, readJsonObject, requireString, sendError, sendJson } from './http-json';
import { previewPersonas, type Persona } from './personas';
import { buildFailureHtml, previewHtml } from './preview-page';
import { sendStatic } from './static-files';

export type PreviewPlatform = Pick<
  ForgePlatform,
  'invokeResolver' | 'manifest' | 'locales' | 'invocations' | 'advance' | 'now' | 'clock'
>;

export type PreviewSite = Pick<
  Site,
  'cloudId' | 'siteUrl' | 'handle' | 'credentials' | 'account' | 'groupMembers' | 'auditRecords'
>;

export interface PreviewDeps {
  platform: PreviewPlatform;
  site: PreviewSite;
  bundles: PreviewBundles;
  /**
   * Rebuilds the bundles if their sources changed (esbuild, cached): called on each page load, so editing the
   * page and reloading the browser shows the change. A failed build is shown instead of the page.
   */
  rebuild?: () => Promise<PreviewBundles>;
  /** The environment id the platform gives invocations (getContext reports the same). */
  environmentId?: string;
}

/** Returns true when it answered the request, false when the path is not the preview's. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const FEED_LENGTH = 40;
const USER_SEARCH_LIMIT = 20;
const ADMIN_PAGE = 'jira:adminPage';

interface AdminModule {
  moduleKey: string;
  functionKey: string | undefined;
}

function adminModule(platform: PreviewPlatform): AdminModule {
  const ui = platform.manifest.uiModules.find((m) => m.moduleType === ADMIN_PAGE);
  return { moduleKey: ui?.key ?? 'admin-page', functionKey: ui?.resolverFunctionKey };
}

function productOf(value: unknown): SiteProduct {
  if (value === 'jira' || value === 'confluence') return value;
  throw new HttpError(
    400,
    `"product" must be "jira" or "confluence" (the page can only fetch those), got ${JSON.stringify(value)}`,
  );
}

function headerPairs(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (Array.isArray(value))
    for (const pair of value)
      if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string')
        headers[pair[0].toLowerCase()] = pair[1];
  return headers;
}

export function createPreviewRoutes(deps: PreviewDeps): RouteHandler {
  const { platform, site } = deps;
  let bundles = deps.bundles;
  let building: Promise<PreviewBundles> | undefined;
  const missingScope = createScopeCheck();
  const admin = adminModule(platform);
  let personas: Persona[] | undefined;
  // Personas come from the seeded site; computed on first use so a reseed before then is honoured.
  const personaList = (): Persona[] => (personas ??= previewPersonas(site));
  let advancing = false;

  function requireAccount(body: Record<string, unknown>): string {
    const accountId = requireString(body, 'accountId');
    if (!site.account(accountId)) throw new HttpError(400, `no account ${accountId} on the emulated site`);
    return accountId;
  }

  function state(): unknown {
    return {
      personas: personaList(),
      context: {
        cloudId: site.cloudId,
        siteUrl: site.siteUrl,
        locale: 'en-US',
        timezone: 'Etc/UTC',
        environmentId: deps.environmentId ?? 'local-preview',
        environmentType: 'DEVELOPMENT',
        moduleKey: admin.moduleKey,
        extension: { type: ADMIN_PAGE },
        theme: {
          colorMode: 'light',
          light: 'light',
          dark: 'dark',
          spacing: 'spacing',
          typography: 'typography',
        },
        surfaceColor: null,
      },
      app: { entry: bundles.app.entry, isDemo: bundles.app.isDemo },
      /** The locales the app translates to (the manifest's `translations`), the first being the default. */
      locales: [
        platform.locales.defaultLocale,
        ...platform.locales.locales.filter((l) => l !== platform.locales.defaultLocale),
      ],
      siteUrl: site.siteUrl,
      clock: { now: platform.now(), mode: platform.clock.mode },
    };
  }

  async function invoke(req: IncomingMessage): Promise<unknown> {
    const body = await readJsonObject(req);
    const accountId = requireAccount(body);
    const key = requireString(body, 'functionKey');
    const payload = body.payload ?? {};
    if (typeof payload !== 'object' || Array.isArray(payload) || payload === null)
      throw new HttpError(400, '"payload" must be a JSON object, as invoke() sends');
    try {
      const result = await platform.invokeResolver({
        key,
        payload: payload as Record<string, unknown>,
        accountId,
        extension: { type: ADMIN_PAGE },
        ...(admin.functionKey ? { functionKey: admin.functionKey } : {}),
      });
      return { ok: true, result: result === undefined ? null : result };
    } catch (e) {
      // The page sees what Forge gives it: invoke() rejects with an Error carrying the message.
      return { ok: false, error: { name: 'Error', message: e instanceof Error ? e.message : String(e) } };
    }
  }

  async function fetchProduct(req: IncomingMessage): Promise<unknown> {
    const body = await readJsonObject(req);
    const accountId = requireAccount(body);
    const product = productOf(body.product);
    const path = requireString(body, 'restPath');
    const init = (body.fetchRequestInit ?? {}) as Record<string, unknown>;
    const method = (typeof init.method === 'string' ? init.method : 'GET').toUpperCase();
    const scopeProblem = missingScope(platform.manifest.scopes, product, method, path.split('?')[0] ?? path);
    if (scopeProblem)
      return {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 401, message: `Unauthorized; scope does not match. ${scopeProblem}` }),
        isAttachment: false,
      };
    const response = await site.handle({
      product,
      method,
      path,
      headers: headerPairs(init.headers),
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
      principal: { kind: 'user', accountId, impersonated: false },
    });
    return {
      status: response.status,
      statusText: '',
      headers: response.headers,
      body: response.body ?? '',
      isAttachment: false,
    };
  }

  function users(url: URL): unknown {
    const accountId = url.searchParams.get('accountId');
    const toUser = (id: string): unknown => {
      const a = site.account(id);
      return a ? { accountId: a.accountId, displayName: a.displayName, email: a.email } : undefined;
    };
    if (accountId) return [toUser(accountId)].filter(Boolean);
    const query = (url.searchParams.get('query') ?? '').toLowerCase();
    const found: unknown[] = [];
    const seen = new Set<string>();
    for (const group of ['jira-software-users', 'confluence-users'])
      for (const id of site.groupMembers(group)) {
        if (found.length >= USER_SEARCH_LIMIT || seen.has(id)) continue;
        seen.add(id);
        const a = site.account(id);
        if (!a || a.accountType !== 'atlassian') continue;
        if (query && !a.displayName.toLowerCase().includes(query) && !a.email.toLowerCase().includes(query))
          continue;
        found.push({ accountId: a.accountId, displayName: a.displayName, email: a.email });
      }
    return found;
  }

  function activity(): unknown {
    return {
      now: platform.now(),
      invocations: platform.invocations.slice(-FEED_LENGTH).reverse(),
      audit: site
        .auditRecords()
        .slice(-FEED_LENGTH)
        .reverse()
        .map((a) => ({
          id: a.id,
          created: a.created,
          summary: a.summary,
          category: a.category,
          eventSource: a.eventSource,
          objectName: a.objectItem.name,
        })),
    };
  }

  async function advance(req: IncomingMessage): Promise<unknown> {
    const body = await readJsonObject(req);
    const ms = body.ms;
    if (typeof ms !== 'number' || !(ms > 0) || ms > 366 * 86_400_000)
      throw new HttpError(400, '"ms" must be a positive number of milliseconds, at most a year');
    if (advancing) throw new HttpError(409, 'the clock is already being advanced');
    advancing = true;
    const before = platform.invocations.length;
    try {
      // Through the platform, so schedules and queued deliveries that fall due on the way run, in order.
      await platform.advance(ms);
    } finally {
      advancing = false;
    }
    return { now: platform.now(), ran: platform.invocations.length - before };
  }

  const get: Record<string, (url: URL) => unknown> = {
    '/__preview/state': state,
    '/__preview/users': users,
    '/__preview/activity': activity,
  };
  const post: Record<string, (req: IncomingMessage) => Promise<unknown>> = {
    '/__preview/invoke': invoke,
    '/__preview/fetch-product': fetchProduct,
    '/__preview/clock/advance': advance,
  };

  /** One build at a time; concurrent page loads wait for it. Returns the build error's text, if any. */
  async function refreshBundles(rebuild: () => Promise<PreviewBundles>): Promise<string | undefined> {
    try {
      building ??= rebuild();
      bundles = await building;
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    } finally {
      building = undefined;
    }
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    try {
      if (method === 'GET' && path === '/favicon.ico') {
        res.writeHead(204).end();
        return true;
      }
      if (method === 'GET' && (path === '/' || path === '/index.html')) {
        if (deps.rebuild) {
          const failure = await refreshBundles(deps.rebuild);
          if (failure) {
            res.writeHead(500, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
            res.end(buildFailureHtml(failure));
            return true;
          }
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(previewHtml(bundles.app.dir));
        return true;
      }
      // The page's translations, fetched relative to the page as from Forge's CDN (`./__LOCALES__/…`).
      if (method === 'GET' && path.startsWith('/__LOCALES__/')) {
        const file = localeFileResponse(platform.locales, path);
        if (file === null) return notFound(res, path);
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(file);
        return true;
      }
      if (!path.startsWith('/__preview/')) return false;
      if (method === 'GET' && path.startsWith('/__preview/host/'))
        return (
          sendStatic(res, bundles.host.dir, path.slice('/__preview/host/'.length)) || notFound(res, path)
        );
      if (method === 'GET' && path.startsWith('/__preview/app/'))
        return sendStatic(res, bundles.app.dir, path.slice('/__preview/app/'.length)) || notFound(res, path);
      const getter = method === 'GET' ? get[path] : undefined;
      if (getter) {
        sendJson(res, 200, getter(url));
        return true;
      }
      const poster = method === 'POST' ? post[path] : undefined;
      if (poster) {
        sendJson(res, 200, await poster(req));
        return true;
      }
      if (get[path] || post[path]) throw new HttpError(405, `${method} is not allowed on ${path}`);
      return notFound(res, path);
    } catch (e) {
      sendError(res, e);
      return true;
    }
  };
}

function notFound(res: ServerResponse, path: string): true {
  sendJson(res, 404, { error: `no preview resource at ${path}` });
  return true;
}
