// The app's words in the reader's language: keys of src/locales/*.json filled with values, plurals chosen by the
// locale's plural rules, and dates and numbers formatted for the locale and time zone. Pure, for page and backend.
import type catalog from '../../locales/en-US.json';

type Catalog = typeof catalog;
type PluralForms = { other: string };

/** Dotted paths to plain strings in the English catalogue (every locale has the same keys; a test checks). */
export type TextKey = LeafPaths<Catalog, ''>;
/** Dotted paths to plural messages (`{ one, other, … }`): chosen by count. */
export type PluralKey = PluralPaths<Catalog, ''>;

type LeafPaths<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}`
    : T[K] extends PluralForms
      ? never
      : LeafPaths<T[K], `${P}${K}.`>;
}[keyof T & string];

type PluralPaths<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string
    ? never
    : T[K] extends PluralForms
      ? `${P}${K}`
      : PluralPaths<T[K], `${P}${K}.`>;
}[keyof T & string];

/** The things a page can be loading (`loading.*`: "Loading the rules…"). */
export type LoadingSubject = keyof Catalog['loading'];

export type TextValue = string | number;
export type TextValues = Readonly<Record<string, TextValue>>;

/** Finds a key's text in the reader's locale (Forge's translation function), or null when no locale has it. */
export type Lookup = (key: string) => string | null;

export interface Text {
  /** The reader's locale, e.g. `de-DE`. */
  readonly locale: string;
  readonly timeZone: string;
  /** A message with `{name}` placeholders filled; numbers are formatted for the locale. */
  readonly t: (key: TextKey, values?: TextValues) => string;
  /** A plural message for `count` (also available as `{count}`). */
  readonly tn: (key: PluralKey, count: number, values?: TextValues) => string;
  readonly number: (n: number) => string;
  readonly percent: (fraction: number) => string;
  /** Date and time with the zone, e.g. `7 Dec 2026, 14:05 UTC`; `never` when there is none. */
  readonly when: (epochMs: number | null | undefined, never?: string) => string;
  /** A compact time for table cells: day and time this year, the day and year before. */
  readonly compactWhen: (epochMs: number | null | undefined, now: number, never?: string) => string;
  /** A calendar day, e.g. `7 Dec 2026`. */
  readonly day: (epochMs: number) => string;
  /** Items joined as the locale joins a list (`a, b and c`). */
  readonly list: (items: readonly string[]) => string;
  /** How long ago, in the largest whole unit: `12 minutes ago`, `vor 2 Stunden`, `3 days ago`. */
  readonly ago: (elapsedMs: number) => string;
}

const MINUTE_MS = 60_000;

/** The largest whole unit for a duration: minutes up to two hours, hours up to two days, then days. */
export function durationParts(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.max(0, Math.floor(ms / MINUTE_MS));
  if (minutes < 120) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { value: hours, unit: 'hour' };
  return { value: Math.floor(hours / 24), unit: 'day' };
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function fill(template: string, values: TextValues, formatNumber: (n: number) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The placeholders a message uses, e.g. `{count}` and `{name}`: locales must agree on them. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

/** Zones that are UTC under another name (Atlassian profiles often say `Etc/UTC`): shown as plain UTC. */
const UTC_ALIASES = new Set(['Etc/UTC', 'Etc/GMT', 'Etc/Universal', 'Etc/Zulu', 'GMT', 'Universal', 'Zulu']);

export function createText(lookup: Lookup, locale: string, rawTimeZone: string): Text {
  const timeZone = UTC_ALIASES.has(rawTimeZone) ? 'UTC' : rawTimeZone;
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const plurals = new Intl.PluralRules(locale);
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  const dayOnly = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone,
  });
  const dayInYear = new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const yearOf = new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone });
  const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const formatNumber = (n: number): string => numbers.format(n);
  // A missing key shows itself, so a gap is visible on the page and caught by the completeness test.
  const message = (key: string): string => lookup(key) ?? key;

  const text: Text = {
    locale,
    timeZone,
    t: (key, values = {}) => fill(message(key), values, formatNumber),
    tn: (key, count, values = {}) => {
      const category = plurals.select(count);
      const template = lookup(`${key}.${category}`) ?? lookup(`${key}.other`) ?? key;
      return fill(template, { count, ...values }, formatNumber);
    },
    number: formatNumber,
    percent: (fraction) => percents.format(fraction),
    when: (epochMs, never) =>
      epochMs === null || epochMs === undefined
        ? (never ?? message('format.never'))
        : dateTime.format(new Date(epochMs)),
    compactWhen: (epochMs, now, never = '—') => {
      if (epochMs === null || epochMs === undefined) return never;
      const date = new Date(epochMs);
      return yearOf.format(date) === yearOf.format(new Date(now))
        ? dayInYear.format(date)
        : dayOnly.format(date);
    },
    day: (epochMs) => dayOnly.format(new Date(epochMs)),
    list: (items) => lists.format(items),
    ago: (elapsedMs) => {
      const { value, unit } = durationParts(elapsedMs);
      return relative.format(-value, unit);
    },
  };
  return text;
}
