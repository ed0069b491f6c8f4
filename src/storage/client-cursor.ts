// Cursors the admin page sends back: when storage refuses one, the caller made the mistake (a tampered, truncated or
// foreign cursor), so it becomes a field error on `cursor` rather than an app failure with a stack trace.
import { ForgeKvsAPIError } from '@forge/kvs';
import { InputError } from '../shared/validation';

export class InvalidCursorError extends InputError {
  constructor() {
    super([
      {
        field: 'cursor',
        message: 'Not a cursor this page issued; reload the list and page through it again',
      },
    ]);
    this.name = 'InvalidCursorError';
  }
}

/**
 * Runs a query that was given the caller's cursor. Forge answers a cursor it did not issue with a 400 (the code is
 * not documented; the emulator's is INVALID_CURSOR); the rest of the query is built by the app from validated
 * fields, so a 400 here is the cursor's fault. Quota refusals (429) and outages pass through unchanged.
 */
export async function withClientCursor<T>(cursor: string | undefined, run: () => Promise<T>): Promise<T> {
  if (cursor === undefined) return run();
  try {
    return await run();
  } catch (e) {
    if (e instanceof ForgeKvsAPIError && e.responseDetails.status === 400) throw new InvalidCursorError();
    throw e;
  }
}
