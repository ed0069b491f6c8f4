// Health of each moving part (sources, write path, scans), as the admin page's Overview shows it.
import { kvs, WhereConditions } from '@forge/kvs';
import { KEY } from './keys';

export interface ComponentHealth {
  component: string;
  ok: boolean;
  /** What is wrong and what to do about it, or what last happened. */
  message: string;
  at: number;
}

export async function recordHealth(health: ComponentHealth): Promise<void> {
  const previous = await kvs.get<ComponentHealth>(KEY.health(health.component));
  // Repeating the same verdict is not worth a write (storage quotas count writes).
  if (
    previous &&
    previous.ok === health.ok &&
    previous.message === health.message &&
    health.at - previous.at < 3_600_000
  )
    return;
  await kvs.set(KEY.health(health.component), health);
}

export async function healthOf(component: string): Promise<ComponentHealth | undefined> {
  return kvs.get<ComponentHealth>(KEY.health(component));
}

export async function allHealth(): Promise<ComponentHealth[]> {
  const page = await kvs
    .query()
    .where('key', WhereConditions.beginsWith(KEY.healthPrefix))
    .limit(100)
    .getMany();
  return page.results.map((r) => r.value as ComponentHealth);
}
