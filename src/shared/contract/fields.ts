// Payload fields several features share (ids, cursors, instants), and the bridge from the domain validators'
// field paths to zod's.
import { z } from 'zod';

const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
export const accountId = z.string().regex(ACCOUNT_ID, 'Not an Atlassian account id');
export const ruleId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'Not a rule id (letters, digits, ".", "_", "-")');
export const opaqueId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Not a valid id');
/** Opaque, but always printable ASCII without spaces: anything else was not issued by this app's storage. */
export const cursor = z
  .string()
  .min(1, 'Not a cursor this page issued')
  .max(4000, 'Not a cursor this page issued')
  .regex(/^[\x21-\x7e]+$/, 'Not a cursor this page issued');
export const epochMs = z
  .number()
  .int('Must be a whole number of milliseconds')
  .min(0)
  .max(8_640_000_000_000_000);
export const empty = z.strictObject({});

/** Domain field paths (`grants[2].groupId`, `products.confluence.action`) as zod paths. */
export function pathOf(field: string): PropertyKey[] {
  if (!field) return [];
  return field
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}
