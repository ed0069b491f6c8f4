// A new access review campaign: what is reviewed, by whom, how often, for how long, the reminders and what
// happens to undecided items. The backend checks every field and the rules spanning them.
import { useState } from 'react';
import { Button, Heading, Label, Select, Stack, Text, UserPicker, type UserPickerValue } from '@forge/react';
import { REVIEWERS_FOR_SCOPE, type ReviewerKind, type ScopeKind } from '../../domain/reviews';
import type { CampaignView, ReplyFieldError } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';
import { useAction } from '../api/use-action';
import { FieldBox } from '../common/field-box';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { TextInput } from '../common/text-input';
import { ToggleRow } from '../common/toggle-row';
import { useText } from '../i18n/text-provider';
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
/** A choice as the form keeps it: the key of its words, resolved when the form renders. */
interface Choosable<T extends string> {
  label: TextKey;
  value: T;
}
const SCOPES: Array<Choosable<ScopeKind>> = [
  { label: 'reviews.form.scopes.appGranted', value: 'app-granted' },
  { label: 'reviews.form.scopes.groupMembers', value: 'group-members' },
  { label: 'reviews.form.scopes.projectRoles', value: 'project-roles' },
  { label: 'reviews.form.scopes.inactiveUsers', value: 'inactive-users' },
];
const REVIEWER_OPTIONS: Readonly<Record<ReviewerKind, TextKey>> = {
  'rule-owner': 'reviews.form.reviewerKinds.ruleOwner',
  'group-owners': 'reviews.form.reviewerKinds.groupOwners',
  'project-lead': 'reviews.form.reviewerKinds.projectLead',
  named: 'reviews.form.reviewerKinds.named',
};
const SCHEDULES: Array<Choosable<ScheduleChoice>> = [
  { label: 'reviews.form.schedules.once', value: 'once' },
  { label: 'reviews.form.schedules.every30', value: '30' },
  { label: 'reviews.form.schedules.every90', value: '90' },
  { label: 'reviews.form.schedules.every180', value: '180' },
];
const UNDECIDED: Array<Choosable<'keep' | 'remove'>> = [
  { label: 'reviews.form.undecidedPolicies.keep', value: 'keep' },
  { label: 'reviews.form.undecidedPolicies.remove', value: 'remove' },
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
  const text = useText();
  const words = <T extends string>(choices: Array<Choosable<T>>): Array<Option<T>> =>
    choices.map((c) => ({ label: text.t(c.label), value: c.value }));
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
    label: text.t(REVIEWER_OPTIONS[kind]),
    value: kind,
  }));

  const submit = async () => {
    const problems = draftProblems(draft, text);
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
      <Heading size="medium">{text.t('reviews.form.heading')}</Heading>
      <TextInput
        id="campaign-name"
        label={text.t('reviews.form.name')}
        value={draft.name}
        onChange={(name) => set({ name })}
        errors={errorsOf('name')}
      />
      <Choice
        id="campaign-scope"
        label={text.t('reviews.form.scope')}
        options={words(SCOPES)}
        value={draft.scope}
        onChange={(scope) => update((d) => withScope(d, scope))}
      />
      {draft.scope === 'inactive-users' ? (
        <TextInput
          id="campaign-inactive-days"
          type="number"
          label={text.t('reviews.form.inactiveDays')}
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
        label={text.t('reviews.form.reviewers')}
        options={reviewerOptions}
        value={draft.reviewers}
        onChange={(reviewers) => set({ reviewers })}
        errors={errorsOf('reviewers.kind')}
      />
      {draft.reviewers === 'named' ? (
        <Stack space="space.050" testId="campaign-named-reviewers">
          <UserPicker
            placeholder={text.t('common.searchUser')}
            label={text.t('reviews.form.namedReviewers')}
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
          placeholder={text.t('common.searchUser')}
          label={text.t('reviews.form.fallbackReviewer')}
          name="campaign-fallback"
          defaultValue={me}
          onChange={(u: UserPickerValue | undefined) => set({ fallbackReviewer: u?.id ?? '' })}
        />
        <FieldErrors errors={errorsOf('fallbackReviewer')} />
      </FieldBox>
      <Choice
        id="campaign-schedule"
        label={text.t('reviews.form.schedule')}
        options={words(SCHEDULES)}
        value={draft.schedule}
        onChange={(schedule) => set({ schedule })}
      />
      <TextInput
        id="campaign-duration"
        type="number"
        label={text.t('reviews.form.durationDays')}
        value={draft.durationDays}
        onChange={(durationDays) => set({ durationDays })}
        errors={errorsOf('durationDays')}
      />
      <TextInput
        id="campaign-remind"
        type="number"
        label={text.t('reviews.form.remindEveryDays')}
        value={draft.remindEveryDays}
        onChange={(remindEveryDays) => set({ remindEveryDays })}
        errors={errorsOf('remindEveryDays')}
      />
      <Choice
        id="campaign-undecided"
        label={text.t('reviews.form.undecided')}
        options={words(UNDECIDED)}
        value={draft.undecided}
        onChange={(undecided) => set({ undecided })}
      />
      <TextInput
        id="campaign-issue"
        label={text.t('reviews.form.notifyIssue')}
        help={text.t('reviews.form.notifyIssueHelp')}
        value={draft.notifyIssueKey}
        onChange={(notifyIssueKey) => set({ notifyIssueKey })}
        errors={errorsOf('notifyIssueKey')}
      />
      <ToggleRow
        id="campaign-hand-grants"
        label={text.t('reviews.form.removeHandGrants')}
        isChecked={draft.removeHandGrants}
        onChange={() => set({ removeHandGrants: !draft.removeHandGrants })}
      />
      {create.error ? (
        <ReplyErrorMessage error={create.error} action={text.t('reviews.form.createAction')} />
      ) : null}
      <Text>{text.t('reviews.form.startsNow')}</Text>
      <Stack space="space.100">
        <Button
          appearance="primary"
          testId="campaign-create"
          isDisabled={create.busy}
          onClick={() => void submit()}
        >
          {text.t('reviews.form.start')}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          {text.t('reviews.form.cancel')}
        </Button>
      </Stack>
    </Stack>
  );
}
