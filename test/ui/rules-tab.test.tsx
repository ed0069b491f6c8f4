// The Rules tab against the real resolvers: live expression errors, the condition builder, saving a rule,
// backend field errors beside their fields, and testing a rule on a user.
import { AdminPage } from './support/page-harness';
import { AppHarness } from '../support/app-harness';
import { byTestId, byText, findAll, hasText, ofType, textOf, type ForgeDoc } from './support/forge-doc-query';
import { viewers, type Viewers } from './support/personas';

let app: AppHarness;
let people: Viewers;

beforeAll(() => {
  app = AppHarness.start();
  people = viewers(app);
});
afterAll(() => app.close());

async function openNewRule(page: AdminPage): Promise<void> {
  await page.openTab('Rules');
  await page.click(await page.waitForTestId('rule-new'));
  await page.waitForTestId('rule-editor');
}

function textArea(doc: ForgeDoc, testId: string): ForgeDoc {
  const node = byTestId(doc, testId);
  if (!node) throw new Error(`no field ${testId}`);
  return node;
}

/** A Select's options once they have loaded. */
async function optionsOf(page: AdminPage, testId: string): Promise<ForgeDoc> {
  return page.waitFor((doc) => {
    const select = byTestId(doc, testId);
    const options = select?.props.options as unknown[] | undefined;
    return select && options && options.length > 0 ? select : undefined;
  }, `options in ${testId}`);
}

async function withPage(accountId: string, run: (page: AdminPage) => Promise<void>): Promise<void> {
  const page = AdminPage.open(app, accountId);
  try {
    await run(page);
  } finally {
    await page.close();
  }
}

it('shows an invalid expression’s error at its line and column as the admin types, with no round trip', async () => {
  await withPage(people.siteAdmin, async (page) => {
    await openNewRule(page);
    const before = page.invocations.length;
    await page.type(
      textArea(page.doc, 'rule-condition'),
      'user.department -eq "Sales"\n-and user.departmnet -eq "x"',
    );
    await page.waitForText(
      'Line 2, column 6: Unknown attribute "user.departmnet" — did you mean "user.department"?',
    );
    const excerpt = findAll(page.doc, (n) => n.type === 'CodeBlock').map((n) => n.props.text);
    expect(excerpt).toContain(`-and user.departmnet -eq "x"\n     ${'^'.repeat('user.departmnet'.length)}`);
    expect(byTestId(page.doc, 'rule-condition')?.props.isInvalid).toBe(true);

    // Fixing the typo clears the error; switching dialect re-checks the same text in Okta's grammar.
    await page.type(textArea(page.doc, 'rule-condition'), 'user.department -eq "Sales"');
    await page.waitForText('The condition is valid.');
    expect(hasText(page.doc, /Line \d+, column \d+/)).toBe(false);
    await page.choose(byTestId(page.doc, 'rule-dialect')!, 'Okta (group rule expression)');
    await page.waitForText(/Line 1, column 17: "-eq" is Entra syntax/);
    // Checking happened in the page: no resolver was asked while typing.
    expect(page.invocations.slice(before).map((i) => i.key)).not.toContain('rules.checkExpression');
  });
});

it('builds a condition, saves a valid rule and lists it, then tests it on a user with the trace and plan', async () => {
  await withPage(people.siteAdmin, async (page) => {
    await openNewRule(page);
    await page.type(textArea(page.doc, 'rule-name'), 'Jira admins to developers');

    // The condition builder writes into the same text the editor shows.
    await page.choose(byTestId(page.doc, 'builder-attribute')!, 'Site groups (user.groups)');
    await page.choose(byTestId(page.doc, 'builder-operator')!, 'equals (-eq)');
    await page.type(byTestId(page.doc, 'builder-value')!, 'jira-administrators');
    await page.click(byTestId(page.doc, 'builder-add')!);
    expect(byTestId(page.doc, 'rule-condition')?.props.value).toBe(
      'user.groups -any (_ -eq "jira-administrators")',
    );
    await page.choose(byTestId(page.doc, 'builder-joiner')!, 'and');
    await page.choose(byTestId(page.doc, 'builder-attribute')!, 'Account is active (user.active)');
    await page.type(byTestId(page.doc, 'builder-value')!, 'true');
    await page.click(byTestId(page.doc, 'builder-add')!);
    expect(byTestId(page.doc, 'rule-condition')?.props.value).toBe(
      'user.groups -any (_ -eq "jira-administrators") -and user.active -eq true',
    );
    await page.waitForText('The condition is valid.');

    // Grants come from the site's catalogue.
    const groups = await optionsOf(page, 'grant-group');
    await page.choose(groups, 'jira-software-users');
    await page.click(byTestId(page.doc, 'grant-add-group')!);
    await page.waitForText('group "jira-software-users"');

    await page.click(byTestId(page.doc, 'rule-save')!);
    await page.waitForText('Created rule "Jira admins to developers".');
    const table = await page.waitForTestId('rules-table');
    expect(textOf(table)).toContain('Jira admins to developers');
    expect(textOf(table)).toContain(
      'user.groups -any (_ -eq "jira-administrators") -and user.active -eq true',
    );
    expect(byText(table, 'Toggle', 'Disable Jira admins to developers')?.props.isChecked).toBe(true);

    // Test the saved rule on the Jira admin from its editor.
    const edit = findAll(table, (n) => n.type === 'Button' && textOf(n) === 'Edit')[0];
    await page.click(edit!);
    await page.waitForTestId('rule-editor');
    const picker = await page.waitFor((doc) => byText(doc, 'UserPicker', 'User to test'), 'the user picker');
    await page.pickUser(picker, people.jiraAdmin);
    await page.click(byTestId(page.doc, 'rule-test-run')!);
    const result = await page.waitForTestId('rule-test-result');
    expect(hasText(result, 'Jira admins to developers matches this user')).toBe(true);
    const trace = byTestId(result, 'rule-trace')!;
    const steps = ofType(trace, 'ListItem');
    expect(steps.length).toBe(3);
    expect(textOf(trace)).toContain(
      'user.groups was confluence-users, jira-administrators, jira-software-users',
    );
    expect(textOf(trace)).toContain('held for jira-administrators');
    expect(textOf(trace)).toContain('user.active was true');
    // Nested: the -any and the comparison sit under the "all of" step.
    expect(ofType(steps[0]!, 'ListItem').filter((n) => n !== steps[0])).toEqual([steps[1], steps[2]]);
    expect(hasText(result, 'Gathered attributes')).toBe(true);
    expect(textOf(byTestId(result, 'rule-plan')!)).toContain('group "jira-software-users"');
  });
});

it('shows the backend’s field errors beside their fields', async () => {
  await withPage(people.siteAdmin, async (page) => {
    await openNewRule(page);
    await page.type(textArea(page.doc, 'rule-condition'), 'user.department -eq "Sales"');
    await page.click(byTestId(page.doc, 'rule-save')!);
    await page.waitForText(/Saving the rule: please fix the highlighted fields/);
    expect(byTestId(page.doc, 'rule-name')?.props.isInvalid).toBe(true);
    // The messages sit under their fields (ErrorMessage), not only in the summary.
    const messages = ofType(page.doc, 'ErrorMessage').map(textOf);
    expect(messages.some((m) => /name/i.test(m))).toBe(true);
    expect(messages).toContain('Add at least one group or project role to grant');
  });
});

it('enables, reorders and deletes rules from the table', async () => {
  const group = app.site.groups().find((g) => g.name === 'sales-team')!;
  for (const [id, priority] of [
    ['first', 100],
    ['second', 200],
  ] as const)
    await app.asSiteAdmin('rules.save', {
      rule: {
        id,
        name: `Rule ${id}`,
        description: '',
        enabled: true,
        priority,
        condition: { text: 'user.department -eq "Sales"', dialect: 'entra' },
        grants: [{ kind: 'group', groupId: group.groupId, groupName: group.name }],
        onUnmatch: 'keep',
      },
    });
  await withPage(people.siteAdmin, async (page) => {
    await page.openTab('Rules');
    const order = (): string[] =>
      findAll(byTestId(page.doc, 'rules-table')!, (n) => n.type === 'Row').map((r) => String(r.props.rowKey));
    await page.waitFor((doc) => byTestId(doc, 'rule-down-first'), 'the rules table');
    const before = order();
    expect(before.indexOf('first')).toBeLessThan(before.indexOf('second'));

    await page.click(byTestId(page.doc, 'rule-down-first')!);
    await page.waitFor(
      () => order().indexOf('first') > order().indexOf('second'),
      'first to move below second',
    );
    const list = await app.asSiteAdmin<{ ok: true; value: { rules: Array<{ id: string }> } }>('rules.list');
    expect(list.value.rules.map((r) => r.id)).toEqual(order());

    const toggle = byText(page.doc, 'Toggle', 'Disable Rule second')!;
    await page.toggle(toggle);
    await page.waitFor((doc) => byText(doc, 'Toggle', 'Enable Rule second'), 'the rule to show as disabled');
    expect(byText(page.doc, 'Toggle', 'Enable Rule second')?.props.isChecked).toBe(false);

    await page.click(byTestId(page.doc, 'rule-delete-first')!);
    await page.waitForText('Delete Rule first?');
    await page.click(byTestId(page.doc, 'rule-delete-confirm')!);
    await page.waitForText('Deleted rule "Rule first".');
    await page.waitFor(() => !order().includes('first'), 'the rule to leave the table');
    expect(ofType(page.doc, 'Modal')).toHaveLength(0);
  });
});
