// The admin page's resolver (@forge/resolver): every key checks the caller is an admin, validates the payload
// against the shared contract, runs its use case, and answers with the Reply envelope (never an opaque throw).
import { webTrigger } from '@forge/api';
import Resolver, { type Request } from '@forge/resolver';
import { checkAdmin, productOfExtension } from '../../services/admin/admin-access';
import type { AdminContext } from '../../services/admin/admin-context';
import { apiFailure, fail, invalid } from '../../services/admin/reply';
import { roleRefusal } from '../../services/admin/roles';
import { classify, loggableError } from '../../services/failures';
import { InputError } from '../../shared/validation';
import {
  ALL_RESOLVER_KEYS,
  parsePayload,
  type PayloadOf,
  type Reply,
  type ResolverKey,
  type ResponseOf,
} from '../../shared/contract';
import { runtimeDeps } from '../runtime';
import { licenceOf, type LicensedContext } from '../licence';
import { licenceRefusal } from '../../services/admin/licence-admin';
import { ADMIN_HANDLERS } from './admin-handlers';
import { adminProbe } from './admin-probe';

/** The web trigger the identity provider pushes to (manifest `webtrigger` key). */
const IDP_PUSH_WEBTRIGGER = 'idp-attribute-push';

interface ResolverContext extends LicensedContext {
  accountId?: string;
  installContext?: string;
  extension?: { type?: unknown };
}

function unexpected(key: ResolverKey, e: unknown): Reply<never> {
  // The caller's own mistake found past the schema (e.g. a cursor storage refuses): named, and not logged.
  if (e instanceof InputError) return invalid(e.errors);
  const api = apiFailure(e, `"${key}"`);
  if (api) return api;
  const failure = classify(e);
  if (failure.kind === 'storage-quota')
    return fail('unavailable', "The app's storage is busy (too many writes this minute); try again shortly.");
  if (failure.kind === 'queue-busy')
    return fail('unavailable', 'The work queue is busy; try again in a minute.');
  console.error(`Resolver ${key} failed: ${loggableError(e)}`);
  return fail(
    'internal',
    `Something went wrong in "${key}"; nothing more was done. The error was logged for support.`,
  );
}

export async function handleAdminCall<K extends ResolverKey>(
  key: K,
  request: Request<unknown>,
): Promise<Reply<ResponseOf<K>>> {
  const context = request.context as ResolverContext;
  const deps = runtimeDeps(context.installContext);
  const product = productOfExtension(context.extension?.type);
  try {
    const access = await checkAdmin(adminProbe(deps), { accountId: context.accountId, product });
    if (!access.ok) return { ok: false, error: access.error };
    const denied = roleRefusal(key, access.role);
    if (denied) return { ok: false, error: denied };
    const licence = licenceOf(context);
    const unlicensed = licenceRefusal(key, licence);
    if (unlicensed) return { ok: false, error: unlicensed };
    const parsed = parsePayload(key, request.payload);
    if (!parsed.ok) return invalid(parsed.errors);
    const ctx: AdminContext = {
      deps,
      accountId: context.accountId!,
      product,
      role: access.role,
      idpPushUrl: () => webTrigger.getUrl(IDP_PUSH_WEBTRIGGER),
      licence,
    };
    const handler = ADMIN_HANDLERS[key] as (
      p: PayloadOf<K>,
      c: AdminContext,
    ) => Promise<Reply<ResponseOf<K>>>;
    return await handler(parsed.value, ctx);
  } catch (e) {
    return unexpected(key, e);
  }
}

function buildResolver() {
  const resolver = new Resolver();
  for (const key of ALL_RESOLVER_KEYS)
    resolver.define(key, (request: Request<unknown>) => handleAdminCall(key, request));
  return resolver.getDefinitions();
}

/** manifest.yml function `admin-resolver` → index.adminResolver. */
export const adminResolver = buildResolver();
