// Read-only forms: a section whose backend refuses changes for this admin (the resolver decides; the page only
// shows it) provides the reason, and every field under it is disabled and its change buttons hidden.
import { createContext, useContext } from 'react';

/** Why the fields below are read-only, or null when they may be changed. */
export const ReadOnlyReason = createContext<string | null>(null);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyReason) !== null;
}
