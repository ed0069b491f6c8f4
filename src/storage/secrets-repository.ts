// Write-only credentials: stored with kvs.setSecret, readable only by backend code that needs them, never listed.
import { kvs } from '@forge/kvs';
import type { SecretName, SecretStatus } from '../shared/settings';
import { KEY, SECRET_KEY } from './keys';

interface SecretMeta {
  updatedAt: string;
  updatedBy: string;
}

export async function setSecret(
  name: SecretName,
  value: string,
  by: { accountId: string; at: number },
): Promise<void> {
  await kvs.setSecret(SECRET_KEY(name), value);
  await kvs.set(KEY.secretMeta(name), {
    updatedAt: new Date(by.at).toISOString(),
    updatedBy: by.accountId,
  } satisfies SecretMeta);
}

export async function clearSecret(name: SecretName): Promise<void> {
  await kvs.deleteSecret(SECRET_KEY(name));
  await kvs.delete(KEY.secretMeta(name));
}

/** The secret's value, for backend use only (API clients, signature checks). */
export async function readSecret(name: SecretName): Promise<string | undefined> {
  const value = await kvs.getSecret<string>(SECRET_KEY(name));
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** What the admin page may see: set or not, when and by whom. */
export async function secretStatus(name: SecretName): Promise<SecretStatus> {
  const meta = await kvs.get<SecretMeta>(KEY.secretMeta(name));
  return {
    name,
    isSet: meta !== undefined,
    updatedAt: meta?.updatedAt ?? null,
    updatedBy: meta?.updatedBy ?? null,
  };
}
