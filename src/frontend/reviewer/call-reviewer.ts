// The reviewer page's way to its backend: `invoke` with a reviewer key, always answered with a Reply envelope.
import { invoke } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  Reply,
  ReplyError,
  ReviewerKey,
  ReviewerPayloadOf,
  ReviewerResponseOf,
} from '../../shared/contract';

function isReply<T>(value: unknown): value is Reply<T> {
  if (!value || typeof value !== 'object') return false;
  const reply = value as { ok?: unknown; error?: unknown };
  return reply.ok === true ? 'value' in reply : reply.ok === false && typeof reply.error === 'object';
}

/** Calls one reviewer key; the page's own failures carry their detail, and ReviewerError words them. */
export async function callReviewer<K extends ReviewerKey>(
  key: K,
  payload: ReviewerPayloadOf<K>,
): Promise<Reply<ReviewerResponseOf<K>>> {
  try {
    const answer = await invoke<Reply<ReviewerResponseOf<K>>>(key, payload as Record<string, unknown>);
    if (isReply(answer)) return answer;
    return {
      ok: false,
      error: { kind: 'internal', message: key, pageProblem: 'bad-shape' },
    };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { kind: 'unavailable', message: detail, pageProblem: 'no-answer' },
    };
  }
}

export type ReviewerLoaded<T> =
  | { status: 'loading'; value?: T }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: ReplyError; value?: T };

/** Loads one reviewer key's answer; a newer request always wins. */
export function useReviewer<K extends ReviewerKey>(
  key: K,
  payload: ReviewerPayloadOf<K>,
): { state: ReviewerLoaded<ReviewerResponseOf<K>>; reload: () => void } {
  const [state, setState] = useState<ReviewerLoaded<ReviewerResponseOf<K>>>({ status: 'loading' });
  const latest = useRef(0);
  const payloadKey = JSON.stringify(payload);
  const load = useCallback(() => {
    const request = ++latest.current;
    setState((previous) => ({
      status: 'loading',
      ...(previous.value !== undefined ? { value: previous.value } : {}),
    }));
    void callReviewer(key, JSON.parse(payloadKey) as ReviewerPayloadOf<K>).then((reply) => {
      if (request !== latest.current) return;
      setState((previous) =>
        reply.ok
          ? { status: 'ok', value: reply.value }
          : {
              status: 'error',
              error: reply.error,
              ...(previous.value !== undefined ? { value: previous.value } : {}),
            },
      );
    });
  }, [key, payloadKey]);
  useEffect(() => {
    load();
    return () => {
      latest.current++;
    };
  }, [load]);
  return { state, reload: load };
}
