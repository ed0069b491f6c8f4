// A new access review campaign: what is reviewed, by whom, how often, for how long, the reminders and what
// happens to undecided items. The backend checks every field and the rules spanning them.
import { useState } from 'react';
import { Button, Heading, Label, Select, Stack, Text, UserPicker, type UserPickerValue } from '@forge/react';
import { REVIEWERS_FOR_SCOPE, type ReviewerKind, type ScopeKind } from '../../domain/reviews';
import type { CampaignView, ReplyFieldError } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { FieldBox } from '../common/field-box';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { TextInput } from '../common/text-input';
import { ToggleRow } from '../common/toggle-row';
import {
  definitionOf,
  draftProblems,
  newCampaignDraft,
  withGroup,
  withGroupOwners,
  withoutGroup,
  withoutProject,
  withProject,
  withScope,
  type CampaignDraft,
  type ScheduleChoice,
} from './campaign-draft';
import { ScopeGroupsPicker } from './scope-groups-picker';
import { ScopeProjectsPicker } from './scope-projects-picker';

interface Option<T extends string> {
  label: string;
  value: T;
}
const SCOPES: Array<Option<ScopeKind>> = [
  { label: 'Access this app granted (every rule)', value: 'app-granted' },
  { label: 'All members of chosen groups', value: 'group-members' },
  { label: 'Project roles of chosen projects', value: 'project-roles' },
  { label: 'Product access of inactive users', value: 'inactive-users' },
];
const REVIEWER_OPTIONS: Readonly<Record<ReviewerKind, string>> = {
  'rule-owner': "Each rule's owner",
  'group-owners': "Each group's owners",
  'project-lead': "Each project's lead",
  named: 'Named people',
};
const SCHEDULES: Array<Option<ScheduleChoice>> = [
  { label: 'Once', value: 'once' },
  { label: 'Every 30 days', value: '30' },
  { label: 'Every 90 days', value: '90' },
  { label: 'Every 180 days', value: '180' },
];
const UNDECIDED: Array<Option<'keep' | 'remove'>> = [
  { label: 'Keep the access', value: 'keep' },
  { label: 'Remove the access', value: 'remove' },
];

function accountIdsOf(value: UserPickerValue | UserPickerValue[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).map((u) => u.id);
}

function Choice<T extends string>(props: {
  id: string;
  label: string;
  options: Array<Option<T>>;
  value: T;
  onChange: (v: T) => void;
  errors?: readonly ReplyFieldError[];
}) {
  return (
    <FieldBox>
      <Label labelFor={props.id}>{props.label}</Label>
      <Select
        inputId={props.id}
        testId={props.id}
        options={props.options}
        value={props.options.find((o) => o.value === props.value)}
        onChange={(o: Option<T>) => props.onChange(o.value)}
      />
      <FieldErrors errors={props.errors ?? []} />
    </FieldBox>
  );
}

export function CampaignForm({
  me,
  onCreated,
  onCancel,
}: {
  me: string;
  onCreated: (c: CampaignView) => void;
  onCancel: () => void;
}) {
  const create = useAction('reviews.create');
  const [draft, setDraft] = useState<CampaignDraft>(() => newCampaignDraft(me));
  // What the form saw before sending, else what the backend answered: both name the definition's fields.
  const [formErrors, setFormErrors] = useState<ReplyFieldError[]>([]);
  const set = (change: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...change }));
  const update = (change: (d: CampaignDraft) => CampaignDraft) => setDraft(change);
  const errors = [
    ...formErrors,
    ...(create.error?.fields ?? []).map((f) => ({ ...f, field: f.field.replace(/^definition\./, '') })),
  ];
  const errorsOf = (field: string) =>
    errors.filter(
      (e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`),
    );
  const reviewerOptions: Array<Option<ReviewerKind>> = REVIEWERS_FOR_SCOPE[draft.scope].map((kind) => ({
    label: REVIEWER_OPTIONS[kind],
    value: kind,
  }));

  const submit = async () => {
    const problems = draftProblems(draft);
    setFormErrors(problems);
    if (problems.length > 0) {
      // An earlier answer from the backend no longer describes this draft.
      create.clearError();
      return;
    }
    const reply = await create.run({ definition: definitionOf(draft) });
    if (reply.ok) onCreated(reply.value);
  };

  return (
    <Stack space="space.150" testId="campaign-form">
      <Heading size="medium">New access review</Heading>
      <TextInput
        id="campaign-name"
        label="Name"
        value={draft.name}
        onChange={(name) => set({ name })}
        errors={errorsOf('name')}
      />
      <Choice
        id="campaign-scope"
        label="What is reviewed"
        options={SCOPES}
        value={draft.scope}
        onChange={(scope) => update((d) => withScope(d, scope))}
      />
      {draft.scope === 'inactive-users' ? (
        <TextInput
          id="campaign-inactive-days"
          type="number"
          label="Not active for (days)"
          value={draft.inactiveDays}
          onChange={(inactiveDays) => set({ inactiveDays })}
          errors={errorsOf('scope.inactiveDays')}
        />
      ) : null}
      {draft.scope === 'group-members' ? (
        <ScopeGroupsPicker
          groups={draft.groups}
          withOwners={draft.reviewers === 'group-owners'}
          onAdd={(group) => update((d) => withGroup(d, group))}
          onRemove={(groupId) => update((d) => withoutGroup(d, groupId))}
          onOwners={(groupId, owners) => update((d) => withGroupOwners(d, groupId, owners))}
          errorsOf={errorsOf}
        />
      ) : null}
      {draft.scope === 'project-roles' ? (
        <ScopeProjectsPicker
          projects={draft.projects}
          onAdd={(project) => update((d) => withProject(d, project))}
          onRemove={(projectId) => update((d) => withoutProject(d, projectId))}
          errorsOf={errorsOf}
        />
      ) : null}
      <Choice
        id="campaign-reviewers"
        label="Reviewed by"
        options={reviewerOptions}
        value={draft.reviewers}
        onChange={(reviewers) => set({ reviewers })}
        errors={errorsOf('reviewers.kind')}
      />
      {draft.reviewers === 'named' ? (
        <Stack space="space.050" testId="campaign-named-reviewers">
          <UserPicker
            label="Reviewers (each user's items go to one of them)"
            name="campaign-named-reviewers"
            isMulti
            defaultValue={draft.namedReviewers}
            onChange={(u: UserPickerValue | UserPickerValue[] | undefined) =>
              set({ namedReviewers: accountIdsOf(u) })
            }
          />
          <FieldErrors errors={errorsOf('reviewers.accountIds')} />
        </Stack>
      ) : null}
      <FieldBox>
        <UserPicker
          label="Fallback reviewer (items nobody else can review)"
          name="campaign-fallback"
          defaultValue={me}
          onChange={(u: UserPickerValue | undefined) => set({ fallbackReviewer: u?.id ?? '' })}
        />
        <FieldErrors errors={errorsOf('fallbackReviewer')} />
      </FieldBox>
      <Choice
        id="campaign-schedule"
        label="How often"
        options={SCHEDULES}
        value={draft.schedule}
        onChange={(schedule) => set({ schedule })}
      />
      <TextInput
        id="campaign-duration"
        type="number"
        label="Open for (days)"
        value={draft.durationDays}
        onChange={(durationDays) => set({ durationDays })}
        errors={errorsOf('durationDays')}
      />
      <TextInput
        id="campaign-remind"
        type="number"
        label="Remind every (days, 0 for never)"
        value={draft.remindEveryDays}
        onChange={(remindEveryDays) => set({ remindEveryDays })}
        errors={errorsOf('remindEveryDays')}
      />
      <Choice
        id="campaign-undecided"
        label="Items nobody decided by the end"
        options={UNDECIDED}
        value={draft.undecided}
        onChange={(undecided) => set({ undecided })}
      />
      <TextInput
        id="campaign-issue"
        label="Notify reviewers about issue (key)"
        help="Jira sends notifications about an issue: name one every reviewer can see, or leave empty for no notices."
        value={draft.notifyIssueKey}
        onChange={(notifyIssueKey) => set({ notifyIssueKey })}
        errors={errorsOf('notifyIssueKey')}
      />
      <ToggleRow
        id="campaign-hand-grants"
        label="Also remove access granted outside this app when a reviewer says so"
        isChecked={draft.removeHandGrants}
        onChange={() => set({ removeHandGrants: !draft.removeHandGrants })}
      />
      {create.error ? <ReplyErrorMessage error={create.error} action="Creating the access review" /> : null}
      <Text>The campaign starts now: memberships are collected, then reviewers are notified.</Text>
      <Stack space="space.100">
        <Button
          appearance="primary"
          testId="campaign-create"
          isDisabled={create.busy}
          onClick={() => void submit()}
        >
          Start the access review
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </Stack>
    </Stack>
  );
}
