// The reviewer page (Jira → Apps → Access reviews): the campaigns the signed-in person reviews in, then their own
// items in one of them. The backend decides what is theirs; the page only shows what it is given.
import { useState } from 'react';
import { Box, Button, EmptyState, Heading, Inline, Lozenge, Stack, Text } from '@forge/react';
import type { ReviewerCampaignView } from '../../shared/contract';
import { formatWhen } from '../common/format';
import { Loading } from '../common/loading';
import { ReviewerError } from './reviewer-error';
import { useReviewer } from './call-reviewer';
import { ReviewItems } from './review-items';
import { TextProvider } from '../i18n/text-provider';

const STATUS: Record<
  ReviewerCampaignView['status'],
  { text: string; appearance: 'inprogress' | 'success' | 'default' | 'removed' }
> = {
  collecting: { text: 'Starting', appearance: 'default' },
  open: { text: 'Open', appearance: 'inprogress' },
  closing: { text: 'Closing', appearance: 'default' },
  acting: { text: 'Closing', appearance: 'default' },
  closed: { text: 'Closed', appearance: 'success' },
  cancelled: { text: 'Cancelled', appearance: 'removed' },
  failed: { text: 'Failed', appearance: 'removed' },
};

function CampaignLine({ campaign, onOpen }: { campaign: ReviewerCampaignView; onOpen: () => void }) {
  const status = STATUS[campaign.status];
  return (
    <Inline space="space.100" alignBlock="center" testId={`reviewer-campaign-${campaign.id}`}>
      <Button appearance="subtle" onClick={onOpen}>
        {campaign.name}
      </Button>
      <Lozenge appearance={status.appearance}>{status.text}</Lozenge>
      <Text>
        {campaign.status === 'open'
          ? `${campaign.pending} of ${campaign.total} undecided; due ${formatWhen(campaign.dueAt)}`
          : `${campaign.kept} kept, ${campaign.removed} removed of ${campaign.total}`}
      </Text>
    </Inline>
  );
}

function ReviewerPage() {
  const campaigns = useReviewer('reviewer.campaigns', {});
  const [openId, setOpenId] = useState<string | null>(null);
  if (campaigns.state.value === undefined) {
    if (campaigns.state.status === 'error')
      return (
        <ReviewerError
          error={campaigns.state.error}
          action="Loading your access reviews"
          onRetry={campaigns.reload}
        />
      );
    return <Loading what="yourAccessReviews" />;
  }
  const list = campaigns.state.value.campaigns;
  const open = list.find((c) => c.id === openId) ?? (list.length === 1 ? list[0] : undefined);
  return (
    <Stack space="space.200">
      <Heading size="large">Access reviews</Heading>
      {list.length === 0 ? (
        <EmptyState
          header="You have no access reviews"
          description="When a site admin asks you to confirm who still needs access you own, it appears here."
          width="narrow"
        />
      ) : (
        <Stack space="space.100">
          <Text>
            Confirm who still needs the access you are responsible for. You see only the items assigned to
            you.
          </Text>
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
