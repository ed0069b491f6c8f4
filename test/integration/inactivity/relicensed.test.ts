// Users given a product back: the "recently added" exclusion counts from the date access to the product was
// (re)granted, read from the site's audit log, and a never-used product's clock starts at that grant.
import { type RunReportPage } from '../../../src/services/inactivity';
import {
  JIRA,
  auditOf,
  dailyRun,
  invite,
  savePolicy,
  setDay,
  siteGroupChanges,
  startEnv,
  dryRunReport,
  type InactivityEnv,
} from './inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

const dryRun = (): Promise<RunReportPage> => dryRunReport(env);

function jiraReport(report: RunReportPage) {
  return report.run.report?.products.find((p) => p.product === JIRA);
}

describe('Freya, who never used Jira and was given it back today', () => {
  it('is excluded as recently added in a dry run, and a live run neither warns her nor removes Jira', async () => {
    env = await startEnv();
    // Both joined the org on day 0 (773 days before "today"), holding Jira, and never used it.
    const freya = invite(env, 'freya.dubois');
    const gus = invite(env, 'gus');
    await savePolicy(env, {
      jira: { inactiveAfterDays: 90, warnDaysBefore: 7 },
      exclusions: { recentlyAddedDays: 30 },
    });

    // An admin took Jira away from Freya this morning and gave it back an hour later, by hand in Atlassian
    // Administration.
    setDay(env, 773, 1);
    expect(env.app.site.setGroupMembership(freya, 'jira-software-users', false)).toBe(true);
    setDay(env, 773, 2);
    expect(env.app.site.setGroupMembership(freya, 'jira-software-users', true)).toBe(true);
    expect(siteGroupChanges(env, freya).slice(-2)).toEqual([
      'removed jira-software-users',
      'added jira-software-users',
    ]);
    // The provisioning backstop reads the same audit log on its five-minute schedule.
    const backstop = await env.app.platform.runScheduled('backstop-every-five-minutes');
    expect(backstop.record.outcome).toBe('success');
    await env.app.drain({ scheduled: false });

    const report = await dryRun();
    expect(report.run.status).toBe('completed');
    expect(jiraReport(report)?.exclusions).toMatchObject({
      'recently-added-to-product': 1,
      'grant-date-unknown': 0,
    });
    // Gus, given Jira on day 0 and never back since, is the control: still warned from the date he joined.
    expect(report.entries.map((e) => [e.accountId, e.outcome])).toEqual([[gus, 'warn']]);
    expect(report.entries[0]?.message).toMatch(
      /^Never used Jira; joined the organization on 2026-01-05 \(773 days ago\), counted as last activity/,
    );

    // Live: Gus is warned; Freya is left alone now, a week later, and until 83 days after she got Jira back.
    const live = await dailyRun(env);
    expect(live?.report?.totals).toMatchObject({ warn: 1, act: 0 });
    expect(live?.report?.products.find((p) => p.product === JIRA)?.exclusions).toMatchObject({
      'recently-added-to-product': 1,
    });
    expect(env.webhookPosts.map((p) => p['accountId'])).toEqual([gus]);
    for (const day of [780, 790, 802, 803]) {
      setDay(env, day);
      await dailyRun(env);
    }
    expect(await auditOf(env, { accountId: freya })).toEqual([]);
    expect(env.app.groupNamesOf(freya)).toContain('jira-software-users');
    expect(env.app.groupNamesOf(gus)).not.toContain('jira-software-users');

    // 83 days after the re-grant she is warned, counted from that grant rather than from joining the org.
    setDay(env, 773 + 82, 3);
    await dailyRun(env);
    expect(await auditOf(env, { accountId: freya })).toEqual([]);
    setDay(env, 773 + 83, 3);
    await dailyRun(env);
    const [warning] = await auditOf(env, { accountId: freya, action: 'inactivity-warned' });
    expect(warning?.reason).toMatch(
      /^Never used Jira; given it on 2028-02-17 \(83 days ago\), counted as last activity/,
    );
  });
});
