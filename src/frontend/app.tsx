// The admin page (jira:adminPage and confluence:globalSettings share it): loads the viewer's words, asks who is
// calling first, so anyone the backend refuses sees only "Admins only", then shows the tabs.
import { Heading, Stack, Text } from '@forge/react';
import { useResolver } from './api/use-resolver';
import { AdminTabs } from './admin-tabs';
import { AdminsOnly } from './common/admins-only';
import { LicenceBanner } from './common/licence-banner';
import { Loading } from './common/loading';
import { ReplyErrorMessage } from './common/reply-error-message';
import { TextProvider, useText } from './i18n/text-provider';

function AdminPage() {
  const { t } = useText();
  const { state, reload } = useResolver('session.get', {});
  if (state.status === 'loading') return <Loading what="access" />;
  if (state.status === 'error') {
    if (state.error.kind === 'forbidden') return <AdminsOnly detail={state.error.message} />;
    return <ReplyErrorMessage error={state.error} action={t('app.opening')} onRetry={reload} />;
  }
  return (
    <Stack space="space.200">
      <Heading size="large">{t('app.title')}</Heading>
      <Text>{t('app.tagline')}</Text>
      <LicenceBanner licence={state.value.licence} />
      <AdminTabs product={state.value.product} accountId={state.value.accountId} />
    </Stack>
  );
}

export function App() {
  return (
    <TextProvider>
      <AdminPage />
    </TextProvider>
  );
}
