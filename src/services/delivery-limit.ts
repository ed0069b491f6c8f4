// How often one queued message is tried before the app stops and records it as failed. Forge retries an async
// event that fails (a runtime error, a timeout, a retry the app asked for) for up to a day, so a message that
// fails every time would otherwise spend the installation's storage quota and Atlassian's budgets all day.

/** Deliveries of one message (the first and Forge's retries): about an hour of Forge's back-off, then it stops. */
export const MAX_DELIVERIES = 8;

/**
 * Why a message was given up, to follow its subject ("Its page step …"): `last` is what went wrong the last time.
 */
export function givenUpReason(deliveries: number, last: string): string {
  return `failed ${deliveries} times in a row (last: ${last}), so it was stopped rather than retried all day`;
}
