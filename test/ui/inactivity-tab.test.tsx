// The Inactivity tab against the real resolvers: the policy and exclusions saved from the page, a dry run
// watched to its report, a live run held by the brake and answered from the review queue, a one-click restore,
// and the Overview's charts of what was reclaimed.
import deDE from '../../src/locales/de-DE.json';
import { englishLeftovers, shownLines } from './support/english-leftovers';
import { AdminPage } from './support/page-harness';
import {
  byTestId,
  byText,
  findAll,
  hasText,
  ofType,
  textOf,
  visibleText,
  type ForgeDoc,
} from './support/forge-doc-query';
import {
  JIRA,
  T0,
  dailyRun,
  getRun,
  invite,
  savePolicy,
  setDay,
  startEnv,
  type InactivityEnv,
} from '../integration/inactivity/inactivity-env';

let env: InactivityEnv;
afterEach(() => env.app.close());

function idle(handle: string): string {
  const id = invite(env, handle);
  env.app.site.recordActivity(id, JIRA, T0);
  return id;
}

function field(doc: ForgeDoc, testId: string): ForgeDoc {
  const node = byTestId(doc, testId);
  if (!node) throw new Error(`no field ${testId}`);
  return node;
}

it('saves the policy, dry-runs it, answers the review queue, restores a user, and charts the result', async () => {
  env = await startEnv();
  const [ada, bob, cy] = [idle('ada'), idle('bob'), idle('cy')];
  const page = AdminPage.open(env.app, env.admin);
  try {
    await page.openTab('Inactivity');
    await page.waitForTestId('inactivity-policy');
    const enable = await page.waitForNode('Toggle', 'Clean up inactive Jira users');
    await page.toggle(enable);
    await page.type(field(page.doc, `inactive-days-${JIRA}`), '90');
    await page.type(field(page.doc, `warn-days-${JIRA}`), '0');
    await page.type(field(page.doc, 'brake-max-actions'), '1');
    await page.type(field(page.doc, 'brake-max-percent'), '100');
    // A webhook outside the allowed hosts is refused beside its field (after the confirmation below).
    await page.type(field(page.doc, 'notify-webhook'), 'https://evil.example/hook');
    await page.click(field(page.doc, 'inactivity-policy-save'));
    await page.click(await page.waitForTestId('policy-untold-confirm-confirm'));
    await page.waitForText(/Saving the policy: please fix the highlighted fields/);
    expect(field(page.doc, 'notify-webhook').props.isInvalid).toBe(true);
    await page.type(field(page.doc, 'notify-webhook'), '');
    // 0 days' warning tells nobody: the save asks first, naming the consequence, and nothing is saved on cancel.
    await page.click(field(page.doc, 'inactivity-policy-save'));
    const untold = await page.waitForTestId('policy-untold-confirm');
    expect(textOf(untold)).toContain("Jira: with 0 days' warning, users are not told before the app acts");
    await page.click(byText(untold, 'Button', 'Cancel')!);
    expect(byTestId(page.doc, 'policy-untold-confirm')).toBeUndefined();
    expect(page.invocations.filter((i) => i.key === 'inactivity.policy.save')).toHaveLength(1);
    await page.click(field(page.doc, 'inactivity-policy-save'));
    await page.click(await page.waitForTestId('policy-untold-confirm-confirm'));
    await page.waitForText('Policy saved');

    const exclude = await page.waitForNode('UserPicker', 'Exclude a person');
    await page.pickUser(exclude, cy);
    await page.click(field(page.doc, 'exclude-user-add'));
    await page.type(field(page.doc, 'exclude-recent-days'), '0');
    await page.click(field(page.doc, 'exclusions-save'));
    await page.waitForText('Exclusions saved');

    // A dry run, watched until its report shows who would lose Jira.
    setDay(env, 100);
    await page.click(field(page.doc, 'dry-run-start'));
    await env.app.drain({ scheduled: false });
    const report = await page.waitFor((doc) => {
      const node = byTestId(doc, 'inactivity-report');
      return node && findAll(node, (n) => n.type === 'User').length > 0 ? node : undefined;
    }, 'the dry-run report with users');
    const reported = findAll(report, (n) => n.type === 'User').map((n) => n.props.accountId);
    expect([...new Set(reported)].sort()).toEqual([ada, bob].sort());
    expect(env.app.groupNamesOf(ada)).toContain('jira-software-users');

    // The live run plans two removals, more than the brake allows: the queue holds it for review.
    const held = await dailyRun(env);
    expect(held?.status).toBe('awaiting-review');
    await page.openTab('Audit');
    await page.openTab('Inactivity');
    const queue = await page.waitFor((doc) => {
      const node = byTestId(doc, 'inactivity-review');
      return node && ofType(node, 'Checkbox').length === 2 ? node : undefined;
    }, 'two held users in the review queue');
    const adaBox = findAll(queue, (n) => n.type === 'Checkbox' && n.props.value === ada)[0]!;
    await page.toggle(adaBox);
    await page.click(await page.waitForNode('Button', 'Approve 1 chosen user'));
    // Partial approval says what happens to the rest before anything is done.
    const approval = await page.waitForTestId('review-confirm');
    expect(textOf(approval)).toContain('The other 1 held user is not acted on in this run');
    expect(env.app.groupNamesOf(ada)).toContain('jira-software-users');
    await page.click(byTestId(approval, 'review-confirm-confirm')!);
    await page.waitForText('1 action approved, 1 action dropped.');
    await env.app.drain({ scheduled: false });
    expect(env.app.groupNamesOf(ada)).not.toContain('jira-software-users');
    expect(env.app.groupNamesOf(bob)).toContain('jira-software-users');

    // Runs: the live run's actions, and one click gives Ada her seat back.
    const runs = await page.waitForTestId('inactivity-runs');
    await page.click(byText(runs, 'Button', 'Refresh')!);
    await page.click(await page.waitForNode('Button', /^Show users$/));
    const actions = await page.waitForTestId(`run-actions-${held!.id}`);
    await page.click(byText(actions, 'Button', 'Restore')!);
    const restoring = await page.waitForTestId('restore-user-confirm');
    expect(textOf(restoring)).toContain('Gets back what this run took: Jira removed.');
    await page.click(byTestId(restoring, 'restore-user-confirm-confirm')!);
    await page.waitFor(
      (doc) => hasText(byTestId(doc, `run-actions-${held!.id}`)!, 'restored'),
      'the restore',
    );
    expect(env.app.groupNamesOf(ada)).toContain('jira-software-users');

    // The Overview charts what was reclaimed and the run's inactivity histogram.
    await page.openTab('Overview');
    const donut = await page.waitFor((doc) => ofType(doc, 'DonutChart')[0], 'the seats chart');
    expect(donut.props.data).toEqual([{ x: 'Jira', y: 1 }]);
    const histogram = byText(page.doc, 'BarChart', 'Licensed users by days inactive')!;
    expect((histogram.props.data as Array<{ y: number }>).reduce((n, r) => n + r.y, 0)).toBeGreaterThan(0);
    expect(textOf(page.doc)).not.toContain('No seats reclaimed yet.');
  } finally {
    await page.close();
  }
});

it('says in the dry-run report how many were left alone as given a product recently, or at an unknown date', async () => {
  env = await startEnv();
  const dee = invite(env, 'dee');
  idle('eli');
  await savePolicy(env, { exclusions: { recentlyAddedDays: 30 } });
  // Dee never used Jira; an admin took it away and gave it back on day 99.
  setDay(env, 99);
  env.app.site.setGroupMembership(dee, 'jira-software-users', false);
  setDay(env, 99, 2);
  env.app.site.setGroupMembership(dee, 'jira-software-users', true);
  const page = AdminPage.open(env.app, env.admin);
  try {
    await page.openTab('Inactivity');
    setDay(env, 100);
    await page.click(await page.waitForTestId('dry-run-start'));
    await env.app.drain({ scheduled: false });
    const line = await page.waitFor((doc) => byTestId(doc, `report-grants-${JIRA}`), 'the grant-date line');
    expect(textOf(line)).toBe(
      'Jira: 1 user left alone as given it recently; 0 users left alone because when they were given it is unknown (grant date unknown).',
    );
  } finally {
    await page.close();
  }
});

it('speaks German to a German admin: words, plurals, dates and numbers, and no English of its own', async () => {
  env = await startEnv();
  idle('ada');
  idle('bob');
  // 0 days' warning and a brake of one action: the live run of day 100 is held for review.
  await savePolicy(env, { jira: { warnDaysBefore: 0 }, brake: { maxActionsPerRun: 1 } });
  setDay(env, 100);
  const held = await dailyRun(env);
  expect(held?.status).toBe('awaiting-review');
  const page = AdminPage.open(env.app, env.admin, { locale: 'de-DE' });
  try {
    await page.openTab(deDE.tabs.inactivity);
    const queue = await page.waitFor((doc) => {
      const node = byTestId(doc, 'inactivity-review');
      return node && ofType(node, 'Checkbox').length === 2 ? node : undefined;
    }, 'two held users in the review queue');
    expect(hasText(queue, 'Ein Lauf wird von der Sicherheitsbremse zurückgehalten')).toBe(true);
    expect(hasText(queue, '0 ausgewählte Benutzer genehmigen')).toBe(true);
    // The brake's message and each held user's reason, from their keys: German words, German days.
    expect(shownLines([queue])).toContain(
      'Zur Prüfung angehalten: 2 Aktionen geplant, mehr als das Limit von 1 pro Lauf. Es geschieht nichts, bis ein Administrator alle, einige oder keine Aktionen genehmigt.',
    );
    const germanDay = /\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}/;
    const reason = new RegExp(
      `^Zuletzt aktiv in Jira am ${germanDay.source} \\(vor 100 Tagen\\); Richtlinie: nach 90 Tagen ohne Aktivität den Zugriff auf Jira entziehen, ohne Warnung\\. Aktion: den Zugriff auf Jira entziehen\\.$`,
    );
    expect(shownLines([queue]).filter((line) => reason.test(line))).toHaveLength(2);
    await page.click(byTestId(queue, 'review-approve-all')!);
    const confirm = await page.waitForTestId('review-confirm');
    expect(hasText(confirm, 'Alle 2 zurückgehaltenen Benutzer genehmigen?')).toBe(true);
    await page.click(byText(confirm, 'Button', /Abbrechen|Cancel/)!);

    // The policy's save time and the runs' start times in German, e.g. "15. Apr. 2026, 09:00 UTC".
    const germanDate = /\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+\.? \d{4}, \d{2}:\d{2} UTC/;
    const policy = byTestId(page.doc, 'inactivity-policy')!;
    expect(visibleText(policy)).toMatch(new RegExp(`Gespeichert am ${germanDate.source}\\.`));
    const runs = await page.waitForTestId('inactivity-runs');
    const started = shownLines([runs]).filter((p) => germanDate.test(p));
    expect(started.length).toBeGreaterThan(0);
    expect(shownLines([runs])).toEqual(expect.arrayContaining(['Live (täglich)', 'Geprüfte Benutzer']));
    expect(hasText(runs, 'wartet auf Prüfung')).toBe(true);

    // A dry run, watched to its report: counted in German plurals.
    await page.click(byTestId(page.doc, 'dry-run-start')!);
    await env.app.drain({ scheduled: false });
    const report = await page.waitFor((doc) => {
      const node = byTestId(doc, 'inactivity-report');
      return node && findAll(node, (n) => n.type === 'User').length > 0 ? node : undefined;
    }, 'the dry-run report with users');
    const checked = (await getRun(env, held!.id))?.progress.users ?? 0;
    expect(visibleText(report)).toMatch(
      new RegExp(
        `^${checked} Benutzer geprüft \\(alle auf der Website, mit oder ohne Produkt\\); Aktionen beträfen 2 Benutzer: 2 Lizenzentzüge, 0 Sperrungen\\.$`,
        'm',
      ),
    );
    expect(shownLines([report])).toEqual(
      expect.arrayContaining(['Jetzt handeln', 'Haben Zugriff', '100 Tage']),
    );
    expect(shownLines([report]).filter((line) => reason.test(line))).toHaveLength(2);
    const dryRun = byTestId(page.doc, 'inactivity-dry-run')!;
    expect(visibleText(dryRun)).toMatch(new RegExp(`Berechnet am ${germanDate.source} aus der am`));

    // Nothing the tab itself says is left in English.
    expect(englishLeftovers([page.doc], ['inactivity'])).toEqual([]);
  } finally {
    await page.close();
  }
});
