// "Show all" of an impact preview: every user a grant change affects, paged, counted as the preview counts them,
// refused to those who may not see previews, and a cursor the app did not issue refused by name.
import type { AppHarness } from '../../support/app-harness';
import type { JobsAffectedView } from '../../../src/shared/contract';
import {
  asAdmin,
  call,
  draftRule,
  failureOf,
  groupOf,
  inviteMember,
  snapshot,
  startApp,
} from './admin-setup';

let app: AppHarness;
afterEach(() => app.close());

/** More new sales staff than one page of the list (100) and than four pages of the preview (25 users each). */
const NEW_SALES_STAFF = 130;

function seedSalesStaff(): string[] {
  const ids: string[] = [];
  for (let i = 0; i < NEW_SALES_STAFF; i++) {
    const id = inviteMember(app, `seller.${String(i).padStart(3, '0')}`);
    app.site.setGroupMembership(id, 'idp-sales', true);
    ids.push(id);
  }
  return ids;
}

async function previewDone(): Promise<string> {
  const started = await asAdmin(app, 'jobs.startPreview', {});
  await app.drain();
  const done = await asAdmin(app, 'jobs.get', { jobId: started.id });
  expect(done.status).toBe('done');
  return started.id;
}

async function everyPage(jobId: string, grantKey: string): Promise<JobsAffectedView[]> {
  const pages: JobsAffectedView[] = [];
  let cursor: string | undefined;
  do {
    const page = await asAdmin(app, 'jobs.affected', {
      jobId,
      grantKey,
      change: 'gain',
      ...(cursor ? { cursor } : {}),
    });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe('the users an impact preview affects', () => {
  it('lists every affected user exactly once, by display name, in pages whose sizes add up to the preview’s count', async () => {
    app = startApp();
    const seeded = seedSalesStaff();
    await asAdmin(app, 'rules.save', { rule: draftRule(app) });
    const jobId = await previewDone();
    const grantKey = `group:${groupOf(app, 'sales-team').groupId}`;
    const done = await asAdmin(app, 'jobs.get', { jobId });
    const gain = done.gains.find((g) => g.grantKey === grantKey);
    expect(gain?.count).toBeGreaterThanOrEqual(NEW_SALES_STAFF);

    const pages = await everyPage(jobId, grantKey);
    expect(pages.length).toBeGreaterThan(1);
    const listed = pages.flatMap((p) => p.users.map((u) => u.accountId));
    // The parts (each page) sum to the whole (the preview's count), and nobody appears twice.
    expect(pages.map((p) => p.users.length).reduce((a, b) => a + b, 0)).toBe(gain?.count);
    expect(new Set(listed).size).toBe(listed.length);
    expect(pages.every((p) => p.count === gain?.count && p.grantName === gain?.name)).toBe(true);
    for (const id of seeded) expect(listed).toContain(id);
    const seller = pages.flatMap((p) => p.users).find((u) => u.accountId === seeded[0]);
    expect(seller?.displayName).toBe('seller.000');
    expect(pages[0]?.outdated).toEqual([]);
  });

  it('says the preview is outdated once the rules change', async () => {
    app = startApp();
    seedSalesStaff();
    await asAdmin(app, 'rules.save', { rule: draftRule(app) });
    const jobId = await previewDone();
    await asAdmin(app, 'rules.save', { rule: draftRule(app, { description: 'Everyone selling' }) });
    const grantKey = `group:${groupOf(app, 'sales-team').groupId}`;
    const page = await asAdmin(app, 'jobs.affected', { jobId, grantKey, change: 'gain' });
    expect(page.outdated.length).toBeGreaterThan(0);
  });

  it('keeps only the newest preview’s lists: the next preview replaces them', async () => {
    app = startApp();
    seedSalesStaff();
    await asAdmin(app, 'rules.save', { rule: draftRule(app) });
    const first = await previewDone();
    const second = await previewDone();
    const grantKey = `group:${groupOf(app, 'sales-team').groupId}`;
    const admin = app.credentials.siteAdmin.accountId;
    failureOf(
      await call(app, admin, 'jobs.affected', { jobId: first, grantKey, change: 'gain' }),
      'not-found',
      /no longer kept: a newer preview replaced it/,
    );
    const pages = await everyPage(second, grantKey);
    expect(pages.flatMap((p) => p.users).length).toBe(pages[0]?.count);
  });

  it('refuses a member and a Confluence-only administrator on Jira’s page, as the other preview resolvers do', async () => {
    app = startApp();
    const member = inviteMember(app, 'mallory');
    const wikiAdmin = inviteMember(app, 'wiki.admin');
    app.site.setGroupMembership(wikiAdmin, 'confluence-admins', true);
    const payload = { jobId: 'preview-1', grantKey: 'group:x', change: 'gain' as const };
    for (const who of [member, wikiAdmin]) {
      failureOf(await call(app, who, 'jobs.affected', payload), 'forbidden', /Jira administrators/);
      failureOf(await call(app, who, 'jobs.get', { jobId: 'preview-1' }), 'forbidden', /Jira administrators/);
    }
  });

  it('refuses a forged cursor by naming the field, and an unknown grant or job as not found', async () => {
    app = startApp();
    seedSalesStaff();
    await asAdmin(app, 'rules.save', { rule: draftRule(app) });
    const jobId = await previewDone();
    const grantKey = `group:${groupOf(app, 'sales-team').groupId}`;
    const before = snapshot(app);
    const forged = await call(app, app.credentials.siteAdmin.accountId, 'jobs.affected', {
      jobId,
      grantKey,
      change: 'gain',
      cursor: 'eyJmb3JnZWQiOnRydWV9',
    });
    expect(failureOf(forged, 'invalid').fields?.map((f) => f.field)).toEqual(['cursor']);
    const spaced = await call(app, app.credentials.siteAdmin.accountId, 'jobs.affected', {
      jobId,
      grantKey,
      change: 'gain',
      cursor: 'not a cursor',
    });
    expect(failureOf(spaced, 'invalid').fields?.map((f) => f.field)).toEqual(['cursor']);
    failureOf(
      await call(app, app.credentials.siteAdmin.accountId, 'jobs.affected', {
        jobId,
        grantKey,
        change: 'loss',
      }),
      'not-found',
    );
    failureOf(
      await call(app, app.credentials.siteAdmin.accountId, 'jobs.affected', {
        jobId: 'nope',
        grantKey,
        change: 'gain',
      }),
      'not-found',
    );
    expect(snapshot(app)).toEqual(before);
  });
});
