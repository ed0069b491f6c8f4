// Placeholder scheduled handler so the skeleton deploys; replaced by the backstop scan.
export const heartbeat = (): Promise<{ ok: true }> => Promise.resolve({ ok: true });
