// Shared set-up for the IdP push tests: an app with a secret and a rule on a pushed attribute, signed requests
// over real HTTP, and a fingerprint of everything the platform stores, to prove a refusal changed nothing.
import { AppHarness, type AppHarnessOptions } from '../../support/app-harness';
import { signPush, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../src/services/provisioning/idp-push';
import { getPushedAttributes } from '../../../src/storage/pushed-attributes-repository';
import { queryAudit } from '../../../src/storage/audit-repository';
import { setSecret } from '../../../src/storage/secrets-repository';
import { configure, groupGrant, orgApiSettings, rule } from './provisioning-setup';

export const PUSH_SECRET = 'whsec_9f86d081884c7d659a2feaa0c55ad015';

export interface PushApp {
  app: AppHarness;
  url: string;
}

/** Contractors (a pushed `employeeType`) get `support-agents`; SCIM is off so only the push feeds the rule. */
export async function startPushApp(options: AppHarnessOptions = {}): Promise<PushApp> {
  const app = AppHarness.start(options);
  const base = orgApiSettings(app);
  await configure(app, { ...base, sources: { ...base.sources, scim: { enabled: false } } }, [
    rule({
      id: 'contractors',
      when: 'user.custom.employeeType -eq "contractor"',
      grants: [groupGrant(app, 'support-agents')],
    }),
  ]);
  await app.inApp(() =>
    setSecret('webtrigger-secret', PUSH_SECRET, { accountId: 'admin', at: app.clock.now() }),
  );
  return { app, url: await app.platform.webTriggerUrl('idp-attribute-push') };
}

export function signed(app: AppHarness, body: string, at = Math.floor(app.clock.now() / 1000)) {
  const timestamp = String(at);
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signPush(PUSH_SECRET, timestamp, body) };
}

export interface PushReplyBody {
  accepted: boolean;
  error?: string;
  errors?: Array<{ field: string; message: string }>;
  accountId?: string;
  queued?: boolean;
}

export interface PushResponse {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  /** The JSON reply; Forge's own error pages (a killed invocation) are not JSON and leave it empty. */
  body: PushReplyBody;
  text: string;
}

/** POSTs as an IdP would; `contentType: null` sends none. The reply must always be JSON. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  contentType: string | null = 'application/json',
): Promise<PushResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...headers },
    // A Blob without a type keeps fetch from adding `text/plain` when the test sends no Content-Type.
    body: contentType === null ? new Blob([body]) : body,
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    contentType: response.headers.get('content-type'),
    body: parseReply(text),
    text,
  };
}

export function parseReply(text: string): PushReplyBody {
  try {
    return JSON.parse(text) as PushReplyBody;
  } catch {
    return { accepted: false };
  }
}

/** Signs and posts a push of `attributes` for `who` (an account id or an email). */
export function push(
  { app, url }: PushApp,
  who: { accountId: string } | { email: string },
  attributes: Record<string, unknown>,
): Promise<PushResponse> {
  const body = JSON.stringify({ ...who, attributes });
  return post(url, body, signed(app, body));
}

export function pushedFor(app: AppHarness, accountId: string) {
  return app.inApp(() => getPushedAttributes(accountId));
}

export async function pushAuditLines(app: AppHarness, accountId: string) {
  const page = await app.inApp(() => queryAudit({ accountId, action: 'attributes-pushed', limit: 100 }));
  return page.entries;
}

/** Everything the platform holds for the app: keys, secrets, every custom entity, and the queues. */
export function storageFingerprint(app: AppHarness): string {
  const { storage, queue, manifest } = app.platform;
  return JSON.stringify({
    kv: storage.dump('kv'),
    secrets: storage.dump('secret'),
    entities: manifest.entities.map((e) => ({ entity: e.name, rows: storage.dumpEntity(e.name) })),
    queued: queue.counts(),
    pushedToQueues: queue.pushedSince(0),
  });
}

/** The last web-trigger invocation ended as the handler meant (no uncaught error, nothing logged by Forge). */
export function lastWebTriggerOutcome(app: AppHarness): string | undefined {
  return [...app.platform.invocations].reverse().find((r) => r.moduleKind === 'webtrigger')?.outcome;
}
