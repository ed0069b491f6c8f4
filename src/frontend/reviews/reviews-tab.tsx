// The Access reviews tab (site admins): campaigns newest first, a new campaign, and one campaign's progress and
// report. Product admins are refused by the backend and see why.
import { useState } from 'react';
import { Button, DynamicTable, EmptyState, SectionMessage, Stack, Text } from '@forge/react';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { CampaignDetail, statusLozenge } from './campaign-detail';
import { CampaignForm } from './campaign-form';

export function ReviewsTab({ me }: { me: string }) {
  const text = useText();
  const list = useResolver('reviews.list', {});
  const [view, setView] = useState<{ kind: 'list' } | { kind: 'new' } | { kind: 'campaign'; id: string }>({
    kind: 'list',
  });

  if (view.kind === 'new')
    return (
      <CampaignForm
        me={me}
        onCancel={() => setView({ kind: 'list' })}
        onCreated={(c) => {
          list.reload();
          setView({ kind: 'campaign', id: c.id });
        }}
      />
    );
  if (view.kind === 'campaign')
    return (
      <CampaignDetail
        campaignId={view.id}
        onBack={() => {
          list.reload();
          setView({ kind: 'list' });
        }}
      />
    );
  if (list.state.value === undefined)
    return list.state.status === 'error' && list.state.error.kind === 'forbidden' ? (
      <SectionMessage appearance="information" title={text.t('reviews.tab.siteAdminsOnly')}>
        <Text>{list.state.error.message}</Text>
      </SectionMessage>
    ) : list.state.status === 'error' ? (
      <ReplyErrorMessage
        error={list.state.error}
        action={text.t('reviews.tab.loadingAction')}
        onRetry={list.reload}
      />
    ) : (
      <Loading what="accessReviews" />
    );
  const campaigns = list.state.value.campaigns;
  return (
    <Stack space="space.150" testId="reviews-tab">
      <Text>{text.t('reviews.tab.intro')}</Text>
      <Button appearance="primary" testId="campaign-new" onClick={() => setView({ kind: 'new' })}>
        {text.t('reviews.tab.newButton')}
      </Button>
      {campaigns.length === 0 ? (
        <EmptyState
          header={text.t('reviews.tab.emptyHeader')}
          description={text.t('reviews.tab.emptyDescription')}
          width="narrow"
        />
      ) : (
        <DynamicTable
          caption={text.t('reviews.tab.tableCaption')}
          testId="reviews-table"
          head={{
            cells: [
              { key: 'name', content: text.t('reviews.tab.columns.name') },
              { key: 'status', content: text.t('reviews.tab.columns.status') },
              { key: 'items', content: text.t('reviews.tab.columns.items') },
              { key: 'due', content: text.t('reviews.tab.columns.due') },
              { key: 'next', content: text.t('reviews.tab.columns.next') },
            ],
          }}
          rows={campaigns.map((c) => ({
            key: c.id,
            cells: [
              {
                key: 'name',
                content: (
                  <Button appearance="subtle" onClick={() => setView({ kind: 'campaign', id: c.id })}>
                    {c.definition.name}
                  </Button>
                ),
              },
              { key: 'status', content: statusLozenge(text, c.status) },
              { key: 'items', content: text.number(c.items) },
              { key: 'due', content: text.when(c.dueAt, '') },
              { key: 'next', content: text.when(c.nextStartAt, text.t('reviews.tab.oneOff')) },
            ],
          }))}
        />
      )}
    </Stack>
  );
}
