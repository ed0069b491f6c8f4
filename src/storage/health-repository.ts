// Health of each moving part (sources, write path, scans), as the admin page's Overview shows it. A part's last
// success and last failure are stored under two keys, so recording one never needs to read or lose the other.
import { kvs, WhereConditions } from '@forge/kvs';
import { KEY } from './keys';

export interface ComponentHealth {
  component: string;
  ok: boolean;
  /** What is wrong and what to do about it, or what last happened. */
  message: string;
  at: number;
}

/** A component's latest verdict, with its last success and last failure (either may be missing). */
export interface ComponentHealthRecord extends ComponentHealth {
  lastOk: { at: number; message: string } | null;
  lastFailure: { at: number; message: string } | null;
}

/** A repeated verdict with the same words is written at most this often (storage quotas count writes). */
const REPEAT_WRITE_MS = 10 * 60_000;

export async function recordHealth(health: ComponentHealth): Promise<void> {
  const key = KEY.health(health.component, health.ok);
  const previous = await kvs.get<ComponentHealth>(key);
  if (previous && previous.message === health.message && health.at - previous.at < REPEAT_WRITE_MS) return;
  await kvs.set(key, health);
}

/** A component's latest verdict (the newer of its last success and last failure), if any was recorded. */
export async function healthOf(component: string): Promise<ComponentHealth | undefined> {
  const [ok, failed] = await Promise.all([
    kvs.get<ComponentHealth>(KEY.health(component, true)),
    kvs.get<ComponentHealth>(KEY.health(component, false)),
  ]);
  if (!ok || !failed) return ok ?? failed;
  return failed.at >= ok.at ? failed : ok;
}

/** Every component's record; verdicts stored before success and failure were kept apart count as what they say. */
export async function allHealth(): Promise<ComponentHealthRecord[]> {
  const page = await kvs
    .query()
    .where('key', WhereConditions.beginsWith(KEY.healthPrefix))
    .limit(100)
    .getMany();
  const records = new Map<string, ComponentHealthRecord>();
  for (const { value } of page.results) {
    const verdict = value as ComponentHealth;
    const record = records.get(verdict.component) ?? {
      ...verdict,
      lastOk: null,
      lastFailure: null,
    };
    const slot = verdict.ok ? 'lastOk' : 'lastFailure';
    const kept = record[slot];
    if (!kept || verdict.at > kept.at) record[slot] = { at: verdict.at, message: verdict.message };
    if (verdict.at >= record.at)
      Object.assign(record, { ok: verdict.ok, message: verdict.message, at: verdict.at });
    records.set(verdict.component, record);
  }
  return [...records.values()];
}
