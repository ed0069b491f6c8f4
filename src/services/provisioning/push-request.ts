// What a signed attribute push must look like before anything is looked up or stored: headers, media type,
// signature scheme and body shape, with attribute names that can only ever be an object's own data.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { validate, type FieldError, type Validated } from '../../shared/validation';
import type { PushedValue } from '../../storage/pushed-attributes-repository';

export const PUSH_LIMITS = {
  maxBodyBytes: 64 * 1024,
  replayWindowSeconds: 300,
  maxAttributes: 50,
  maxStringLength: 1024,
  maxListItems: 100,
  maxNameLength: 64,
} as const;

export const SIGNATURE_HEADER = 'x-jit-signature';
export const TIMESTAMP_HEADER = 'x-jit-timestamp';

/** Forge's web-trigger request: header names as the caller sent them, each with its list of values. */
export type RequestHeaders = Record<string, string[] | string | undefined>;

/** Every value of a header, whatever the case of its name and however often it was sent. */
export function headerValues(headers: RequestHeaders, name: string): string[] {
  return Object.entries(headers)
    .filter(([key]) => key.toLowerCase() === name)
    .flatMap(([, values]) => (values === undefined ? [] : Array.isArray(values) ? values : [values]));
}

/** `sha256=` + hex HMAC-SHA256 over `${timestamp}.${body}` with the shared secret (documented in the README). */
export function signPush(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why the request's media type is not JSON in UTF-8, or undefined when it is: exactly one Content-Type,
 * `application/json` in any case, with no parameter but an optional `charset=utf-8`.
 */
export function contentTypeProblem(headers: RequestHeaders): string | undefined {
  const values = headerValues(headers, 'content-type');
  const expected = 'Send the body as JSON with Content-Type: application/json (optionally ; charset=utf-8)';
  if (values.length === 0) return `${expected}; the request had no Content-Type.`;
  if (values.length > 1) return `${expected}; the request had ${values.length} Content-Type headers.`;
  const [mediaType = '', ...parameters] = (values[0] as string).split(';').map((p) => p.trim());
  const charsetOnly = parameters.every((p) => /^charset\s*=\s*"?utf-8"?$/i.test(p));
  if (mediaType.toLowerCase() !== 'application/json' || !charsetOnly)
    return `${expected}, not ${JSON.stringify(values[0]).slice(0, 100)}.`;
  return undefined;
}

/** Letters, digits and `_`, starting with a letter: the names rules can write as `user.custom.<name>`. */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Names every JavaScript object already answers to (Object.prototype's members, `prototype`), refused so a
 * pushed value can never be confused with, or replace, what an object inherits.
 */
export const RESERVED_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);

export function attributeNameProblem(name: string): string | undefined {
  if (RESERVED_ATTRIBUTE_NAMES.has(name))
    return `The name "${name}" is not allowed: every JavaScript object already has it.`;
  if (!ATTRIBUTE_NAME_PATTERN.test(name))
    return `Attribute names are letters, digits and _, start with a letter, and have at most ${PUSH_LIMITS.maxNameLength} characters.`;
  return undefined;
}

const attributeValue = z.union([
  z.string().max(PUSH_LIMITS.maxStringLength),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(PUSH_LIMITS.maxStringLength)).max(PUSH_LIMITS.maxListItems),
]);

// Names are checked on the raw object's own keys (below), before zod: zod's record drops a `__proto__` key.
const pushSchema = z
  .object({
    accountId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9:_-]+$/, 'Not an Atlassian account id')
      .optional(),
    email: z.string().email('Not an email address').max(320).optional(),
    attributes: z.record(z.string(), attributeValue),
  })
  .strict()
  .refine((b) => b.accountId !== undefined || b.email !== undefined, {
    message: 'Give accountId or email',
    path: ['accountId'],
  });

export interface PushBody {
  accountId?: string;
  email?: string;
  /** Own properties only, on an object without a prototype. */
  attributes: Record<string, PushedValue>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function attributeNameErrors(attributes: unknown): FieldError[] {
  if (!isPlainObject(attributes)) return [];
  const names = Object.keys(attributes);
  const errors = names.flatMap((name) => {
    const message = attributeNameProblem(name);
    return message ? [{ field: `attributes.${name}`, message }] : [];
  });
  if (names.length > PUSH_LIMITS.maxAttributes)
    errors.push({ field: 'attributes', message: `At most ${PUSH_LIMITS.maxAttributes} attributes` });
  return errors;
}

/** Parses the JSON body; a name that is not a safe own identifier is refused, never dropped. */
export function parsePushBody(body: string): Validated<PushBody> | 'not-json' {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'not-json';
  }
  const nameErrors = attributeNameErrors(isPlainObject(json) ? json['attributes'] : undefined);
  const parsed = validate(pushSchema, json);
  if (parsed.ok && nameErrors.length === 0) {
    const raw = (json as { attributes: Record<string, unknown> }).attributes;
    const attributes: Record<string, PushedValue> = Object.create(null) as Record<string, PushedValue>;
    for (const name of Object.keys(raw)) attributes[name] = parsed.value.attributes[name] as PushedValue;
    return { ok: true, value: { ...parsed.value, attributes } };
  }
  const errors = [...nameErrors, ...(parsed.ok ? [] : parsed.errors)];
  // Zod skips the object-level "accountId or email" check when fields fail; report it alongside them.
  const raw = isPlainObject(json) ? json : {};
  if (
    raw['accountId'] === undefined &&
    raw['email'] === undefined &&
    !errors.some((e) => e.field === 'accountId')
  )
    errors.push({ field: 'accountId', message: 'Give accountId or email' });
  return { ok: false, errors };
}
