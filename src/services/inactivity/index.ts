// The inactivity clean-up's service API: what the admin page's resolvers, the daily trigger and the sweep's
// queue consumer call. Every function takes RuntimeDeps first; resolvers check the caller is an admin first.
//
//   Policy     getInactivityPolicy(deps) -> InactivityPolicyView
//              saveInactivityPolicy(deps, input: unknown, by: accountId) -> SavePolicyResult
//              getInactivityProducts(deps) -> CatalogueProduct[]   (products, licence groups, seats)
//   Runs       startInactivityRun(deps, { mode, trigger, requestedBy, draftPolicy? }) -> StartRunResult
//              startInactivityDryRun(deps, { by, draftPolicy? }) -> StartRunResult
//              listInactivityRuns({ limit? }) -> InactivityRun[]  (newest first)
//              getInactivityRun(runId) -> InactivityRun | undefined
//              getInactivityRunReport(runId, { outcome?, cursor?, limit? }) -> RunReportPage | undefined
//              getInactivityRunActions(runId, { cursor?, limit? }) -> { rows: ActionRow[], cursor? }
//   Review     approveInactivityReview(deps, { runId, approval: { approve: 'all' | 'none' } |
//                { approve: 'accounts', accountIds }, by }) -> ApproveResult
//   Undo       restoreInactivityUser(deps, { accountId, runId?, by }) -> { restored: RestoreOutcome[], message }
//              restoreInactivityRun(deps, { runId, by }) -> RestoreRunResult   (queued; progress on run.restore)
//   Queue      INACTIVITY_QUEUE, handleSweepStep(deps, body, deliveryId) -> StepResult
//              giveUpSweepStep(deps, body, reason)   (a step that failed every delivery: the run fails)
//   Health     GRANT_HISTORY_HEALTH: the health component of reading licence grant dates from the audit log
import type { RuntimeDeps } from '../runtime-deps';
import { startInactivityRun, type StartRunResult } from './start-run';

export {
  getInactivityPolicy,
  getInactivityProducts,
  saveInactivityPolicy,
  WEBHOOK_HOST_PATTERNS,
  type InactivityPolicyView,
  type SavePolicyResult,
} from './policy-service';
export type { CatalogueProduct, ProductSeats } from './product-catalogue';
export { startInactivityRun, type StartRunRequest, type StartRunResult } from './start-run';
export {
  getInactivityRun,
  getInactivityRunActions,
  getInactivityRunReport,
  listInactivityRuns,
  pageInactivityRuns,
  type ReportEntry,
  type RunReportPage,
} from './run-queries';
export { approveInactivityReview, MAX_APPROVED_ACCOUNTS, type ApproveResult } from './review';
export {
  restoreInactivityRun,
  restoreInactivityUser,
  type RestoreOutcome,
  type RestoreRunResult,
} from './restore';
export { giveUpSweepStep, handleSweepStep, type StepResult } from './handle-step';
export { INACTIVITY_QUEUE } from './sweep-steps';
export { GRANT_HISTORY_HEALTH } from './grant-history-step';
export type {
  ActionRow,
  DecisionEntry,
  InactivityRun,
  InactivityRunMode,
  InactivityRunStatus,
} from '../../storage/inactivity-run-types';

/** An admin's dry run: the same sweep, nothing changed, a report at the end. May try an unsaved draft policy. */
export function startInactivityDryRun(
  deps: RuntimeDeps,
  request: { by: string; draftPolicy?: unknown },
): Promise<StartRunResult> {
  return startInactivityRun(deps, {
    mode: 'dry-run',
    trigger: 'admin',
    requestedBy: request.by,
    ...(request.draftPolicy !== undefined ? { draftPolicy: request.draftPolicy } : {}),
  });
}
