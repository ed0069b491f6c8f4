// A campaign's state as the reviewer reads it: the lozenge on each campaign, and why a campaign that is no longer
// open takes no decisions (whole sentences: German places the state differently in them).
import type { CampaignStatus } from '../../shared/review-views';
import type { TextKey } from '../../shared/i18n/text';

export const STATUS: Readonly<
  Record<CampaignStatus, { label: TextKey; appearance: 'inprogress' | 'success' | 'default' | 'removed' }>
> = {
  collecting: { label: 'reviewer.status.collecting', appearance: 'default' },
  open: { label: 'reviewer.status.open', appearance: 'inprogress' },
  closing: { label: 'reviewer.status.closing', appearance: 'default' },
  acting: { label: 'reviewer.status.closing', appearance: 'default' },
  closed: { label: 'reviewer.status.closed', appearance: 'success' },
  cancelled: { label: 'reviewer.status.cancelled', appearance: 'removed' },
  failed: { label: 'reviewer.status.failed', appearance: 'removed' },
};

export const NOT_OPEN: Readonly<Record<Exclude<CampaignStatus, 'open'>, TextKey>> = {
  collecting: 'reviewer.items.notOpen.collecting',
  closing: 'reviewer.items.notOpen.closing',
  acting: 'reviewer.items.notOpen.closing',
  closed: 'reviewer.items.notOpen.closed',
  cancelled: 'reviewer.items.notOpen.cancelled',
  failed: 'reviewer.items.notOpen.failed',
};
