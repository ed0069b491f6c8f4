// Builds RuntimeDeps from the real Forge runtime; the only place that reaches for @forge/api request functions.
import api, { asApp, asUser, getAppContext } from '@forge/api';
import type { RuntimeDeps } from '../services/runtime-deps';

export function cloudIdFrom(installContext: string | undefined): string {
  return (installContext ?? '').replace(/^ari:cloud:[a-z-]+::site\//, '');
}

export function runtimeDeps(installContext?: string): RuntimeDeps {
  return {
    asApp: asApp(),
    asUser: (accountId) => asUser(accountId),
    fetch: (url, init) => api.fetch(url, init),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    remainingMs: () => {
      try {
        return getAppContext().invocationRemainingTimeInMillis();
      } catch {
        return 25_000;
      }
    },
    cloudId: cloudIdFrom(installContext),
  };
}
