// The whole page for anyone the backend refuses: no tabs, no data, just why and whom to ask.
import { SectionMessage, Text } from '@forge/react';
import { ADMINS_ONLY_MESSAGE } from '../../shared/contract';
import { useText } from '../i18n/text-provider';

/** `detail`: the backend's reason (which product's administrators may use the page from here). */
export function AdminsOnly({ detail }: { detail?: string }) {
  const { t } = useText();
  return (
    <SectionMessage appearance="warning" title={t('common.adminsOnly.title')}>
      <Text>{t('common.adminsOnly.message')}</Text>
      {detail && detail !== ADMINS_ONLY_MESSAGE ? <Text>{detail}</Text> : null}
    </SectionMessage>
  );
}
