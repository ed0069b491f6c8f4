// Runs a resolver on a click: busy while it runs, the last error (with field errors) until the next attempt.
import { useCallback, useState } from 'react';
import type { PayloadOf, Reply, ReplyError, ResolverKey, ResponseOf } from '../../shared/contract';
import { callResolver } from './call-resolver';

export interface ActionState<K extends ResolverKey> {
  busy: boolean;
  error: ReplyError | null;
  /** Resolves with the reply (already recorded in `error` when it failed). */
  run: (payload: PayloadOf<K>) => Promise<Reply<ResponseOf<K>>>;
  clearError: () => void;
}

export function useAction<K extends ResolverKey>(key: K): ActionState<K> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReplyError | null>(null);
  const run = useCallback(
    async (payload: PayloadOf<K>) => {
      setBusy(true);
      setError(null);
      const reply = await callResolver(key, payload);
      setBusy(false);
      if (!reply.ok) setError(reply.error);
      return reply;
    },
    [key],
  );

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
