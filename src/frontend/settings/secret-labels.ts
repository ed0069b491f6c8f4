// How the page names each write-only secret, and what it is for.
import type { SecretName } from '../../shared/contract';

export const SECRET_LABELS: Record<SecretName, { label: string; help: string }> = {
  'org-api-key': {
    label: 'Organization API key',
    help: 'From admin.atlassian.com → Settings → API keys. Reads the org directory and activity; can write groups.',
  },
  'scim-directory-key': {
    label: 'SCIM directory API key',
    help: 'The key of the user-provisioning directory your identity provider syncs to.',
  },
  'webtrigger-secret': {
    label: 'Attribute push signing secret',
    help: 'Your identity provider signs each attribute push with it (HMAC-SHA256).',
  },
};
