// The admin page (jira:adminPage and confluence:globalSettings share it): asks who is calling first, so
// anyone the backend refuses sees only "Admins only", then shows the tabs.
import { Heading, Stack, Text } from '@forge/react';
import { useResolver } from './api/use-resolver';
import { AdminTabs } from './admin-tabs';
import { AdminsOnly } from './common/admins-only';
import { LicenceBanner } from './common/licence-banner';
import { Loading } from './common/loading';
import { ReplyErrorMessage } from './common/reply-error-message';

export function App() {
  const { state, reload } = useResolver('session.get', {});
  if (state.status === 'loading') return <Loading what="your access" />;
  if (state.status === 'error') {
    if (state.error.kind === 'forbidden') return <AdminsOnly detail={state.error.message} />;
    return <ReplyErrorMessage error={state.error} action="Opening JIT Access" onRetry={reload} />;
  }
  return (
    <Stack space="space.200">
      <Heading size="large">JIT Access</Heading>
      <Text>
        Grants groups and project roles from identity-provider attributes, and reclaims inactive users&apos;
        seats.
      </Text>
      <LicenceBanner licence={state.value.licence} />
      <AdminTabs product={state.value.product} accountId={state.value.accountId} />
    </Stack>
  );
}
