// Shared rate-limit cool-downs: when one worker is told to wait, the others hold off too instead of retrying
// early (which Atlassian answers with a longer wait for everyone sharing the app's budget).
import { kvs } from '@forge/kvs';
import { KEY } from './keys';

export type Cooldowns = Record<string, number>;

export async function getCooldowns(): Promise<Cooldowns> {
  return (await kvs.get<Cooldowns>(KEY.cooldowns)) ?? {};
}

/** Extends the cool-down of one API (never shortens it). Last writer wins on a race; the gate is advisory. */
export async function extendCooldown(api: string, until: number): Promise<void> {
  const current = await getCooldowns();
  if ((current[api] ?? 0) >= until) return;
  await kvs.set(KEY.cooldowns, { ...current, [api]: until });
}
