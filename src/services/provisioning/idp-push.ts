// Attributes pushed by the customer's identity provider (an Okta workflow, an Entra logic app) to the signed
// web trigger. A request's signature is consumed only once the request was processed: refused for its content
// (4xx, nothing stored) or applied (202). A passing failure — Jira or Forge unavailable or rate-limiting — answers
// 503 with Retry-After and leaves the same signed request repeatable.
import { AtlassianApiError } from '../../clients/api-error';
import type { FieldError } from '../../shared/validation';
import type { AppSettings } from '../../shared/settings';
import {
  completePush,
  getPushReceipt,
  recordPush,
  recordSupersededPush,
} from '../../storage/pushed-attributes-repository';
import { readSecret } from '../../storage/secrets-repository';
import { loadSettings } from '../../storage/settings-repository';
import { buildApiClients } from '../api-clients';
import { auditId } from '../audit-ids';
import { classify, type FailureKind } from '../failures';
import type { RuntimeDeps } from '../runtime-deps';
import { msUntilQuotaResets } from '../storage-quota';
import { noticeUser } from './notice-user';
import {
  contentTypeProblem,
  headerValues,
  parsePushBody,
  PUSH_LIMITS,
  signatureMatches,
  signPush,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type PushBody,
  type RequestHeaders,
} from './push-request';

export { PUSH_LIMITS, signPush, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './push-request';

/** A receipt outlives the window in which its timestamp is accepted (either side of now). */
const RECEIPT_TTL_SECONDS = PUSH_LIMITS.replayWindowSeconds * 2;
/** Jira failing without saying for how long: the IdP is asked to come back after this. */
const UNAVAILABLE_RETRY_SECONDS = 30;
/** Forge's queue refuses more than 500 events a minute per installation. */
const QUEUE_BUSY_RETRY_SECONDS = 60;

export interface PushRequest {
  method: string;
  headers: RequestHeaders;
  body: string;
}

export interface PushReply {
  status: number;
  body: { accepted: boolean; error?: string; errors?: FieldError[]; accountId?: string; queued?: boolean };
  /** With a 503 for a passing failure: when the same request may be sent again. */
  retryAfterSeconds?: number;
}

const refuse = (status: number, error: string, errors?: FieldError[]): PushReply => ({
  status,
  // Identity providers read field and message only; the page's translation keys are not part of this API.
  body: {
    accepted: false,
    error,
    ...(errors ? { errors: errors.map(({ field, message }) => ({ field, message })) } : {}),
  },
});

const accepted = (accountId: string, queued: boolean): PushReply => ({
  status: 202,
  body: { accepted: true, accountId, queued },
});

/** Messages for the IdP by kind of passing failure (services/failures.ts classifies the error). */
const PASSING: Partial<Record<FailureKind, { why: string; defaultSeconds: (now: number) => number }>> = {
  'rate-limited': { why: 'Jira is rate-limiting the app', defaultSeconds: () => 1 },
  unavailable: { why: 'Jira is unavailable', defaultSeconds: () => UNAVAILABLE_RETRY_SECONDS },
  'storage-quota': {
    why: "Forge's storage quota for this minute is spent",
    defaultSeconds: (now) => msUntilQuotaResets(now) / 1000,
  },
  'queue-busy': { why: "Forge's queue is busy", defaultSeconds: () => QUEUE_BUSY_RETRY_SECONDS },
  'out-of-time': { why: 'The request ran out of time', defaultSeconds: () => UNAVAILABLE_RETRY_SECONDS },
  conflict: { why: 'Another request for this user is being applied', defaultSeconds: () => 1 },
};

/** A failure that passes by itself, as the IdP should hear it (503 + Retry-After); undefined for a bug. */
export function passingFailure(e: unknown, now: number): PushReply | undefined {
  const failure = classify(e);
  const passing = failure.transient ? PASSING[failure.kind] : undefined;
  if (!passing) return undefined;
  const retryAfterSeconds = Math.max(1, Math.ceil(failure.retryAfterSeconds ?? passing.defaultSeconds(now)));
  return { ...refuse(503, `${passing.why}; try again in ${retryAfterSeconds} s.`), retryAfterSeconds };
}

interface SignedPush {
  push: PushBody;
  timestamp: string;
  /** The signature's hex digest: the receipt's key. */
  signatureId: string;
}

/** Everything that needs no lookup: method, size, media type, signature, freshness and shape. */
async function verify(request: PushRequest, deps: RuntimeDeps): Promise<SignedPush | PushReply> {
  if (request.method !== 'POST') return refuse(405, 'Use POST.');
  if (Buffer.byteLength(request.body) > PUSH_LIMITS.maxBodyBytes)
    return refuse(413, `The body is larger than ${PUSH_LIMITS.maxBodyBytes / 1024} KB.`);
  const mediaTypeProblem = contentTypeProblem(request.headers);
  if (mediaTypeProblem) return refuse(415, mediaTypeProblem);
  const secret = await readSecret('webtrigger-secret');
  if (!secret)
    return refuse(503, 'Attribute pushes are not configured: set the web-trigger secret in Settings.');
  const [timestamp] = headerValues(request.headers, TIMESTAMP_HEADER);
  const [signature] = headerValues(request.headers, SIGNATURE_HEADER);
  if (!timestamp || !/^\d{9,11}$/.test(timestamp))
    return refuse(401, `Missing or malformed ${TIMESTAMP_HEADER} header (Unix seconds).`);
  if (!signature) return refuse(401, `Missing ${SIGNATURE_HEADER} header.`);
  const skew = Math.abs(deps.now() / 1000 - Number(timestamp));
  if (skew > PUSH_LIMITS.replayWindowSeconds)
    return refuse(
      401,
      `Stale timestamp: ${Math.round(skew)} s from now; the window is ${PUSH_LIMITS.replayWindowSeconds} s.`,
    );
  const expected = signPush(secret, timestamp, request.body);
  if (!signatureMatches(expected, signature))
    return refuse(401, 'Bad signature: expected sha256=HMAC-SHA256(secret, timestamp + "." + body) in hex.');
  const parsed = parsePushBody(request.body);
  if (parsed === 'not-json') return refuse(400, 'The body is not valid JSON.');
  if (!parsed.ok) return refuse(400, 'The body does not match the expected shape.', parsed.errors);
  return { push: parsed.value, timestamp, signatureId: expected.slice('sha256='.length) };
}

/** The account the push is for, or a 404 naming what was not found. Jira's failures propagate. */
async function resolveAccount(
  push: PushBody,
  deps: RuntimeDeps,
  settings: AppSettings,
): Promise<string | PushReply> {
  // Only Jira is needed: no other credential is read (each read is metered).
  const clients = await buildApiClients(deps, settings, { credentials: { admin: false, scim: false } });
  if (push.accountId) {
    try {
      return (await clients.jira.getUser(push.accountId)).accountId;
    } catch (e) {
      if (e instanceof AtlassianApiError && e.kind === 'not-found')
        return refuse(404, `No Atlassian account has the id ${push.accountId}.`);
      throw e;
    }
  }
  const email = (push.email as string).toLowerCase();
  const candidates = await clients.jira.findUsers(email);
  for (const user of candidates.slice(0, 5)) {
    try {
      const { email: actual } = await clients.jira.getUserEmail(user.accountId);
      if (actual.toLowerCase() === email) return user.accountId;
    } catch (e) {
      if (!(e instanceof AtlassianApiError && e.kind === 'not-found')) throw e;
    }
  }
  return refuse(404, `No Atlassian account has the email ${push.email}.`);
}

/** Queues the user for provisioning, then marks the push done (the same request again is then a replay). */
async function finish(signed: SignedPush, accountId: string, deps: RuntimeDeps, settings: AppSettings) {
  const result = await noticeUser(
    { accountId, source: 'push', runId: `push:${auditId(accountId, signed.timestamp)}` },
    deps,
    settings,
  );
  await completePush(signed.signatureId, accountId, RECEIPT_TTL_SECONDS);
  return accepted(accountId, result !== 'disabled');
}

const replayed = () => refuse(409, 'Replayed request: this signature was already accepted.');

/**
 * The transaction's conditions failed, so nothing was written: a copy of this request got there first (finish
 * what it may have left, or it is a replay), or a newer push was applied to the user (this one changes nothing).
 */
async function afterConflict(
  signed: SignedPush,
  accountId: string,
  deps: RuntimeDeps,
  settings: AppSettings,
) {
  let receipt = await getPushReceipt(signed.signatureId);
  if (!receipt) {
    if (await recordSupersededPush(signed.signatureId, accountId, RECEIPT_TTL_SECONDS))
      return accepted(accountId, false);
    receipt = await getPushReceipt(signed.signatureId);
  }
  if (!receipt || receipt.state === 'done') return replayed();
  return finish(signed, receipt.accountId, deps, settings);
}

async function apply(signed: SignedPush, deps: RuntimeDeps): Promise<PushReply> {
  const earlier = await getPushReceipt(signed.signatureId);
  if (earlier?.state === 'done') return replayed();
  const { settings } = await loadSettings();
  // Stored by an earlier copy of this request that could not queue the user: finish it.
  if (earlier) return finish(signed, earlier.accountId, deps, settings);
  const account = await resolveAccount(signed.push, deps, settings);
  if (typeof account !== 'string') return account;
  const names = Object.keys(signed.push.attributes);
  const outcome = await recordPush({
    signatureId: signed.signatureId,
    receiptTtlSeconds: RECEIPT_TTL_SECONDS,
    attributes: {
      accountId: account,
      attributes: signed.push.attributes,
      receivedAt: deps.now(),
      sentAt: Number(signed.timestamp) * 1000,
    },
    audit: {
      id: auditId(account, 'attributes-pushed', `sha256=${signed.signatureId}`),
      at: deps.now(),
      accountId: account,
      action: 'attributes-pushed',
      target: 'attributes',
      targetName: names.join(', ').slice(0, 200),
      ruleId: '',
      reason: `The identity provider pushed ${names.length} attribute(s)`,
      outcome: 'success',
      runId: `push:${signed.timestamp}`,
      actor: 'idp',
    },
  });
  if (outcome === 'recorded') return finish(signed, account, deps, settings);
  return afterConflict(signed, account, deps, settings);
}

/**
 * `refuseSigned`: the answer for a correctly signed request the installation will not apply now (it is not
 * licensed); given only after the signature checks out, so an unsigned caller learns nothing about the site.
 */
export async function handleIdpPush(
  request: PushRequest,
  deps: RuntimeDeps,
  options: { refuseSigned?: PushReply } = {},
): Promise<PushReply> {
  try {
    const signed = await verify(request, deps);
    if ('status' in signed) return signed;
    if (options.refuseSigned) return options.refuseSigned;
    return await apply(signed, deps);
  } catch (e) {
    const reply = passingFailure(e, deps.now());
    if (reply) return reply;
    throw e;
  }
}
