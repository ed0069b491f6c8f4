// Each resolver key's use case, given a validated payload and the checked admin; thin calls into services/admin.
import type { PayloadOf, Reply, ResolverKey, ResponseOf } from '../../shared/contract';
import { checkExpression } from '../../shared/expression-check';
import type { AdminContext } from '../../services/admin/admin-context';
import { exportAuditCsv, queryAuditView } from '../../services/admin/audit-admin';
import { projectRoles, searchGroups, searchProjects } from '../../services/admin/catalogue';
import { testConnection } from '../../services/admin/connection-tests';
import {
  approveReview,
  getPolicy,
  getRunView,
  listRuns,
  restoreRun,
  restoreUser,
  reviewQueue,
  runActions,
  runReport,
  saveExclusions,
  savePolicy,
  startDryRun,
} from '../../services/admin/inactivity-admin';
import {
  cancelAdminJob,
  getAdminJob,
  listAdminJobs,
  listAffectedUsers,
  startAdminJob,
} from '../../services/admin/jobs-admin';
import { getOverview } from '../../services/admin/overview';
import { ok } from '../../services/admin/reply';
import { orgSettingsReadOnly } from '../../services/admin/roles';
import {
  deleteRuleView,
  getRuleView,
  listRulesView,
  reorderRules,
  saveRuleView,
  setRuleEnabled,
} from '../../services/admin/rules-admin';
import {
  clearSecretView,
  getSettings,
  saveSettingsView,
  setSecretView,
} from '../../services/admin/settings-admin';
import { allowTarget, disallowTarget, getSecurity, markGroup } from '../../services/admin/security-admin';
import {
  closeReviewCampaign,
  createReviewCampaign,
  exportReviewCsv,
  getReviewCampaign,
  listReviewCampaigns,
  reapproveGrant,
  reassignReviewer,
  reviewItems,
  stopReviewSeries,
} from '../../services/admin/reviews-admin';
import { testRuleOnUser } from '../../services/admin/test-on-user';
import { licenceView } from '../../services/admin/licence-admin';

export type AdminHandlers = {
  [K in ResolverKey]: (payload: PayloadOf<K>, ctx: AdminContext) => Promise<Reply<ResponseOf<K>>>;
};

const page = (p: { cursor?: string | undefined; limit?: number | undefined }) => ({
  ...(p.cursor ? { cursor: p.cursor } : {}),
  ...(p.limit ? { limit: p.limit } : {}),
});

export const ADMIN_HANDLERS: AdminHandlers = {
  'session.get': (_p, ctx) =>
    Promise.resolve(
      ok({
        accountId: ctx.accountId,
        product: ctx.product,
        role: ctx.role.kind,
        orgSettingsReadOnly: orgSettingsReadOnly(ctx.role),
        licence: licenceView(ctx.licence),
      }),
    ),
  'overview.get': (p, ctx) => getOverview(ctx, p.weeks),
  'rules.list': () => listRulesView(),
  'rules.get': (p) => getRuleView(p.id),
  'rules.save': (p, ctx) => saveRuleView(ctx, p),
  'rules.delete': (p, ctx) => deleteRuleView(ctx, p.id),
  'rules.setEnabled': (p, ctx) => setRuleEnabled(ctx, p.id, p.enabled),
  'rules.reorder': (p, ctx) => reorderRules(ctx, p.ids),
  'rules.checkExpression': (p) => Promise.resolve(ok(checkExpression(p.text, p.dialect))),
  'rules.testOnUser': (p, ctx) => testRuleOnUser(ctx, p),
  'catalogue.groups': (p, ctx) => searchGroups(ctx, p),
  'catalogue.projects': (p, ctx) => searchProjects(ctx, p),
  'catalogue.projectRoles': (p, ctx) => projectRoles(ctx, p.projectId),
  'jobs.startPreview': (_p, ctx) => startAdminJob(ctx, 'preview'),
  'jobs.startBackfill': (_p, ctx) => startAdminJob(ctx, 'backfill'),
  'jobs.get': (p, ctx) => getAdminJob(ctx, p.jobId),
  'jobs.cancel': (p, ctx) => cancelAdminJob(ctx, p.jobId),
  'jobs.list': (p, ctx) => listAdminJobs(ctx, p.limit),
  'jobs.affected': (p, ctx) => listAffectedUsers(ctx, p),
  'inactivity.policy.get': (_p, ctx) => getPolicy(ctx),
  'inactivity.policy.save': (p, ctx) => savePolicy(ctx, p.policy, p.confirmActingOnUntoldUsers === true),
  'inactivity.exclusions.save': (p, ctx) => saveExclusions(ctx, p),
  'inactivity.dryRun.start': (p, ctx) => startDryRun(ctx, p.draftPolicy),
  'inactivity.runs.list': (p) => listRuns(p),
  'inactivity.runs.get': (p) => getRunView(p.runId),
  'inactivity.runs.report': (p, ctx) => runReport(ctx, p),
  'inactivity.runs.actions': (p) => runActions(p.runId, page(p)),
  'inactivity.review.get': (p) => reviewQueue(page(p)),
  'inactivity.review.approve': (p, ctx) => approveReview(ctx, p),
  'inactivity.restore.user': (p, ctx) => restoreUser(ctx, p),
  'inactivity.restore.run': (p, ctx) => restoreRun(ctx, p.runId),
  'reviews.list': (p) => listReviewCampaigns(page(p)),
  'reviews.create': (p, ctx) => createReviewCampaign(ctx, p.definition),
  'reviews.get': (p) => getReviewCampaign(p.campaignId),
  'reviews.close': (p, ctx) => closeReviewCampaign(ctx, p.campaignId),
  'reviews.stopSeries': (p, ctx) => stopReviewSeries(ctx, p.seriesId),
  'reviews.reassign': (p, ctx) => reassignReviewer(ctx, p),
  'reviews.items': (p) => reviewItems(p),
  'reviews.exportCsv': (p, ctx) => exportReviewCsv(ctx, p),
  'reviews.reapprove': (p, ctx) => reapproveGrant(ctx, p),
  'audit.query': (p) => queryAuditView(p),
  'audit.exportCsv': (p, ctx) => exportAuditCsv(ctx, p),
  'settings.get': (_p, ctx) => getSettings(ctx),
  'settings.save': (p, ctx) => saveSettingsView(ctx, p.settings),
  'settings.setSecret': (p, ctx) => setSecretView(ctx, p.name, p.value),
  'settings.clearSecret': (p, ctx) => clearSecretView(ctx, p.name),
  'settings.testConnection': (p, ctx) => testConnection(ctx, p.target, p.settings),
  'security.get': (_p, ctx) => getSecurity(ctx),
  'security.allow': (p, ctx) => allowTarget(ctx, p.key),
  'security.disallow': (p, ctx) => disallowTarget(ctx, p.key),
  'security.mark': (p, ctx) => markGroup(ctx, p.groupId, true),
  'security.unmark': (p, ctx) => markGroup(ctx, p.groupId, false),
};
