// Marks a report or preview that no longer describes the present, says why, and offers to compute it again.
import { Button, SectionMessage, Text } from '@forge/react';
import type { OutdatedReason } from '../../shared/contract';

const REASON_TEXT: Record<OutdatedReason, string> = {
  'rules-changed': 'The rules changed after it was computed.',
  'policy-changed': 'The policy changed after it was computed.',
  'clock-moved':
    'It was computed more than a day ago: who is inactive, and when actions fall due, has moved on.',
};

export interface OutdatedNoticeProps {
  reasons: readonly OutdatedReason[];
  /** What is outdated ("This preview"). */
  what: string;
  rerunLabel: string;
  onRerun: () => void;
  busy?: boolean;
}

export function OutdatedNotice({ reasons, what, rerunLabel, onRerun, busy = false }: OutdatedNoticeProps) {
  if (reasons.length === 0) return null;
  return (
    <SectionMessage appearance="warning" title={`${what} is outdated`}>
      {reasons.map((r) => (
        <Text key={r}>{REASON_TEXT[r]}</Text>
      ))}
      <Button isDisabled={busy} onClick={onRerun}>
        {rerunLabel}
      </Button>
    </SectionMessage>
  );
}
