// Boundary validation shared by the admin page and the backend: zod schemas in, field-level errors out.
import type { z } from 'zod';
import { keyOfIssue } from './field-messages';
import type { TextKey, TextValues } from './i18n/text';

/** One problem with one field, phrased for the admin who typed it. */
export interface FieldError {
  /** Dotted path into the payload, e.g. `groupWritePath.adminAccountId` or `grants[2].groupId`. */
  field: string;
  /** In English, for logs, the API and older pages; the page words `key` instead when there is one. */
  message: string;
  /** The message's translation key and values, so the page can say it in the admin's language. */
  key?: TextKey;
  values?: TextValues;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

export function validate<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: fieldPath(issue.path) || '(payload)',
      message: issue.message,
      ...keyOfIssue(issue),
    })),
  };
}

/** Thrown at a boundary when input is invalid; resolvers turn it into a 400-style reply listing the fields. */
export class InputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'InputError';
  }
}

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = validate(schema, input);
  if (!result.ok) throw new InputError(result.errors);
  return result.value;
}
