// Errors the emulated Forge storage returns, with the codes Atlassian documents for KVS and custom entities.

/** A storage refusal: becomes a non-2xx `{ code, message }` reply that @forge/kvs turns into ForgeKvsAPIError. */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KvsError';
  }
}

export const notFound = (key: string): KvsError =>
  new KvsError(404, 'KEY_NOT_FOUND', `Key "${key}" was not found`);
export const badRequest = (code: string, message: string): KvsError => new KvsError(400, code, message);
