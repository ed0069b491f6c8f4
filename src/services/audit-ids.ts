// Deterministic audit ids: the same fact (same change of the same run) always gets the same id, so retries and
// duplicate deliveries cannot write it twice.
import { createHash } from 'node:crypto';

export function auditId(...parts: Array<string | number>): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('base64url').slice(0, 32);
}
