// The whole page for anyone the backend refuses: no tabs, no data, one sentence saying why.
import { SectionMessage, Text } from '@forge/react';
import { ADMINS_ONLY_MESSAGE } from '../../shared/resolver-contract';

export function AdminsOnly() {
  return (
    <SectionMessage appearance="warning" title="Admins only">
      <Text>{ADMINS_ONLY_MESSAGE}</Text>
      <Text>Ask a Jira or Confluence administrator if you need changes to just-in-time access.</Text>
    </SectionMessage>
  );
}
