// Marks a report or preview that no longer describes the present, says why, and offers to compute it again.
import { Button, SectionMessage, Text } from '@forge/react';
import type { OutdatedReason } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';
import { useText } from '../i18n/text-provider';

const REASON_TEXT: Record<OutdatedReason, TextKey> = {
  'rules-changed': 'common.outdated.rulesChanged',
  'policy-changed': 'common.outdated.policyChanged',
  'clock-moved': 'common.outdated.clockMoved',
};

export interface OutdatedNoticeProps {
  reasons: readonly OutdatedReason[];
  /** What is outdated, translated ("This preview"): the title reads "<what> is outdated". */
  what: string;
  rerunLabel: string;
  onRerun: () => void;
  busy?: boolean;
}

export function OutdatedNotice({ reasons, what, rerunLabel, onRerun, busy = false }: OutdatedNoticeProps) {
  const { t } = useText();
  if (reasons.length === 0) return null;
  return (
    <SectionMessage appearance="warning" title={t('common.outdated.title', { what })}>
      {reasons.map((r) => (
        <Text key={r}>{t(REASON_TEXT[r])}</Text>
      ))}
      <Button isDisabled={busy} onClick={onRerun}>
        {rerunLabel}
      </Button>
    </SectionMessage>
  );
}
