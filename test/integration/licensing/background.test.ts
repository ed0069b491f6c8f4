// The licence gate at every background entry point — the user-event trigger, the queue consumers and the scheduled
// triggers — in each licence state: active and evaluation licences work, inactive and missing ones take no action,
// park in-flight work untouched with a health message, and catch up once the licence is back.
import { PROVISION_QUEUE } from '../../../src/services/provisioning/provisioning-work';
import { INACTIVITY_QUEUE } from '../../../src/services/inactivity';
import { JOBS_QUEUE } from '../../../src/services/jobs/jobs-work';
import { REVIEWS_QUEUE } from '../../../src/services/reviews/review-steps';
import type { AppHarness } from '../../support/app-harness';
import { gateTraces, GROUP, LICENCE_CASES, startLicensedApp } from './licensing-setup';

let app: AppHarness;
afterEach(() => app.close());

const SCHEDULED = [
  'access-reviews-every-hour',
  'backstop-every-five-minutes',
  'daily-pass-every-day',
  'inactivity-sweep-daily',
  'long-runs-every-five-minutes',
];

describe.each(LICENCE_CASES)('with the licence $state', ({ state, acts }) => {
  beforeEach(async () => {
    app = await startLicensedApp();
    app.platform.setLicense(state);
  });

  it(
    acts
      ? 'provisions a JIT login from its user event'
      : 'queues nothing for a JIT login and says the app is paused',
    async () => {
      const accountId = app.jitLogin('pat.new@acme.example', 'Pat');
      await app.drain();
      expect(app.groupNamesOf(accountId).includes(GROUP)).toBe(acts);
      const consumers = app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer');
      expect(consumers.length > 0).toBe(acts);
      const { health } = await gateTraces(app);
      if (acts) expect(health).toBeNull();
      else expect(health).toMatchObject({ ok: false, message: expect.stringContaining('Paused') as string });
    },
  );

  it(
    acts
      ? 'lets each consumer run its message'
      : 'parks each consumer’s message untouched for when the licence is back',
    async () => {
      const accountId = app.jitLogin('quinn.queued@acme.example', 'Quinn');
      app.platform.eventLossRate = 0;
      await app.platform.runConsumer(
        PROVISION_QUEUE,
        { accountIds: [accountId], source: 'event', runId: 'event:q1' },
        { eventId: 'e-provision' },
      );
      await app.platform.runConsumer(
        JOBS_QUEUE,
        { kind: 'backfill-plan', jobId: 'job-1' },
        { eventId: 'e-jobs' },
      );
      await app.platform.runConsumer(
        INACTIVITY_QUEUE,
        { kind: 'page', runId: 'run-1' },
        { eventId: 'e-sweep' },
      );
      await app.platform.runConsumer(
        REVIEWS_QUEUE,
        { kind: 'act', campaignId: 'campaign-1', round: 0 },
        { eventId: 'e-reviews' },
      );
      const { parked } = await gateTraces(app);
      if (acts) {
        expect(parked).toEqual([]);
        expect(app.groupNamesOf(accountId).includes(GROUP)).toBe(true);
      } else {
        expect(parked.map((p) => p.queue).sort()).toEqual(
          [INACTIVITY_QUEUE, JOBS_QUEUE, PROVISION_QUEUE, REVIEWS_QUEUE].sort(),
        );
        expect(parked.find((p) => p.queue === PROVISION_QUEUE)?.body).toMatchObject({
          accountIds: [accountId],
        });
        expect(app.groupNamesOf(accountId).includes(GROUP)).toBe(false);
      }
    },
  );

  it(acts ? 'runs every scheduled trigger' : 'skips every scheduled trigger, acting on nothing', async () => {
    for (const key of SCHEDULED) {
      const { record, result } = await app.platform.runScheduled(key);
      expect(record.outcome).toBe('success');
      const skipped =
        (result as { skipped?: string }).skipped === 'unlicensed' ||
        (result as { reason?: string }).reason?.includes('not licensed') === true;
      expect({ key, skipped }).toEqual({ key, skipped: !acts });
    }
  });
});

describe('when the licence comes back', () => {
  it('catches up through the backstop on users who signed up while it was inactive, and the Overview says it resumed', async () => {
    app = await startLicensedApp();
    await app.advance(5 * 60_000); // a first backstop run sets its watermark
    app.platform.setLicense('inactive');
    const missed = app.jitLogin('mo.missed@acme.example', 'Mo');
    await app.advance(15 * 60_000);
    await app.drain();
    expect(app.groupNamesOf(missed).includes(GROUP)).toBe(false);

    app.platform.setLicense('active');
    await app.advance(5 * 60_000);
    await app.drain();
    expect(app.groupNamesOf(missed).includes(GROUP)).toBe(true);
    expect((await gateTraces(app)).health).toMatchObject({
      ok: true,
      message: expect.stringContaining('Resumed') as string,
    });
  });

  it('resumes parked work through the relay: the message left untouched runs then, once', async () => {
    app = await startLicensedApp();
    app.platform.setLicense('none');
    const accountId = app.jitLogin('pia.parked@acme.example', 'Pia');
    await app.platform.runConsumer(
      PROVISION_QUEUE,
      { accountIds: [accountId], source: 'event', runId: 'event:p1' },
      { eventId: 'e-1' },
    );
    // A duplicate delivery of the same event parks it once.
    await app.platform.runConsumer(
      PROVISION_QUEUE,
      { accountIds: [accountId], source: 'event', runId: 'event:p1' },
      { eventId: 'e-1' },
    );
    expect((await gateTraces(app)).parked).toHaveLength(1);
    await app.advance(10 * 60_000, { scheduled: ['long-runs-every-five-minutes'] });
    await app.drain();
    expect((await gateTraces(app)).parked).toHaveLength(1);
    expect(app.groupNamesOf(accountId).includes(GROUP)).toBe(false);

    app.platform.setLicense('evaluation');
    await app.advance(5 * 60_000, { scheduled: ['long-runs-every-five-minutes'] });
    await app.drain();
    expect((await gateTraces(app)).parked).toEqual([]);
    expect(app.groupNamesOf(accountId).includes(GROUP)).toBe(true);
  });
});
