// Payload fields several features share (ids, cursors, instants), and the bridge from the domain validators'
// field paths to zod's.
import { fieldMessage } from '../field-messages';
import { z } from 'zod';

const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;
export const accountId = z.string().regex(ACCOUNT_ID, fieldMessage('fields.notAccountId'));
export const ruleId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, fieldMessage('fields.notRuleId'));
export const opaqueId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, fieldMessage('fields.notValidId'));
/** Opaque, but always printable ASCII without spaces: anything else was not issued by this app's storage. */
export const cursor = z
  .string()
  .min(1, fieldMessage('fields.notCursor'))
  .max(4000, fieldMessage('fields.notCursor'))
  .regex(/^[\x21-\x7e]+$/, fieldMessage('fields.notCursor'));
export const epochMs = z
  .number()
  .int(fieldMessage('fields.wholeMilliseconds'))
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
