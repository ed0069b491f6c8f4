// A new access review campaign: what is reviewed, by whom, how often, for how long, the reminders and what
// happens to undecided items. The backend checks every field and the rules spanning them.
import { useState } from 'react';
import { Button, Heading, Label, Select, Stack, Text, UserPicker, type UserPickerValue } from '@forge/react';
import type { CampaignDefinition } from '../../domain/reviews';
import type { CampaignView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { FieldBox } from '../common/field-box';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { TextInput } from '../common/text-input';
import { ToggleRow } from '../common/toggle-row';

interface Option<T extends string> {
  label: string;
  value: T;
}
type ScopeChoice = 'app-granted' | 'inactive-users';
const SCOPES: Array<Option<ScopeChoice>> = [
  { label: 'Access this app granted (every rule)', value: 'app-granted' },
  { label: 'Product access of inactive users', value: 'inactive-users' },
];
type ReviewerChoice = 'rule-owner' | 'named';
const REVIEWERS: Array<Option<ReviewerChoice>> = [
  { label: "Each rule's owner", value: 'rule-owner' },
  { label: 'A named person', value: 'named' },
];
type ScheduleChoice = 'once' | '30' | '90' | '180';
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

export interface CampaignDraft {
  name: string;
  scope: ScopeChoice;
  inactiveDays: string;
  reviewers: ReviewerChoice;
  namedReviewer: string;
  fallbackReviewer: string;
  schedule: ScheduleChoice;
  durationDays: string;
  remindEveryDays: string;
  undecided: 'keep' | 'remove';
  notifyIssueKey: string;
  removeHandGrants: boolean;
}

export function definitionOf(draft: CampaignDraft): CampaignDefinition {
  return {
    name: draft.name,
    scope:
      draft.scope === 'app-granted'
        ? { kind: 'app-granted', ruleIds: [] }
        : { kind: 'inactive-users', inactiveDays: Number(draft.inactiveDays) },
    reviewers:
      draft.reviewers === 'named'
        ? { kind: 'named', accountIds: [draft.namedReviewer] }
        : { kind: 'rule-owner' },
    fallbackReviewer: draft.fallbackReviewer,
    schedule:
      draft.schedule === 'once'
        ? { kind: 'once' }
        : { kind: 'every', days: Number(draft.schedule) as 30 | 90 | 180 },
    durationDays: Number(draft.durationDays),
    remindEveryDays: Number(draft.remindEveryDays),
    undecided: draft.undecided,
    notifyIssueKey: draft.notifyIssueKey.trim() || null,
    removeHandGrants: draft.removeHandGrants,
  };
}

function Choice<T extends string>(props: {
  id: string;
  label: string;
  options: Array<Option<T>>;
  value: T;
  onChange: (v: T) => void;
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
  const [draft, setDraft] = useState<CampaignDraft>({
    name: '',
    scope: 'app-granted',
    inactiveDays: '90',
    reviewers: 'rule-owner',
    namedReviewer: '',
    fallbackReviewer: me,
    schedule: 'once',
    durationDays: '14',
    remindEveryDays: '5',
    undecided: 'keep',
    notifyIssueKey: '',
    removeHandGrants: false,
  });
  const set = (change: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...change }));
  const errors = (create.error?.fields ?? []).map((f) => ({
    ...f,
    field: f.field.replace(/^definition\./, ''),
  }));
  const errorsOf = (field: string) =>
    errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));

  const submit = async () => {
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
        onChange={(scope) => set({ scope })}
      />
      {draft.scope === 'inactive-users' ? (
        <TextInput
          id="campaign-inactive-days"
          type="number"
          label="Not active for (days)"
          value={draft.inactiveDays}
          onChange={(inactiveDays) => set({ inactiveDays })}
          errors={errorsOf('scope')}
        />
      ) : null}
      <Choice
        id="campaign-reviewers"
        label="Reviewed by"
        options={REVIEWERS}
        value={draft.reviewers}
        onChange={(reviewers) => set({ reviewers })}
      />
      {draft.reviewers === 'named' ? (
        <FieldBox>
          <UserPicker
            label="Reviewer"
            name="campaign-named-reviewer"
            onChange={(u: UserPickerValue | undefined) => set({ namedReviewer: u?.id ?? '' })}
          />
        </FieldBox>
      ) : null}
      <FieldBox>
        <UserPicker
          label="Fallback reviewer (items nobody else can review)"
          name="campaign-fallback"
          defaultValue={me}
          onChange={(u: UserPickerValue | undefined) => set({ fallbackReviewer: u?.id ?? '' })}
        />
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
