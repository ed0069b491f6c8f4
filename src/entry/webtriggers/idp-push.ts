// The signed web trigger the identity provider pushes attributes to; the service verifies before storing.
import { handleIdpPush, type PushReply } from '../../services/provisioning/idp-push';
import { runtimeDeps } from '../runtime';

/** Forge's web-trigger request: header names as sent, each with a list of values. */
interface WebTriggerRequest {
  method: string;
  headers?: Record<string, string[]>;
  body?: string;
}

function respond(reply: PushReply) {
  return {
    statusCode: reply.status,
    headers: {
      'Content-Type': ['application/json'],
      ...(reply.retryAfterSeconds !== undefined ? { 'Retry-After': [String(reply.retryAfterSeconds)] } : {}),
    },
    body: JSON.stringify(reply.body),
  };
}

export async function idpPush(request: WebTriggerRequest, context: { installContext?: string }) {
  try {
    return respond(
      await handleIdpPush(
        { method: request.method, headers: request.headers ?? {}, body: request.body ?? '' },
        runtimeDeps(context.installContext),
      ),
    );
  } catch (e) {
    // Not the IdP's mistake and not a known passing failure: a bug. Nothing half-done is lost (a receipt is
    // written only with the attributes), so the IdP may retry the same request.
    console.error('IdP push failed:', e);
    return respond({ status: 500, body: { accepted: false, error: 'Internal error; try again later.' } });
  }
}
