// The signed web trigger the identity provider pushes attributes to; the service verifies before storing.
import { handleIdpPush, type PushReply } from '../../services/provisioning/idp-push';
import { runtimeDeps } from '../runtime';
import { loggableError } from '../../services/failures';
import { notePaused } from '../../services/licence-gate';
import { licenceOf, type LicensedContext } from '../licence';

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

/** What an unlicensed installation answers a correctly signed push: nothing is stored. */
export const UNLICENSED_PUSH_REPLY: PushReply = {
  status: 402,
  body: {
    accepted: false,
    error:
      'The JIT Access licence for this site is not active, so pushes are not applied and nothing was stored. Send the push again (signed anew) once a site admin has renewed the licence.',
  },
};

export async function idpPush(
  request: WebTriggerRequest,
  context: { installContext?: string } & LicensedContext,
) {
  try {
    const deps = runtimeDeps(context.installContext);
    const licence = licenceOf(context);
    const reply = await handleIdpPush(
      { method: request.method, headers: request.headers ?? {}, body: request.body ?? '' },
      deps,
      licence.mayAct ? {} : { refuseSigned: UNLICENSED_PUSH_REPLY },
    );
    if (reply === UNLICENSED_PUSH_REPLY) await notePaused(deps, licence);
    return respond(reply);
  } catch (e) {
    // Not the IdP's mistake and not a known passing failure: a bug. Nothing half-done is lost (a receipt is
    // written only with the attributes), so the IdP may retry the same request.
    console.error(`IdP push failed: ${loggableError(e)}`);
    return respond({ status: 500, body: { accepted: false, error: 'Internal error; try again later.' } });
  }
}
