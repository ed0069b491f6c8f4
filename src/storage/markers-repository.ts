// Small coordination records: "a run is queued for this user", web-trigger nonces, and scan watermarks.
import { kvs, type ForgeKvsAPIError } from '@forge/kvs';
import { KEY } from './keys';

const isAlreadyExists = (e: unknown) => (e as ForgeKvsAPIError | undefined)?.code === 'KEY_ALREADY_EXISTS';

/** Records a signature once; false if it was seen before (a replay). Kept past the replay window. */
export async function claimNonce(signature: string, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(KEY.webTriggerNonce(signature), 1, {
      keyPolicy: 'FAIL_IF_EXISTS',
      ttl: { value: ttlSeconds, unit: 'SECONDS' },
    });
    return true;
  } catch (e) {
    if (isAlreadyExists(e)) return false;
    throw e;
  }
}

export interface Watermark {
  /** Epoch ms up to which the scan is complete. */
  until: number;
  updatedAt: number;
  /** Free-form progress inside the current window (e.g. an offset), so a killed scan resumes. */
  cursor?: string;
}

export async function getWatermark(name: string): Promise<Watermark | undefined> {
  return kvs.get<Watermark>(KEY.watermark(name));
}

export async function setWatermark(name: string, watermark: Watermark): Promise<void> {
  await kvs.set(KEY.watermark(name), watermark);
}
