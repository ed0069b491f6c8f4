// Shared set-up for access review tests: a site with rules that have owners, people those rules granted access
// to, reviewers who are ordinary members, and calls to the reviewer page's resolver as any user.
import type { Reply, ReviewerKey, ReviewerPayloadOf, ReviewerResponseOf } from '../../../src/shared/contract';
import type { CampaignDefinition } from '../../../src/domain/reviews';
import { queryAudit } from '../../../src/storage/audit-repository';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { AppHarness } from '../../support/app-harness';
import { asAdmin, inviteMember } from '../admin/admin-setup';
import { configure, groupGrant, orgApiSettings, rule, scimProfile } from '../provisioning/provisioning-setup';

export const REVIEWER_PAGE = { type: 'jira:globalPage' };

/** Calls the reviewer page's resolver as `accountId`, the way its `invoke` does. */
export function asReviewer<K extends ReviewerKey>(
  app: AppHarness,
  accountId: string,
  key: K,
  payload: ReviewerPayloadOf<K> | Record<string, unknown>,
): Promise<Reply<ReviewerResponseOf<K>>> {
  return app.platform.invokeResolver<Reply<ReviewerResponseOf<K>>>({
    functionKey: 'reviewer-resolver',
    key,
    payload,
    accountId,
    extension: REVIEWER_PAGE,
  });
}

export function valueOf<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected success, got ${JSON.stringify(reply.error)}`);
  return reply.value;
}

export interface ReviewEnv {
  app: AppHarness;
  /** Owns the `sales` rule (sales-team). */
  salesOwner: string;
  /** Owns the `engineering` rule (jira-developers). */
  engineeringOwner: string;
  /** A member who reviews nothing. */
  outsider: string;
  sam: string;
  sue: string;
  eve: string;
}

function person(app: AppHarness, email: string, name: string, department: string): string {
  const accountId = app.jitLogin(email, name);
  app.site.scim.createUser(scimProfile(email, name, department));
  return accountId;
}

export interface ReviewEnvOptions extends NonNullable<Parameters<typeof AppHarness.start>[0]> {
  /** Jira language settings (`de_DE`) of the owners and the outsider; `en_US` by default. */
  locales?: Partial<Record<'salesOwner' | 'engineeringOwner' | 'outsider', string>>;
}

/** Two owned rules and three people they granted access to (Sam and Sue: Sales; Eve: Engineering). */
export async function startReviewEnv(options: ReviewEnvOptions = {}): Promise<ReviewEnv> {
  const { locales = {}, ...harness } = options;
  const app = AppHarness.start({ seed: 'demo', ...harness });
  const salesOwner = inviteMember(app, 'olivia.owner', locales.salesOwner);
  const engineeringOwner = inviteMember(app, 'bert.builder', locales.engineeringOwner);
  const outsider = inviteMember(app, 'mallory', locales.outsider);
  await configure(app, orgApiSettings(app), [
    rule({
      id: 'sales',
      name: 'Sales staff',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'sales-team')],
      owner: salesOwner,
    }),
    rule({
      id: 'engineering',
      name: 'Engineers',
      when: 'user.department -eq "Engineering"',
      grants: [groupGrant(app, 'jira-developers')],
      owner: engineeringOwner,
    }),
  ]);
  const sam = person(app, 'sam.seller@acme.example', 'Sam Seller', 'Sales');
  const sue = person(app, 'sue.sales@acme.example', 'Sue Sales', 'Sales');
  const eve = person(app, 'eve.engineer@acme.example', 'Eve Engineer', 'Engineering');
  await app.drain();
  return { app, salesOwner, engineeringOwner, outsider, sam, sue, eve };
}

export function definition(env: ReviewEnv, overrides: Partial<CampaignDefinition> = {}): CampaignDefinition {
  return {
    name: 'Q3 access review',
    scope: { kind: 'app-granted', ruleIds: [] },
    reviewers: { kind: 'rule-owner' },
    fallbackReviewer: env.app.credentials.siteAdmin.accountId,
    schedule: { kind: 'once' },
    durationDays: 14,
    remindEveryDays: 5,
    undecided: 'remove',
    notifyIssueKey: 'ENG-1',
    removeHandGrants: false,
    ...overrides,
  };
}

/** Creates a campaign as the site admin and lets it collect and open. */
export async function openCampaign(env: ReviewEnv, overrides: Partial<CampaignDefinition> = {}) {
  const created = await asAdmin(env.app, 'reviews.create', { definition: definition(env, overrides) });
  await env.app.drain();
  return created;
}

export function ledgerOf(app: AppHarness, accountId: string) {
  return app.inApp(() => ledgerForAccount(accountId));
}

export async function auditOf(app: AppHarness, filter: Parameters<typeof queryAudit>[0]) {
  return app.inApp(async () => (await queryAudit({ limit: 100, ...filter })).entries);
}

/** Recipients of Jira notifications so far, with their subjects and texts. */
export function noticesSent(app: AppHarness): Array<{ to: string; subject: string; text: string }> {
  return app.site.notifications().flatMap((n) =>
    (n.to as { users: Array<{ accountId: string }> }).users.map((u) => ({
      to: u.accountId,
      subject: String(n.subject),
      text: String(n.textBody),
    })),
  );
}
