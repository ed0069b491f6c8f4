// Scan watermarks: how far a periodic scan got, so a killed scan resumes where it stopped.
import { kvs } from '@forge/kvs';
import { KEY } from './keys';

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
