// The reviewer page (Jira → Apps → Access reviews): the campaigns the signed-in person reviews in, then their own
// items in one of them. The backend decides what is theirs; the page only shows what it is given.
import { useState } from 'react';
import { Box, Button, EmptyState, Heading, Inline, Lozenge, Stack, Text } from '@forge/react';
import type { ReviewerCampaignView } from '../../shared/contract';
import { Loading } from '../common/loading';
import { TextProvider, useText } from '../i18n/text-provider';
import { ReviewerError } from './reviewer-error';
import { useReviewer } from './call-reviewer';
import { STATUS } from './campaign-status';
import { ReviewItems } from './review-items';

function CampaignLine({ campaign, onOpen }: { campaign: ReviewerCampaignView; onOpen: () => void }) {
  const text = useText();
  const status = STATUS[campaign.status];
  return (
    <Inline space="space.100" alignBlock="center" testId={`reviewer-campaign-${campaign.id}`}>
      <Button appearance="subtle" onClick={onOpen}>
        {campaign.name}
      </Button>
      <Lozenge appearance={status.appearance}>{text.t(status.label)}</Lozenge>
      <Text>
        {campaign.status === 'open'
          ? text.t('reviewer.campaigns.openProgress', {
              pending: campaign.pending,
              total: campaign.total,
              due: text.when(campaign.dueAt),
            })
          : text.t('reviewer.campaigns.closedProgress', {
              kept: campaign.kept,
              removed: campaign.removed,
              total: campaign.total,
            })}
      </Text>
    </Inline>
  );
}

function ReviewerPage() {
  const text = useText();
  const campaigns = useReviewer('reviewer.campaigns', {});
  const [openId, setOpenId] = useState<string | null>(null);
  if (campaigns.state.value === undefined) {
    if (campaigns.state.status === 'error')
      return (
        <ReviewerError
          error={campaigns.state.error}
          title={text.t('reviewer.campaigns.loadFailed')}
          onRetry={campaigns.reload}
        />
      );
    return <Loading what="yourAccessReviews" />;
  }
  const list = campaigns.state.value.campaigns;
  const open = list.find((c) => c.id === openId) ?? (list.length === 1 ? list[0] : undefined);
  return (
    <Stack space="space.200">
      <Heading size="large">{text.t('app.reviewerPageTitle')}</Heading>
      {list.length === 0 ? (
        <EmptyState
          header={text.t('reviewer.campaigns.emptyHeader')}
          description={text.t('reviewer.campaigns.emptyDescription')}
          width="narrow"
        />
      ) : (
        <Stack space="space.100">
          <Text>{text.t('reviewer.campaigns.intro')}</Text>
          {list.map((c) => (
            <CampaignLine key={c.id} campaign={c} onOpen={() => setOpenId(c.id)} />
          ))}
        </Stack>
      )}
      {open ? (
        <Box>
          <ReviewItems key={open.id} campaignId={open.id} onDecided={campaigns.reload} />
        </Box>
      ) : null}
    </Stack>
  );
}

export function ReviewerApp() {
  return (
    <TextProvider>
      <ReviewerPage />
    </TextProvider>
  );
}
