// How a feature declares its resolver keys: each key's payload schema and its response type (a type-only marker).
import type { z } from 'zod';

/** Carries a response type in the type system only; at run time it is an empty object. */
export interface Returns<T> {
  readonly __response?: T;
}

/** The response marker of an endpoint: `response: returns<RuleView>()`. */
export function returns<T>(): Returns<T> {
  return {};
}

/** One resolver key: the schema its payload must pass (its output is what the handler receives) and its reply. */
export interface Endpoint<P = unknown, R = unknown> {
  readonly payload: z.ZodType<P, unknown>;
  readonly response: Returns<R>;
}

/** A feature's keys. */
export type ContractSection = Readonly<Record<string, Endpoint>>;

export type PayloadOfEndpoint<E> = E extends { payload: infer S extends z.ZodType } ? z.output<S> : never;
export type ResponseOfEndpoint<E> = E extends { response: Returns<infer R> } ? R : never;
