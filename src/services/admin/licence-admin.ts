// The admin page while the app is not licensed: everything can be read and configured, but nothing that acts on
// the site or starts work (backfills, previews, dry runs, approving or undoing inactivity actions, starting or
// closing an access review, re-approving what one removed) runs.
import type { LicenceDecision } from '../../domain/licensing';
import type { LicenceView, ReplyError, ResolverKey } from '../../shared/contract';

/** Keys that act on the site or start queued work; refused while the installation may not act. */
export const LICENSED_ACTIONS: ReadonlySet<ResolverKey> = new Set<ResolverKey>([
  'jobs.startPreview',
  'jobs.startBackfill',
  'inactivity.dryRun.start',
  'inactivity.review.approve',
  'inactivity.restore.user',
  'inactivity.restore.run',
  'reviews.create',
  'reviews.close',
  'reviews.reapprove',
]);

export function licenceView(decision: LicenceDecision): LicenceView {
  return {
    state: decision.state,
    mayAct: decision.mayAct,
    trialEndDate: decision.state === 'evaluation' ? decision.trialEndDate : null,
  };
}

/** The refusal for an action while unlicensed; undefined when the key may run. */
export function licenceRefusal(key: ResolverKey, decision: LicenceDecision): ReplyError | undefined {
  if (decision.mayAct || !LICENSED_ACTIONS.has(key)) return undefined;
  return {
    kind: 'forbidden',
    message:
      "JIT Access is not licensed for this site, so it takes no actions: nothing was started or changed. Rules and settings can still be edited. Buy or renew the app from its Marketplace listing (Manage apps), then try again. To give someone access back meanwhile, do it by hand in Atlassian Administration; the run's report lists each action.",
  };
}
