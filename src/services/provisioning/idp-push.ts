// Attributes pushed by the customer's identity provider (an Okta workflow, an Entra logic app) to the signed
// web trigger: verify signature, freshness and shape before anything is stored, then queue the user.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { validate, type FieldError } from '../../shared/validation';
import { appendAudit } from '../../storage/audit-repository';
import { claimNonce } from '../../storage/markers-repository';
import { getPushedAttributes, putPushedAttributes } from '../../storage/pushed-attributes-repository';
import { readSecret } from '../../storage/secrets-repository';
import { AtlassianApiError } from '../../clients/api-error';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import { auditId } from '../audit-ids';
import type { RuntimeDeps } from '../runtime-deps';
import { noticeUser } from './notice-user';

export const PUSH_LIMITS = {
  maxBodyBytes: 64 * 1024,
  replayWindowSeconds: 300,
  maxAttributes: 50,
  maxStringLength: 1024,
  maxListItems: 100,
} as const;

export const SIGNATURE_HEADER = 'x-jit-signature';
export const TIMESTAMP_HEADER = 'x-jit-timestamp';

const attributeValue = z.union([
  z.string().max(PUSH_LIMITS.maxStringLength),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(PUSH_LIMITS.maxStringLength)).max(PUSH_LIMITS.maxListItems),
]);

const pushSchema = z
  .object({
    accountId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9:_-]+$/, 'Not an Atlassian account id')
      .optional(),
    email: z.string().email('Not an email address').max(320).optional(),
    attributes: z
      .record(
        z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Attribute names are letters, digits and _ (max 64)'),
        attributeValue,
      )
      .refine(
        (a) => Object.keys(a).length <= PUSH_LIMITS.maxAttributes,
        `At most ${PUSH_LIMITS.maxAttributes} attributes`,
      ),
  })
  .strict()
  .refine((b) => b.accountId !== undefined || b.email !== undefined, {
    message: 'Give accountId or email',
    path: ['accountId'],
  });

export interface PushRequest {
  method: string;
  headers: Record<string, string[]>;
  body: string;
}

export interface PushReply {
  status: number;
  body: { accepted: boolean; error?: string; errors?: FieldError[]; accountId?: string; queued?: boolean };
}

const refuse = (status: number, error: string, errors?: FieldError[]): PushReply => ({
  status,
  body: { accepted: false, error, ...(errors ? { errors } : {}) },
});

function header(request: PushRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1][0];
}

/** `sha256=` + hex HMAC-SHA256 over `${timestamp}.${body}` with the shared secret (documented in the README). */
export function signPush(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function resolveAccountId(
  deps: RuntimeDeps,
  push: { accountId?: string; email?: string },
): Promise<string | undefined> {
  if (push.accountId) return push.accountId;
  const email = (push.email as string).toLowerCase();
  const { settings } = await loadSettings();
  const clients = await buildApiClients(deps, settings);
  const candidates = await clients.jira.findUsers(email);
  for (const user of candidates.slice(0, 5)) {
    try {
      const { email: actual } = await clients.jira.getUserEmail(user.accountId);
      if (actual.toLowerCase() === email) return user.accountId;
    } catch (e) {
      if (!(e instanceof AtlassianApiError && e.kind === 'not-found')) throw e;
    }
  }
  return undefined;
}

export async function handleIdpPush(request: PushRequest, deps: RuntimeDeps): Promise<PushReply> {
  if (request.method !== 'POST') return refuse(405, 'Use POST.');
  if (Buffer.byteLength(request.body) > PUSH_LIMITS.maxBodyBytes)
    return refuse(413, `The body is larger than ${PUSH_LIMITS.maxBodyBytes / 1024} KB.`);
  const secret = await readSecret('webtrigger-secret');
  if (!secret)
    return refuse(503, 'Attribute pushes are not configured: set the web-trigger secret in Settings.');
  const timestamp = header(request, TIMESTAMP_HEADER);
  const signature = header(request, SIGNATURE_HEADER);
  if (!timestamp || !/^\d{9,11}$/.test(timestamp))
    return refuse(401, `Missing or malformed ${TIMESTAMP_HEADER} header (Unix seconds).`);
  if (!signature) return refuse(401, `Missing ${SIGNATURE_HEADER} header.`);
  const skew = Math.abs(deps.now() / 1000 - Number(timestamp));
  if (skew > PUSH_LIMITS.replayWindowSeconds)
    return refuse(
      401,
      `Stale timestamp: ${Math.round(skew)} s from now; the window is ${PUSH_LIMITS.replayWindowSeconds} s.`,
    );
  if (!signatureMatches(signPush(secret, timestamp, request.body), signature))
    return refuse(401, 'Bad signature: expected sha256=HMAC-SHA256(secret, timestamp + "." + body) in hex.');
  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    return refuse(400, 'The body is not valid JSON.');
  }
  const parsed = validate(pushSchema, json);
  if (!parsed.ok) {
    // Zod skips the object-level "accountId or email" check when fields fail; report it alongside them.
    const raw = (json ?? {}) as { accountId?: unknown; email?: unknown };
    const who =
      raw.accountId === undefined &&
      raw.email === undefined &&
      !parsed.errors.some((e) => e.field === 'accountId');
    const errors = who
      ? [...parsed.errors, { field: 'accountId', message: 'Give accountId or email' }]
      : parsed.errors;
    return refuse(400, 'The body does not match the expected shape.', errors);
  }
  // Claimed only after the signature is verified, so junk cannot fill storage; kept past the window.
  if (!(await claimNonce(signature.slice(7, 71), PUSH_LIMITS.replayWindowSeconds * 2)))
    return refuse(409, 'Replayed request: this signature was already accepted.');
  const accountId = await resolveAccountId(deps, parsed.value);
  if (!accountId) return refuse(404, `No Atlassian account has the email ${parsed.value.email}.`);
  const sentAt = Number(timestamp) * 1000;
  const previous = await getPushedAttributes(accountId);
  if (previous && previous.sentAt > sentAt)
    return { status: 202, body: { accepted: true, accountId, queued: false } };
  await putPushedAttributes({
    accountId,
    attributes: parsed.value.attributes,
    receivedAt: deps.now(),
    sentAt,
  });
  await appendAudit({
    id: auditId(accountId, 'attributes-pushed', signature),
    at: deps.now(),
    accountId,
    action: 'attributes-pushed',
    target: 'attributes',
    targetName: Object.keys(parsed.value.attributes).join(', ').slice(0, 200),
    ruleId: '',
    reason: `The identity provider pushed ${Object.keys(parsed.value.attributes).length} attribute(s)`,
    outcome: 'success',
    runId: `push:${timestamp}`,
    actor: 'idp',
  });
  const result = await noticeUser(
    { accountId, source: 'push', runId: `push:${auditId(accountId, timestamp)}` },
    deps,
    (await loadSettings()).settings,
  );
  return { status: 202, body: { accepted: true, accountId, queued: result !== 'disabled' } };
}
