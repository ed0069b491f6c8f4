// The access review form against the real resolvers: a site admin reviews all members of chosen groups (each
// group's owners review them) and the roles of chosen Jira projects (several named reviewers), picking groups,
// projects and people from the site; choices a scope needs are asked for beside their fields, by the form before
// sending and by the backend's `invalid` answer, and nothing starts until they are given.
import { AdminPage } from './support/page-harness';
import { byTestId, hasText, ofType, type ForgeDoc } from './support/forge-doc-query';
import { startReviewEnv, valueOf, type ReviewEnv } from '../integration/reviews/reviews-setup';
import { asAdmin } from '../integration/admin/admin-setup';
import { groupGrant } from '../integration/provisioning/provisioning-setup';
import type { Grant } from '../../src/domain/rules';
import type { CampaignView, Reply } from '../../src/shared/contract';

let env: ReviewEnv;
beforeAll(async () => {
  env = await startReviewEnv();
});
afterAll(() => env.app.close());

async function optionsOf(page: AdminPage, testId: string): Promise<ForgeDoc> {
  return page.waitFor((doc) => {
    const select = byTestId(doc, testId);
    const options = select?.props.options as unknown[] | undefined;
    return select && options && options.length > 0 ? select : undefined;
  }, `options in ${testId}`);
}

/** The UserPicker labelled `label`, as the host renders it. */
function pickerLabelled(doc: ForgeDoc, label: string): ForgeDoc | undefined {
  return ofType(doc, 'UserPicker').find((p) => p.props.label === label);
}

/** Picks people in a multi-user picker the way the host reports it: every chosen user, as an array. */
async function pickUsers(page: AdminPage, picker: ForgeDoc, accountIds: string[]): Promise<void> {
  const users = accountIds.map((id) => {
    const account = env.app.site.account(id)!;
    return { id, name: account.displayName, email: account.email, avatarUrl: '', type: 'user' };
  });
  await page.fire(picker, 'onChange', users);
}

function groupOf(grant: Grant): { groupId: string; groupName: string } {
  if (grant.kind !== 'group') throw new Error('not a group grant');
  return { groupId: grant.groupId, groupName: grant.groupName };
}

function creations(page: AdminPage) {
  return page.invocations.filter((i) => i.key === 'reviews.create');
}

async function openForm(page: AdminPage, name: string): Promise<void> {
  await page.openTab('Access reviews');
  await page.waitForTestId('campaign-new');
  await page.click(byTestId(page.doc, 'campaign-new')!);
  await page.waitForTestId('campaign-form');
  await page.type(byTestId(page.doc, 'campaign-name')!, name);
}

async function reviewersOf(campaignId: string): Promise<string[]> {
  const detail = await asAdmin(env.app, 'reviews.get', { campaignId });
  return detail.progress.map((p) => p.reviewer).sort();
}

it('starts a review of all members of a chosen group, reviewed by the owners the admin names for it', async () => {
  const page = AdminPage.open(env.app, env.app.credentials.siteAdmin.accountId);
  try {
    await openForm(page, 'Sales team members');
    await page.choose(byTestId(page.doc, 'campaign-scope')!, 'All members of chosen groups');
    await page.waitForTestId('campaign-groups');
    // The reviewers follow the scope: a group's owners, or named people; a rule's owner is not offered.
    const reviewerChoices = (
      byTestId(page.doc, 'campaign-reviewers')!.props.options as Array<{ label: string }>
    ).map((o) => o.label);
    expect(reviewerChoices).toEqual(["Each group's owners", 'Named people']);

    // No group yet: the form says so beside the picker and sends nothing.
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitFor(
      (doc) => hasText(byTestId(doc, 'campaign-groups') ?? doc, 'Choose at least one group'),
      'the error beside the group picker',
    );
    expect(creations(page)).toEqual([]);

    await page.choose(await optionsOf(page, 'campaign-group'), 'sales-team');
    await page.waitForTestId('campaign-groups-table');

    // A group without owners while its owners review: the backend's `invalid` answer names that group's field.
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForText(
      /Name at least one owner of sales-team, or its members go to the fallback reviewer/,
    );
    const refused = creations(page)[0]!.result as Reply<CampaignView>;
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.kind).toBe('invalid');
    expect(!refused.ok && refused.error.fields?.map((f) => f.field)).toEqual([
      'definition.scope.groups[0].owners',
    ]);
    expect((await asAdmin(env.app, 'reviews.list', {})).campaigns).toEqual([]);

    await pickUsers(page, pickerLabelled(page.doc, 'Owners of sales-team')!, [env.salesOwner]);
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForTestId('campaign-detail');
    const sent = creations(page).at(-1)!;
    const created = valueOf(sent.result as Reply<CampaignView>);
    expect(created.definition.scope).toEqual({
      kind: 'group-members',
      groups: [{ ...groupOf(groupGrant(env.app, 'sales-team')), owners: [env.salesOwner] }],
    });
    expect(created.definition.reviewers).toEqual({ kind: 'group-owners' });

    await env.app.drain();
    // Sam and Sue (members the app granted) are in front of the owner; nobody else reviews them.
    const items = await asAdmin(env.app, 'reviews.items', {
      campaignId: created.id,
      reviewer: env.salesOwner,
    });
    expect(items.rows.map((r) => r.item.accountId)).toEqual(expect.arrayContaining([env.sam, env.sue]));
    expect(items.rows.every((r) => r.item.grantKey.startsWith('group:'))).toBe(true);
    expect(await reviewersOf(created.id)).toContain(env.salesOwner);
    expect(await reviewersOf(created.id)).not.toContain(env.engineeringOwner);
  } finally {
    await page.close();
  }
});

it('starts a review of the roles of a chosen Jira project, shared among several named reviewers', async () => {
  const page = AdminPage.open(env.app, env.app.credentials.siteAdmin.accountId);
  try {
    await openForm(page, 'Engineering project roles');
    await page.choose(byTestId(page.doc, 'campaign-scope')!, 'Project roles of chosen projects');
    await page.waitForTestId('campaign-projects');
    await page.choose(byTestId(page.doc, 'campaign-reviewers')!, 'Named people');

    // Named people without a name: refused beside the picker, nothing sent.
    await page.choose(await optionsOf(page, 'campaign-project'), 'Engineering Platform (ENG)');
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitFor(
      (doc) => hasText(byTestId(doc, 'campaign-named-reviewers') ?? doc, 'Name at least one reviewer'),
      'the error beside the reviewers picker',
    );
    expect(creations(page)).toEqual([]);

    // The chosen project lists the roles the review covers.
    await page.waitForText(/Roles reviewed: .*Administrators/);
    await pickUsers(page, pickerLabelled(page.doc, "Reviewers (each user's items go to one of them)")!, [
      env.salesOwner,
      env.engineeringOwner,
    ]);
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForTestId('campaign-detail');
    const created = valueOf(creations(page).at(-1)!.result as Reply<CampaignView>);
    expect(created.definition.scope).toEqual({
      kind: 'project-roles',
      projects: [{ projectId: '10000', projectKey: 'ENG' }],
    });
    expect(created.definition.reviewers).toEqual({
      kind: 'named',
      accountIds: [env.salesOwner, env.engineeringOwner],
    });

    await env.app.drain();
    // The site admin holds Administrators in ENG: that role is an item, given to one of the named reviewers.
    const items = await asAdmin(env.app, 'reviews.items', { campaignId: created.id });
    const adminRole = items.rows.find(
      (r) =>
        r.item.accountId === env.app.credentials.siteAdmin.accountId &&
        r.item.grantKey.startsWith('role:10000:'),
    );
    expect(adminRole).toBeDefined();
    expect([env.salesOwner, env.engineeringOwner]).toContain(adminRole!.item.reviewer);
  } finally {
    await page.close();
  }
});

it('reviews the members of a privileged group too: reviewing grants nothing, so the admin may choose it', async () => {
  const page = AdminPage.open(env.app, env.app.credentials.siteAdmin.accountId);
  try {
    await openForm(page, 'Jira administrators');
    await page.choose(byTestId(page.doc, 'campaign-scope')!, 'All members of chosen groups');
    await page.choose(await optionsOf(page, 'campaign-group'), 'jira-administrators');
    await page.choose(byTestId(page.doc, 'campaign-reviewers')!, 'Named people');
    await pickUsers(page, pickerLabelled(page.doc, "Reviewers (each user's items go to one of them)")!, [
      env.engineeringOwner,
    ]);
    await page.click(byTestId(page.doc, 'campaign-create')!);
    await page.waitForTestId('campaign-detail');
    const created = valueOf(creations(page).at(-1)!.result as Reply<CampaignView>);
    await env.app.drain();

    const administrators = groupOf(groupGrant(env.app, 'jira-administrators'));
    const items = await asAdmin(env.app, 'reviews.items', { campaignId: created.id });
    expect(items.rows.length).toBeGreaterThan(0);
    expect(items.rows.every((r) => r.item.grantKey === `group:${administrators.groupId}`)).toBe(true);
    const detail = await asAdmin(env.app, 'reviews.get', { campaignId: created.id });
    expect(detail.campaign.status).toBe('open');
    expect(detail.campaign.problem).toBeNull();
  } finally {
    await page.close();
  }
});
