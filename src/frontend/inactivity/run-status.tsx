// A run's status as a coloured label, and whether it is still moving.
import { Lozenge } from '@forge/react';
import type { InactivityRunView } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';
import { useText } from '../i18n/text-provider';

type StatusShown = InactivityRunView['status'] | 'restoring';

const APPEARANCE = {
  collecting: 'inprogress',
  finalizing: 'inprogress',
  'awaiting-review': 'moved',
  executing: 'inprogress',
  completed: 'success',
  stopped: 'removed',
  failed: 'removed',
  restoring: 'inprogress',
} as const;

/** Each status's words, for the label and for sentences that name a status. */
export const RUN_STATUS_TEXT: Readonly<Record<StatusShown, TextKey>> = {
  collecting: 'inactivity.status.collecting',
  finalizing: 'inactivity.status.finalizing',
  'awaiting-review': 'inactivity.status.awaitingReview',
  executing: 'inactivity.status.executing',
  completed: 'inactivity.status.completed',
  stopped: 'inactivity.status.stopped',
  failed: 'inactivity.status.failed',
  restoring: 'inactivity.status.restoring',
};

export function isRunFinished(run: Pick<InactivityRunView, 'status'>): boolean {
  return run.status === 'completed' || run.status === 'stopped' || run.status === 'failed';
}

export function RunStatus({ run }: { run: { status: StatusShown } }) {
  const text = useText();
  return <Lozenge appearance={APPEARANCE[run.status]}>{text.t(RUN_STATUS_TEXT[run.status])}</Lozenge>;
}
