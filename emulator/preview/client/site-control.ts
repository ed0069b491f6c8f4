// The site console's calls to the emulated site's own control API (/__emulator/…, see emulator/site/README.md).
import { getJson, postJson, putJson } from './preview-api';

export interface FaultDials {
  rateLimits: boolean;
  /** Share of site requests answered with an injected 5xx (0 = faults off). */
  errorRate: number;
}

interface FaultConfig {
  seed: number;
  rules: Array<{ errorRate?: number }>;
}

export function jitLogin(
  email: string,
  displayName: string,
): Promise<{ accountId: string; created: boolean }> {
  return postJson('/__emulator/jit-login', { email, displayName });
}

/** Records product use now (site clock) for a user named by email or account id. */
export async function recordActivity(user: string, product: string): Promise<string> {
  const account = await getJson<{ accountId: string }>(`/__emulator/users/${encodeURIComponent(user)}`);
  await postJson('/__emulator/activity', { accountId: account.accountId, product });
  return account.accountId;
}

export async function faultDials(): Promise<FaultDials> {
  const [limits, faults] = await Promise.all([
    getJson<{ enabled: boolean }>('/__emulator/rate-limits'),
    getJson<FaultConfig>('/__emulator/faults'),
  ]);
  return { rateLimits: limits.enabled, errorRate: faults.rules[0]?.errorRate ?? 0 };
}

export async function setFaultDials(dials: FaultDials): Promise<FaultDials> {
  await putJson('/__emulator/rate-limits', dials.rateLimits ? { enabled: true } : 'off');
  await putJson('/__emulator/faults', {
    seed: 1,
    rules: dials.errorRate > 0 ? [{ errorRate: dials.errorRate }] : [],
  });
  return faultDials();
}
