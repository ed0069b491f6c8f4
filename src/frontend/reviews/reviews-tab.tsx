// The Access reviews tab (site admins): campaigns newest first, a new campaign, and one campaign's progress and
// report. Product admins are refused by the backend and see why.
import { useState } from 'react';
import { Button, DynamicTable, EmptyState, SectionMessage, Stack, Text } from '@forge/react';
import { useResolver } from '../api/use-resolver';
import { formatWhen } from '../common/format';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { CampaignDetail, statusLozenge } from './campaign-detail';
import { CampaignForm } from './campaign-form';

export function ReviewsTab({ me }: { me: string }) {
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
      <SectionMessage appearance="information" title="Site admins only">
        <Text>{list.state.error.message}</Text>
      </SectionMessage>
    ) : list.state.status === 'error' ? (
      <ReplyErrorMessage error={list.state.error} action="Loading access reviews" onRetry={list.reload} />
    ) : (
      <Loading what="accessReviews" />
    );
  const campaigns = list.state.value.campaigns;
  return (
    <Stack space="space.150" testId="reviews-tab">
      <Text>
        Access reviews ask the people who own access (rule owners, group owners, project leads) to confirm who
        still needs it. Reviewers decide in Jira → Apps → Access reviews; removals go through the app&apos;s
        ledger and audit.
      </Text>
      <Button appearance="primary" testId="campaign-new" onClick={() => setView({ kind: 'new' })}>
        New access review
      </Button>
      {campaigns.length === 0 ? (
        <EmptyState
          header="No access reviews yet"
          description="Start one to certify who holds what."
          width="narrow"
        />
      ) : (
        <DynamicTable
          caption="Access reviews"
          testId="reviews-table"
          head={{
            cells: [
              { key: 'name', content: 'Name' },
              { key: 'status', content: 'Status' },
              { key: 'items', content: 'Items' },
              { key: 'due', content: 'Due' },
              { key: 'next', content: 'Next' },
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
              { key: 'status', content: statusLozenge(c.status) },
              { key: 'items', content: String(c.items) },
              { key: 'due', content: formatWhen(c.dueAt, '') },
              { key: 'next', content: formatWhen(c.nextStartAt, 'one-off') },
            ],
          }))}
        />
      )}
    </Stack>
  );
}
