// A sentence as facts the page words in the reader's language: a message key and its values, phrases nested inside.
import type { PluralKey, TextKey } from '../../shared/i18n/text';

/** A message (`key`) or a plural message chosen by `count`, with its values. */
export type Words =
  | { readonly key: TextKey; readonly values?: WordValues }
  | { readonly plural: PluralKey; readonly count: number; readonly values?: WordValues };

/**
 * A value: text that is data (a product's name, group ids), a number, a calendar day or a time (epoch ms), clauses
 * of one sentence (joined by semicolons in every language), or a phrase worded the same way.
 */
export type WordValue =
  | string
  | number
  | { readonly day: number }
  | { readonly when: number }
  | { readonly clauses: readonly Words[] }
  | Words;

export type WordValues = Readonly<Record<string, WordValue>>;

export function words(key: TextKey, values?: WordValues): Words {
  return values ? { key, values } : { key };
}

export function plural(key: PluralKey, count: number, values?: WordValues): Words {
  return values ? { plural: key, count, values } : { plural: key, count };
}
