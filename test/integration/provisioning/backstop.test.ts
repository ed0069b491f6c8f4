// When user events are lost, the five-minute backstop finds the users in Jira's audit log and provisions them;
// its watermark means the next scan does not queue them again.
import { AppHarness } from '../../support/app-harness';
import { getWatermark } from '../../../src/storage/markers-repository';
import { configure, groupGrant, orgApiSettings, rule } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

it('provisions users whose events never arrived, once', async () => {
  app = AppHarness.start();
  const base = orgApiSettings(app);
  await configure(app, { ...base, sources: { ...base.sources, scim: { enabled: false } } }, [
    rule({
      id: 'everyone',
      when: 'user.emailDomain -eq "acme.example"',
      grants: [groupGrant(app, 'confluence-engineering')],
    }),
  ]);
  app.platform.eventLossRate = 1;
  const lost = [app.jitLogin('lou.lost@acme.example', 'Lou'), app.jitLogin('lee.lost@acme.example', 'Lee')];
  await app.drain();
  expect(app.platform.invocations.filter((r) => r.moduleKind === 'trigger')).toHaveLength(0);
  expect(lost.map((id) => app.groupNamesOf(id).includes('confluence-engineering'))).toEqual([false, false]);

  app.platform.eventLossRate = 0;
  await app.advance(5 * 60_000); // the backstop runs on its interval
  await app.drain();
  expect(lost.map((id) => app.groupNamesOf(id).includes('confluence-engineering'))).toEqual([true, true]);
  const provisionRuns = app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer').length;

  await app.advance(5 * 60_000); // the next scan overlaps the last window but queues nobody again
  await app.drain();
  expect(app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer')).toHaveLength(
    provisionRuns,
  );
  const watermark = await app.inApp(() => getWatermark('backstop'));
  const lastScan = app.platform.invocations
    .filter((r) => r.moduleKey === 'backstop-every-five-minutes')
    .at(-1);
  expect(watermark?.until).toBe(lastScan?.startedAt);
  expect(watermark?.cursor).toBeUndefined();
});
