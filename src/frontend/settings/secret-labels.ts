// How the page names each write-only secret, and what it is for: translation keys, filled in when shown.
import type { SecretName } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';

export const SECRET_LABELS: Readonly<Record<SecretName, { label: TextKey; help: TextKey }>> = {
  'org-api-key': { label: 'settings.secrets.orgApiKey', help: 'settings.secrets.orgApiKeyHelp' },
  'scim-directory-key': {
    label: 'settings.secrets.scimDirectoryKey',
    help: 'settings.secrets.scimDirectoryKeyHelp',
  },
  'webtrigger-secret': {
    label: 'settings.secrets.webtriggerSecret',
    help: 'settings.secrets.webtriggerSecretHelp',
  },
};
