// Organization-wide settings and privileged targets on the real page: a Jira admin who is not a site admin sees
// them read-only with the backend's reason (no field to change, no save, no allow), and a site admin allows a
// privileged target only through a confirmation that names the risk.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, byText, findAll, ofType, textOf, type ForgeDoc } from './support/forge-doc-query';
import { viewers } from './support/personas';
import type { AuditQueryView, Reply } from '../../src/shared/contract';

let app: AppHarness;
afterEach(() => app.close());

/** The text of a privileged target's row (rows are keyed by the target's grant key). */
function rowText(doc: ForgeDoc, key: string): string {
  const table = byTestId(doc, 'privileged-targets-table');
  const row = table ? findAll(table, (n) => n.type === 'Row' && n.props.rowKey === key)[0] : undefined;
  if (!row) throw new Error(`no row ${key} in the privileged targets table`);
  return textOf(row);
}

it('shows a Jira admin the organization-wide settings read-only, with the reason, and nothing to change', async () => {
  app = AppHarness.start();
  const { jiraAdmin } = viewers(app);
  const page = AdminPage.open(app, jiraAdmin);
  try {
    await page.openTab('Settings');
    const notice = await page.waitForTestId('settings-read-only');
    expect(textOf(notice)).toMatch(
      /can be changed by site admins only\. You are a Jira administrator but not a site admin/,
    );
    await page.waitForTestId('privileged-targets-table');
    await page.waitForLoaded('the settings');
    // Every toggle, text field and the write-path choice are disabled; nothing offers to save or change.
    expect(ofType(page.doc, 'Toggle').length).toBeGreaterThan(0);
    expect(ofType(page.doc, 'Toggle').filter((t) => t.props.isDisabled !== true)).toEqual([]);
    expect(ofType(page.doc, 'Textfield').filter((t) => t.props.isDisabled !== true)).toEqual([]);
    expect(ofType(page.doc, 'RadioGroup').map((r) => r.props.isDisabled)).toEqual([true]);
    expect(byText(page.doc, 'Button', 'Save settings')).toBeUndefined();
    expect(byText(page.doc, 'Button', /^(Save|Replace|Clear)$/)).toBeUndefined();
    expect(findAll(page.doc, (n) => n.type === 'Button' && /^Allow/.test(textOf(n)))).toEqual([]);
    expect(byText(page.doc, 'Button', 'Mark privileged')).toBeUndefined();
    // The privileged targets are there, with why.
    expect(page.text()).toMatch(/site-admins/);
    expect(page.text()).toMatch(/Jira lists it among the site-admin groups/);
    // Testing what is saved is still allowed.
    expect(byText(page.doc, 'Button', 'Test the write path')).toBeDefined();
  } finally {
    await page.close();
  }
});

it('lets a site admin allow a privileged target only after a confirmation that names the risk', async () => {
  app = AppHarness.start();
  const { siteAdmin } = viewers(app);
  const page = AdminPage.open(app, siteAdmin);
  try {
    await page.openTab('Settings');
    await page.waitForTestId('privileged-targets-table');
    expect(byTestId(page.doc, 'settings-read-only')).toBeUndefined();
    const target = app.site.groups().find((g) => g.name === 'jira-administrators')!;
    const allowButton = await page.waitForTestId(`allow-group:${target.groupId}`);

    // Opening and cancelling changes nothing.
    await page.click(allowButton);
    const modal = await page.waitForTestId('allow-target');
    expect(textOf(modal)).toMatch(/Let rules grant jira-administrators\?/);
    expect(textOf(modal)).toMatch(/Administer Jira global permission/);
    expect(textOf(modal)).toMatch(
      /Anyone a rule matches will get jira-administrators and the administrator rights/,
    );
    await page.clickButton('Keep it refused');
    await page.waitFor((doc) => !byTestId(doc, 'allow-target'), 'the confirmation to close');
    expect(page.invocations.map((i) => i.key)).not.toContain('security.allow');

    // Confirming allows exactly that target, with the acknowledgement, and the table says who allowed it.
    await page.click(await page.waitForTestId(`allow-group:${target.groupId}`));
    await page.click(await page.waitForTestId('allow-target-confirm'));
    await page.waitFor((doc) => !byTestId(doc, 'allow-target'), 'the confirmation to close');
    const call = page.invocations.find((i) => i.key === 'security.allow');
    expect(call?.payload).toEqual({ key: `group:${target.groupId}`, acknowledgeRisk: true });
    expect(call?.result).toMatchObject({ ok: true });
    await page.waitForNode('Button', 'Withdraw');
    expect(rowText(page.doc, `group:${target.groupId}`)).toMatch(/^jira-administrators.*allowed.*Withdraw$/);
    const siteAdmins = app.site.groups().find((g) => g.name === 'site-admins')!;
    expect(rowText(page.doc, `group:${siteAdmins.groupId}`)).toMatch(/refused.*Allow…$/);
  } finally {
    await page.close();
  }
  const audit = await app.asSiteAdmin<Reply<AuditQueryView>>('audit.query', { action: 'privileged-changed' });
  expect(audit.ok && audit.value.entries[0]).toMatchObject({
    actor: siteAdmin,
    targetName: 'jira-administrators',
  });
});
