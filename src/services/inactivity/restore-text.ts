// What restoring one user did, in English (logs, API callers) and as words the page says in the admin's language.
import { type Words, words } from '../../domain/inactivity/words';
import { inRunWords, runName } from '../../shared/run-names';

export interface RestoreText {
  readonly message: string;
  readonly words: Words;
}

export function nothingToRestore(accountId: string, runId?: string): RestoreText {
  return {
    message: `Nothing to restore for ${accountId}${runId ? ` in ${runName(runId)}` : ''}: the app has no removal or suspension of theirs on record that is not already undone.`,
    words: runId
      ? words('inactivity.restoreResult.nothingInRun', { accountId, inRun: inRunWords(runId) })
      : words('inactivity.restoreResult.nothing', { accountId }),
  };
}

export function restoredSome(accountId: string, ok: number, total: number): RestoreText {
  return {
    message: `Restored ${ok} of ${total} recorded changes for ${accountId}.`,
    words: words('inactivity.restoreResult.restored', { ok, total, accountId }),
  };
}
