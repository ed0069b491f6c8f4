// A run's status as a coloured label, and whether it is still moving.
import { Lozenge } from '@forge/react';
import type { InactivityRunView } from '../../shared/contract';

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

export function isRunFinished(run: Pick<InactivityRunView, 'status'>): boolean {
  return run.status === 'completed' || run.status === 'stopped' || run.status === 'failed';
}

export function RunStatus({ run }: { run: { status: InactivityRunView['status'] | 'restoring' } }) {
  return <Lozenge appearance={APPEARANCE[run.status]}>{run.status.replace('-', ' ')}</Lozenge>;
}
