// Test helpers for the site's contract tests: a strict, demo-seeded site on a manual clock, and one-liners to
// call it as the app, as a user, or over "HTTP" with Basic or Bearer credentials.
import { createManualClock, type EmulatorClock } from '../../clock';
import type { Principal, SiteProduct, SiteResponse } from '../../contracts';
import { createSite, type Site, type SiteOptions } from '../site';
import type { RecordedViolation } from '../spec-checker';

export const APP = {
  appId: 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-00000000a11c',
  name: 'JIT Access',
};

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there is none. */
  json: unknown;
  raw: SiteResponse;
}

export interface TestSite {
  site: Site;
  clock: EmulatorClock;
  appAccountId: string;
  /** Request violations recorded so far (response violations throw in strict mode). */
  violations: RecordedViolation[];
  delays: number[];
  call(
    product: SiteProduct,
    method: string,
    path: string,
    principal: Principal,
    init?: CallInit,
  ): Promise<Reply>;
  asApp(product: 'jira' | 'confluence', method: string, path: string, init?: CallInit): Promise<Reply>;
  asUser(
    accountId: string,
    product: 'jira' | 'confluence',
    method: string,
    path: string,
    init?: CallInit,
  ): Promise<Reply>;
  basic(
    email: string,
    token: string,
    product: SiteProduct,
    method: string,
    path: string,
    init?: CallInit,
  ): Promise<Reply>;
  bearer(key: string, method: string, path: string, init?: CallInit): Promise<Reply>;
  /** The seeded site admin over Basic auth. */
  admin(product: 'jira' | 'confluence', method: string, path: string, init?: CallInit): Promise<Reply>;
  /** The org's admin API key (Admin API and user management). */
  org(method: string, path: string, init?: CallInit): Promise<Reply>;
  /** The SCIM directory key. */
  idp(method: string, path: string, init?: CallInit): Promise<Reply>;
}

export interface CallInit {
  body?: unknown;
  headers?: Record<string, string>;
  impersonated?: boolean;
}

function toReply(raw: SiteResponse): Reply {
  let json: unknown;
  if (raw.body !== undefined && raw.body !== '') json = JSON.parse(raw.body) as unknown;
  return { status: raw.status, headers: raw.headers, json, raw };
}

export function createTestSite(options: Partial<SiteOptions> = {}): TestSite {
  const clock = createManualClock();
  const violations: RecordedViolation[] = [];
  const delays: number[] = [];
  const site = createSite({
    clock,
    strictSpec: true,
    onSpecViolation: (v) => violations.push(v),
    delay: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    rateLimits: 'off',
    ...options,
  });
  const { appAccountId } = site.installApp(APP);
  const call = async (
    product: SiteProduct,
    method: string,
    path: string,
    principal: Principal,
    init: CallInit = {},
  ) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.body !== undefined && headers['content-type'] === undefined)
      headers['content-type'] = 'application/json';
    return toReply(
      await site.handle({
        product,
        method,
        path,
        headers,
        principal,
        ...(init.body !== undefined
          ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
          : {}),
      }),
    );
  };
  const basic = (
    email: string,
    token: string,
    product: SiteProduct,
    method: string,
    path: string,
    init: CallInit = {},
  ) =>
    call(
      product,
      method,
      path,
      { kind: 'http' },
      {
        ...init,
        headers: {
          authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`,
          ...(init.headers ?? {}),
        },
      },
    );
  const bearer = (key: string, method: string, path: string, init: CallInit = {}) =>
    call(
      'api',
      method,
      path,
      { kind: 'http' },
      { ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers ?? {}) } },
    );
  return {
    site,
    clock,
    appAccountId,
    violations,
    delays,
    call,
    asApp: (product, method, path, init) => call(product, method, path, { kind: 'app', appAccountId }, init),
    asUser: (accountId, product, method, path, init = {}) =>
      call(
        product,
        method,
        path,
        { kind: 'user', accountId, impersonated: init.impersonated ?? false },
        init,
      ),
    basic,
    bearer,
    admin: (product, method, path, init) => {
      const { siteAdmin } = site.credentials();
      return basic(siteAdmin.email, siteAdmin.apiToken, product, method, path, init);
    },
    org: (method, path, init) => bearer(site.credentials().orgApiKey, method, path, init),
    idp: (method, path, init) => bearer(site.credentials().scimKey, method, path, init),
  };
}

/** A demo person who holds Jira access, is active, and is not an admin. */
export function ordinaryJiraUser(t: TestSite): string {
  const { site } = t;
  const admins = new Set([site.credentials().siteAdmin.accountId, site.credentials().jiraAdmin.accountId]);
  const found = site
    .groupMembers('jira-software-users')
    .find((id) => !admins.has(id) && site.account(id)?.active === true && site.account(id)?.managed === true);
  if (!found) throw new Error('the demo seed has no ordinary Jira user');
  return found;
}

export function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

export function list(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw new Error(`expected a JSON array, got ${JSON.stringify(value)}`);
  return value.map(record);
}
