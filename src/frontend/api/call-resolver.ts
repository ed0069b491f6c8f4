// The page's one way to reach its backend: `invoke` with a typed key and payload, always answered with the
// contract's Reply envelope (a rejected invoke, which Forge gives for crashes and time-outs, becomes one too).
import { invoke } from '@forge/bridge';
import type { PayloadOf, Reply, ReplyError, ResolverKey, ResponseOf } from '../../shared/contract';

/** The backend's answers are typed by the contract; this only guards against a shape it never sends. */
function isReply<T>(value: unknown): value is Reply<T> {
  if (!value || typeof value !== 'object') return false;
  const reply = value as { ok?: unknown; error?: unknown };
  return reply.ok === true ? 'value' in reply : reply.ok === false && typeof reply.error === 'object';
}

export async function callResolver<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): Promise<Reply<ResponseOf<K>>> {
  try {
    const answer = await invoke<Reply<ResponseOf<K>>>(key, payload as Record<string, unknown>);
    if (isReply(answer)) return answer;
    return failure('internal', key, 'bad-shape');
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return failure('unavailable', detail, 'no-answer');
  }
}

/** The page's own problems carry their detail; ReplyErrorMessage words them in the viewer's language. */
function failure(
  kind: ReplyError['kind'],
  detail: string,
  pageProblem: NonNullable<ReplyError['pageProblem']>,
): { ok: false; error: ReplyError } {
  return { ok: false, error: { kind, message: detail, pageProblem } };
}
