// Loads one resolver's answer for a component: loading, the value, or the reply's error; reload on demand.
// A newer request always wins, so a slow answer never overwrites a fresher one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PayloadOf, ReplyError, ResolverKey, ResponseOf } from '../../shared/contract';
import { callResolver } from './call-resolver';

export type Loaded<T> =
  | { status: 'loading'; value?: T }
  | { status: 'ok'; value: T }
  | { status: 'error'; error: ReplyError; value?: T };

export interface ResolverState<T> {
  state: Loaded<T>;
  /** Asks again, keeping the last value on screen while it loads. */
  reload: () => void;
  /** Replaces the value locally (after a save answered with the new one). */
  set: (value: T) => void;
}

export function useResolver<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): ResolverState<ResponseOf<K>> {
  const [state, setState] = useState<Loaded<ResponseOf<K>>>({ status: 'loading' });
  const latest = useRef(0);
  const payloadKey = JSON.stringify(payload);

  const load = useCallback(() => {
    const request = ++latest.current;
    setState((previous) => ({
      status: 'loading',
      ...(previous.value !== undefined ? { value: previous.value } : {}),
    }));
    void callResolver(key, JSON.parse(payloadKey) as PayloadOf<K>).then((reply) => {
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
      // Answers arriving after unmount are ignored.
      latest.current++;
    };
  }, [load]);

  const set = useCallback((value: ResponseOf<K>) => {
    latest.current++;
    setState({ status: 'ok', value });
  }, []);

  return { state, reload: load, set };
}
