// The admin page's API, merged from one section per feature: the key list, each key's payload and response type,
// the payload schemas and their validation. Imported by the UI Kit frontend and by the resolvers, so every section
// imports only src/shared and the pure src/domain. A new key is one entry in its feature's section plus a handler.
import { fieldProblem, keyOfIssue } from '../field-messages';
import type { z } from 'zod';
import { fieldPath } from '../validation';
import { AUDIT_CONTRACT } from './audit';
import { CATALOGUE_CONTRACT } from './catalogue';
import type { ContractSection, Endpoint, PayloadOfEndpoint, ResponseOfEndpoint } from './endpoint';
import { INACTIVITY_CONTRACT } from './inactivity';
import { JOBS_CONTRACT } from './jobs';
import { OVERVIEW_CONTRACT } from './overview';
import type { ReplyFieldError } from './reply';
import { REVIEWS_CONTRACT } from './reviews';
import { RULES_CONTRACT } from './rules';
import { SECURITY_CONTRACT } from './security';
import { SESSION_CONTRACT } from './session';
import { SETTINGS_CONTRACT } from './settings';

export * from './audit';
export * from './catalogue';
export * from './endpoint';
export * from './inactivity';
export * from './jobs';
export * from './overview';
export * from './reply';
export * from './reviewer';
export * from './reviews';
export * from './rules';
export * from './security';
export * from './session';
export * from './settings';
export type * from '../inactivity-views';
export type * from '../review-views';
export type { AppSettings, SecretName, SecretStatus } from '../settings';
export type { GrantImpact, JobProgress, OutdatedReason } from '../jobs';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** The sections as one object; a key declared by two sections is a programming error, refused at load. */
export function mergeSections<S extends readonly ContractSection[]>(
  ...sections: S
): UnionToIntersection<S[number]> {
  const merged = new Map<string, Endpoint>();
  for (const section of sections)
    for (const [key, endpoint] of Object.entries(section)) {
      if (merged.has(key)) throw new Error(`Resolver key "${key}" is declared by two contract sections`);
      merged.set(key, endpoint);
    }
  return Object.fromEntries(merged) as UnionToIntersection<S[number]>;
}

/** Every resolver key, in the order the page's features appear. */
export const RESOLVER_CONTRACT = mergeSections(
  SESSION_CONTRACT,
  OVERVIEW_CONTRACT,
  RULES_CONTRACT,
  CATALOGUE_CONTRACT,
  JOBS_CONTRACT,
  INACTIVITY_CONTRACT,
  REVIEWS_CONTRACT,
  AUDIT_CONTRACT,
  SETTINGS_CONTRACT,
  SECURITY_CONTRACT,
);
type Contract = typeof RESOLVER_CONTRACT;

export type ResolverKey = Extract<keyof Contract, string>;
export const ALL_RESOLVER_KEYS: readonly ResolverKey[] = Object.keys(RESOLVER_CONTRACT) as ResolverKey[];

/** The map the page and the resolvers share: payload and response per key. */
export type ResolverTypes = {
  [K in ResolverKey]: { payload: PayloadOfEndpoint<Contract[K]>; response: ResponseOfEndpoint<Contract[K]> };
};
export type PayloadOf<K extends ResolverKey> = ResolverTypes[K]['payload'];
export type ResponseOf<K extends ResolverKey> = ResolverTypes[K]['response'];

/** Each key's payload schema; its output is the payload type the resolver receives. */
export const PAYLOAD_SCHEMAS = Object.fromEntries(
  ALL_RESOLVER_KEYS.map((key) => [key, RESOLVER_CONTRACT[key].payload]),
) as { [K in ResolverKey]: z.ZodType<PayloadOf<K>, unknown> };

/** Validates a payload for a key: the typed payload, or every bad field (with positions for rule conditions). */
export function parsePayload<K extends ResolverKey>(
  key: K,
  input: unknown,
): { ok: true; value: PayloadOf<K> } | { ok: false; errors: ReplyFieldError[] } {
  const schema: z.ZodType<PayloadOf<K>, unknown> = PAYLOAD_SCHEMAS[key];
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.flatMap((issue): ReplyFieldError[] => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((name) => ({
          field: fieldPath([...issue.path, name]),
          ...fieldProblem('fields.unknownField', { name }),
        }));
      const error: ReplyFieldError = {
        field: fieldPath(issue.path) || '(payload)',
        message: issue.message,
        ...keyOfIssue(issue),
      };
      const params =
        issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
      for (const name of ['line', 'column', 'length'] as const) {
        const value = params?.[name];
        if (typeof value === 'number') error[name] = value;
      }
      return [error];
    }),
  };
}
