// Campaign drafts: reviewers follow the scope, chosen groups and projects stay unique, owners are sent only
// when they review, and the form's own problems carry the backend's field paths.
import { campaignProblems } from '../../domain/reviews';
import { campaignDefinitionSchema } from '../../shared/contract/reviews';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import english from '../../locales/en-US.json';
import german from '../../locales/de-DE.json';
import {
  definitionOf,
  draftProblems,
  newCampaignDraft,
  withGroup,
  withGroupOwners,
  withoutGroup,
  withProject,
  withScope,
} from './campaign-draft';

const text = createText(lookupIn(english), 'en-US', 'UTC');

const me = '557058:admin';
const sales = { groupId: 'g-sales', groupName: 'sales-team' };
const eng = { projectId: '10000', projectKey: 'ENG', projectName: 'Engineering Platform' };

describe('campaign drafts', () => {
  it('keeps reviewers that fit a new scope and otherwise takes the first that does', () => {
    const named = { ...newCampaignDraft(me), reviewers: 'named' as const };
    expect(withScope(named, 'group-members').reviewers).toBe('named');
    expect(withScope(newCampaignDraft(me), 'group-members').reviewers).toBe('group-owners');
    expect(withScope(newCampaignDraft(me), 'project-roles').reviewers).toBe('project-lead');
    expect(withScope(withScope(newCampaignDraft(me), 'project-roles'), 'app-granted').reviewers).toBe(
      'rule-owner',
    );
  });

  it('lists a group or project once, and sends group owners only when they review', () => {
    let draft = withScope(newCampaignDraft(me), 'group-members');
    draft = withGroupOwners(withGroup(withGroup(draft, sales), sales), 'g-sales', ['712020:olivia']);
    expect(draft.groups).toEqual([{ ...sales, owners: ['712020:olivia'] }]);
    expect(definitionOf(draft).scope).toEqual({
      kind: 'group-members',
      groups: [{ ...sales, owners: ['712020:olivia'] }],
    });
    expect(definitionOf({ ...draft, reviewers: 'named' }).scope).toEqual({
      kind: 'group-members',
      groups: [{ ...sales, owners: [] }],
    });
    expect(withoutGroup(draft, 'g-sales').groups).toEqual([]);
    const projects = withProject(withProject(withScope(newCampaignDraft(me), 'project-roles'), eng), eng);
    expect(definitionOf(projects).scope).toEqual({
      kind: 'project-roles',
      projects: [{ projectId: '10000', projectKey: 'ENG' }],
    });
  });

  it('names the fields a scope or policy still needs, as the backend does', () => {
    const groups = withScope(newCampaignDraft(me), 'group-members');
    const projects = { ...withScope(newCampaignDraft(me), 'project-roles'), reviewers: 'named' as const };
    expect(draftProblems(groups, text)).toEqual([
      { field: 'scope.groups', message: 'Choose at least one group' },
    ]);
    expect(draftProblems(projects, text)).toEqual([
      { field: 'scope.projects', message: 'Choose at least one project' },
      { field: 'reviewers.accountIds', message: 'Name at least one reviewer' },
    ]);
    // The backend refuses the same drafts on the same fields.
    for (const draft of [groups, projects]) {
      const result = campaignDefinitionSchema.safeParse({ ...definitionOf(draft), name: 'Review' });
      expect(result.success).toBe(false);
      const paths = result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(draftProblems(draft, text).map((p) => p.field)));
    }
  });

  it("says the form's problems in the viewer's language, on the same fields", () => {
    const projects = { ...withScope(newCampaignDraft(me), 'project-roles'), reviewers: 'named' as const };
    expect(draftProblems(projects, createText(lookupIn(german), 'de-DE', 'UTC'))).toEqual([
      { field: 'scope.projects', message: 'Wählen Sie mindestens ein Projekt aus' },
      { field: 'reviewers.accountIds', message: 'Geben Sie mindestens einen Prüfer an' },
    ]);
  });

  it('turns a complete draft into a definition the backend accepts', () => {
    const draft = withGroupOwners(
      withGroup(withScope(newCampaignDraft(me), 'group-members'), sales),
      'g-sales',
      ['712020:olivia'],
    );
    const definition = definitionOf({ ...draft, name: 'Sales members' });
    expect(campaignProblems(definition)).toEqual([]);
    expect(campaignDefinitionSchema.safeParse(definition).success).toBe(true);
  });
});
