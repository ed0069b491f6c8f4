// The Settings tab against the real resolvers: every backend field error beside its field, the write path
// chosen (acting as a site admin picked with the UserPicker), and a saved draft read back.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, byText, findAll, ofType, textOf, type ForgeDoc } from './support/forge-doc-query';
import { viewers } from './support/personas';
import type { Reply, SettingsView } from '../../src/shared/contract';

let app: AppHarness;
afterAll(() => app.close());

function field(doc: ForgeDoc, testId: string): ForgeDoc {
  const node = byTestId(doc, testId);
  if (!node) throw new Error(`no field ${testId}`);
  return node;
}

/** The error messages shown right under a field (inside its FieldBox column). */
function errorsUnder(doc: ForgeDoc, testId: string): string[] {
  const column = findAll(
    doc,
    (n) => n.type === 'Stack' && n.children.some((c) => c.props.testId === testId),
  )[0];
  return column ? ofType(column, 'ErrorMessage').map(textOf) : [];
}

it('shows each settings error beside its field, then saves the corrected draft', async () => {
  app = AppHarness.start();
  const { siteAdmin } = viewers(app);
  const page = AdminPage.open(app, siteAdmin);
  try {
    await page.openTab('Settings');
    expect(byTestId(page.doc, 'settings-unsaved')).toBeUndefined();
    await page.toggle(await page.waitForNode('Toggle', /SCIM user provisioning/));
    // Any edit marks the tab as having unsaved changes until it is saved or discarded.
    expect(byTestId(page.doc, 'settings-unsaved')).toBeDefined();
    await page.type(field(page.doc, 'audit-retention-days'), '3');
    const writePath = ofType(page.doc, 'RadioGroup').find((n) => n.props.name === 'group-write-path')!;
    await page.fire(writePath, 'onChange', { target: { value: 'org-admin-api' } });
    await page.click(field(page.doc, 'settings-save'));
    await page.waitForText(/Saving the settings \(3 problems\)/);
    expect(errorsUnder(page.doc, 'org-id')).toEqual(['The organization id is needed for the Admin API']);
    // One directory id field, with one message, whichever of SCIM and the Admin API needs it.
    expect(byTestId(page.doc, 'scim-directory-id')).toBeUndefined();
    expect(errorsUnder(page.doc, 'org-directory-id')).toEqual(['The SCIM source needs the directory id']);
    expect(errorsUnder(page.doc, 'audit-retention-days')).toEqual(['Keep at least 7 days']);

    // Act as a chosen site admin instead, and fill in what was missing.
    await page.fire(writePath, 'onChange', { target: { value: 'impersonate-admin' } });
    await page.pickUser(await page.waitForNode('UserPicker', 'Site admin to act as'), siteAdmin);
    await page.type(field(page.doc, 'org-directory-id'), app.credentials.directoryId);
    await page.type(field(page.doc, 'audit-retention-days'), '90');
    await page.click(field(page.doc, 'settings-save'));
    await page.waitForText('Settings saved');
    expect(ofType(page.doc, 'ErrorMessage')).toEqual([]);
    expect(byTestId(page.doc, 'settings-unsaved')).toBeUndefined();
    expect(byText(page.doc, 'Button', 'Save settings')).toBeDefined();
  } finally {
    await page.close();
  }
  const stored = await app.asSiteAdmin<Reply<SettingsView>>('settings.get');
  expect(stored.ok && stored.value.settings).toMatchObject({
    sources: { scim: { enabled: true } },
    org: { directoryId: app.credentials.directoryId },
    groupWritePath: { mode: 'impersonate-admin', adminAccountId: siteAdmin },
    auditRetentionDays: 90,
  });
});
