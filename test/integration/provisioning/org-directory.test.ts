// The org-directory source: profile fields the organization manages (user-management API) feed the rules.
import { AppHarness } from '../../support/app-harness';
import { runtimeDeps } from '../../../src/entry/runtime';
import { loadProvisionContext } from '../../../src/services/provisioning/provision-context';
import { planUser } from '../../../src/services/provisioning/provision-user';
import { configure, groupGrant, orgApiSettings, rule, scimProfile } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

async function start() {
  app = AppHarness.start();
  const base = orgApiSettings(app);
  await configure(
    app,
    {
      ...base,
      // SCIM is off, so the department can only come from the org's directory profile.
      sources: {
        ...base.sources,
        scim: { enabled: false },
        orgDirectory: { enabled: true },
      },
    },
    [rule({ id: 'sales', when: 'user.department -eq "Sales"', grants: [groupGrant(app, 'sales-team')] })],
  );
}

const plan = (accountId: string) =>
  app.inApp(async () => {
    const deps = runtimeDeps(app.credentials.siteAri);
    return planUser(accountId, await loadProvisionContext(deps, { runId: 'test', source: 'test' }));
  });

it('reads a managed account’s department from the directory profile and grants by it', async () => {
  await start();
  const accountId = app.jitLogin('dana.deals@acme.example', 'Dana Deals');
  // The IdP's SCIM sync writes the profile into the Atlassian account; the app reads it back from the org.
  app.site.scim.createUser(scimProfile('dana.deals@acme.example', 'Dana Deals', 'Sales', 'Account Manager'));
  const { gathered } = await plan(accountId);
  expect(gathered.attributes).toMatchObject({ department: 'Sales', jobTitle: 'Account Manager' });
  expect(gathered.sources.find((s) => s.source === 'org-directory')).toMatchObject({ status: 'ok' });
  await app.drain();
  expect(app.groupNamesOf(accountId)).toContain('sales-team');
  const profileReads = app.site
    .requestLog()
    .filter(
      (r) =>
        r.path.endsWith('/manage/profile') &&
        r.path.includes(encodeURIComponent(accountId)) &&
        r.status === 200,
    );
  expect(profileReads.length).toBeGreaterThan(0);
});

it('treats an account the org does not manage as having no directory profile, not as a failure', async () => {
  await start();
  const guest = app.site.simulateInvite({
    email: 'pat@partner.example',
    displayName: 'Pat Partner',
  }).accountId;
  const { gathered, plan: access } = await plan(guest);
  expect(gathered.sources.find((s) => s.source === 'org-directory')).toMatchObject({
    status: 'not-found',
    message: expect.stringMatching(/Not managed by your organization/) as unknown,
  });
  expect(access.add).toEqual([]);
});
