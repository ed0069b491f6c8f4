// The licence gate at the web trigger and at the admin page's resolver, in each licence state: a signed push is
// applied or refused with 402 storing nothing (an unsigned one learns nothing about the licence); the page always
// reads and configures, shows the licence, and refuses the actions that start work while unlicensed.
import type { LicenseState } from '../../../emulator/platform';
import type { AppHarness } from '../../support/app-harness';
import { call } from '../admin/admin-setup';
import { post, pushedFor, signed, startPushApp } from '../provisioning/idp-push-setup';
import { gateTraces, LICENCE_CASES } from './licensing-setup';

let app: AppHarness;
let url: string;
afterEach(() => app.close());

const VIEW_STATE: Record<LicenseState, string> = {
  active: 'active',
  evaluation: 'evaluation',
  inactive: 'inactive',
  none: 'missing',
};

describe.each(LICENCE_CASES)('with the licence $state', ({ state, acts }) => {
  beforeEach(async () => {
    ({ app, url } = await startPushApp());
    app.platform.setLicense(state);
  });
  const admin = () => app.credentials.siteAdmin.accountId;

  it(acts ? 'applies a signed push' : 'refuses a signed push with 402, storing nothing', async () => {
    const accountId = app.jitLogin('casey.contract@acme.example', 'Casey');
    await app.drain();
    const body = JSON.stringify({ accountId, attributes: { employeeType: 'contractor' } });
    const response = await post(url, body, signed(app, body));
    expect(response.status).toBe(acts ? 202 : 402);
    expect(response.contentType).toBe('application/json');
    expect(response.body.accepted).toBe(acts);
    expect((await pushedFor(app, accountId)) !== undefined).toBe(acts);
    if (!acts) {
      expect(response.body.error).toContain('licence');
      expect((await gateTraces(app)).health).toMatchObject({ ok: false });
      // The signature was not used up: once licensed, the very same request is applied.
      app.platform.setLicense('active');
      expect((await post(url, body, signed(app, body))).status).toBe(202);
    }
  });

  it('answers an unsigned push 401 whatever the licence, so a stranger learns nothing about it', async () => {
    const body = JSON.stringify({ accountId: 'someone', attributes: { employeeType: 'contractor' } });
    const response = await post(url, body, {});
    expect(response.status).toBe(401);
    expect(response.text).not.toContain('licen');
  });

  it('tells the page the licence state, with the trial end for an evaluation', async () => {
    const reply = await call(app, admin(), 'session.get', {});
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    expect(reply.value.licence).toEqual({
      state: VIEW_STATE[state],
      mayAct: acts,
      trialEndDate: state === 'evaluation' ? new Date(app.clock.now() + 30 * 86_400_000).toISOString() : null,
    });
  });

  it(
    acts
      ? 'starts a backfill from the page'
      : 'refuses to start a backfill, preview or dry run, starting nothing, while reads and rule edits still work',
    async () => {
      const started = await call(app, admin(), 'jobs.startBackfill', {});
      expect(started.ok).toBe(acts);
      if (acts) return;
      expect(started).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      if (!started.ok) expect(started.error.message).toContain('not licensed');
      for (const key of ['jobs.startPreview', 'inactivity.dryRun.start'] as const)
        expect(await call(app, admin(), key, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      const jobs = await call(app, admin(), 'jobs.list', {});
      expect(jobs).toMatchObject({ ok: true, value: { jobs: [] } });
      expect(app.platform.queue.nextDueAt()).toBeUndefined();
      expect((await call(app, admin(), 'overview.get', {})).ok).toBe(true);
      expect((await call(app, admin(), 'rules.list', {})).ok).toBe(true);
      const disabled = await call(app, admin(), 'rules.setEnabled', { id: 'contractors', enabled: false });
      expect(disabled.ok).toBe(true);
    },
  );
});
