// The whole page for anyone the backend refuses: no tabs, no data, just why and whom to ask.
import { SectionMessage, Text } from '@forge/react';
import { ADMINS_ONLY_MESSAGE } from '../../shared/contract';

/** `detail`: the backend's reason (which product's administrators may use the page from here). */
export function AdminsOnly({ detail }: { detail?: string }) {
  return (
    <SectionMessage appearance="warning" title="Admins only">
      <Text>{ADMINS_ONLY_MESSAGE}</Text>
      {detail && detail !== ADMINS_ONLY_MESSAGE ? <Text>{detail}</Text> : null}
    </SectionMessage>
  );
}
