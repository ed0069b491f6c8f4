// The signed web trigger the identity provider pushes attributes to; the service verifies before storing.
import { handleIdpPush } from '../../services/provisioning/idp-push';
import { runtimeDeps } from '../runtime';

interface WebTriggerRequest {
  method: string;
  headers?: Record<string, string[]>;
  body?: string;
}

export async function idpPush(request: WebTriggerRequest, context: { installContext?: string }) {
  const reply = await handleIdpPush(
    { method: request.method, headers: request.headers ?? {}, body: request.body ?? '' },
    runtimeDeps(context.installContext),
  );
  return {
    statusCode: reply.status,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify(reply.body),
  };
}
