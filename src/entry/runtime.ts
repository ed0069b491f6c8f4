// Builds RuntimeDeps from the real Forge runtime; the only place that reaches for @forge/api request functions.
import api, { asApp, asUser, getAppContext, i18n } from '@forge/api';
import { InvocationLimitReachedError, Queue, RateLimitError } from '@forge/events';
import {
  ChainLimitError,
  QueueBusyError,
  type RuntimeDeps,
  type Translations,
  type WorkItem,
} from '../services/runtime-deps';

const MAX_EVENTS_PER_PUSH = 50;

async function enqueue(queueName: string, items: WorkItem[]): Promise<void> {
  const queue = new Queue({ key: queueName });
  for (let i = 0; i < items.length; i += MAX_EVENTS_PER_PUSH) {
    try {
      await queue.push(items.slice(i, i + MAX_EVENTS_PER_PUSH));
    } catch (e) {
      if (e instanceof RateLimitError) throw new QueueBusyError(`Queue ${queueName} is busy: ${e.message}`);
      if (e instanceof InvocationLimitReachedError)
        throw new ChainLimitError(`Queue ${queueName} refused the push: ${e.message}`);
      throw e;
    }
  }
}

// Forge's `t(key, default)` answers the default when no locale has the key; this tells "missing" apart.
const MISSING = '\u0000missing';

/** The locale's own file only (no fallback) says whether the app is translated into it at all. */
async function loadTranslations(rawLocale: string): Promise<Translations | null> {
  const own = await i18n.getTranslations(rawLocale, { fallback: false });
  if (!own.translations) return null;
  const translate = await i18n.createTranslationFunction(own.locale);
  return {
    locale: own.locale,
    lookup: (key) => {
      const value = translate(key, MISSING);
      return value === MISSING ? null : value;
    },
  };
}

// Per container, as Forge caches the files: Forge also logs a warning for each locale it does not know (`en_AU`),
// once is enough.
const translationsByLocale = new Map<string, Translations | null>();

async function translations(rawLocale: string): Promise<Translations | null> {
  if (translationsByLocale.has(rawLocale)) return translationsByLocale.get(rawLocale) ?? null;
  const found = await loadTranslations(rawLocale);
  translationsByLocale.set(rawLocale, found);
  return found;
}

export function cloudIdFrom(installContext: string | undefined): string {
  return (installContext ?? '').replace(/^ari:cloud:[a-z-]+::site\//, '');
}

export function runtimeDeps(installContext?: string): RuntimeDeps {
  return {
    enqueue,
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
    translations,
  };
}
