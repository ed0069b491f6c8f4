// Creates or edits one rule: name, condition (typed or built), grants, what happens on unmatch; tests it on
// a user before saving. Field errors from the backend are shown beside their fields.
import { useState } from 'react';
import {
  Button,
  Heading,
  Label,
  RadioGroup,
  SectionMessage,
  Stack,
  Text,
  TextArea,
  Textfield,
  Toggle,
  Inline,
  UserPicker,
  type UserPickerValue,
} from '@forge/react';
import type { OnUnmatch } from '../../domain/rules';
import type { RuleView, RulesSaveView } from '../../shared/contract';
import { errorsFor } from '../api/field-errors';
import { useAction } from '../api/use-action';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { ConditionBuilder } from './condition-builder';
import { ExpressionEditor } from './expression-editor';
import { GrantsPicker } from './grants-picker';
import { RuleTester } from './rule-tester';
import { addGrant, draftFromRule, removeGrant, ruleFromDraft, type RuleDraft } from './rule-draft';
import { inputValue, type InputChange } from '../common/input-value';
import { FieldBox } from '../common/field-box';

const UNMATCH_OPTIONS: { label: string; value: OnUnmatch }[] = [
  { label: 'Keep what this rule granted', value: 'keep' },
  { label: 'Revoke what this rule granted', value: 'revoke' },
];

export interface RuleEditorProps {
  /** The saved rule being edited, or null for a new one (then `initial` is its draft). */
  saved: RuleView | null;
  initial: RuleDraft;
  onSaved: (result: RulesSaveView) => void;
  onCancel: () => void;
}

export function RuleEditor({ saved, initial, onSaved, onCancel }: RuleEditorProps) {
  const [draft, setDraft] = useState<RuleDraft>(() => (saved ? draftFromRule(saved) : initial));
  const save = useAction('rules.save');
  const update = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const fieldErrors = (field: string) => errorsFor(save.error, `rule.${field}`);
  const shown = ['name', 'description', 'priority', 'condition', 'grants', 'onUnmatch', 'owner'].flatMap(
    fieldErrors,
  );

  const submit = async () => {
    const reply = await save.run({
      rule: ruleFromDraft(draft),
      expectedUpdatedAt: saved ? saved.updatedAt : null,
    });
    if (reply.ok) onSaved(reply.value);
  };

  return (
    <Stack space="space.200" testId="rule-editor">
      <Heading size="medium">{saved ? `Edit rule: ${saved.name}` : 'New rule'}</Heading>
      {saved?.conditionProblem ? (
        <SectionMessage appearance="warning" title="The saved condition no longer parses">
          <Text>{saved.conditionProblem}</Text>
        </SectionMessage>
      ) : null}
      <FieldBox width="wide">
        <Label labelFor="rule-name">Name</Label>
        <Textfield
          id="rule-name"
          testId="rule-name"
          value={draft.name}
          isInvalid={fieldErrors('name').length > 0}
          onChange={(e: InputChange) => update({ name: inputValue(e) })}
        />
        <FieldErrors errors={fieldErrors('name')} />
      </FieldBox>
      <FieldBox width="wide">
        <Label labelFor="rule-description">Description</Label>
        <TextArea
          id="rule-description"
          testId="rule-description"
          value={draft.description}
          onChange={(e: InputChange) => update({ description: inputValue(e) })}
        />
        <FieldErrors errors={fieldErrors('description')} />
      </FieldBox>
      <FieldBox width="wide">
        <UserPicker
          label="Owner (reviews this rule's grants in access reviews)"
          name="rule-owner"
          {...(draft.owner ? { defaultValue: draft.owner } : {})}
          onChange={(u: UserPickerValue | undefined) => update({ owner: u?.id ?? '' })}
        />
        <FieldErrors errors={fieldErrors('owner')} />
      </FieldBox>
      <Inline space="space.300" alignBlock="center" shouldWrap>
        <FieldBox width="narrow">
          <Label labelFor="rule-priority">Priority (lower number wins)</Label>
          <Textfield
            id="rule-priority"
            testId="rule-priority"
            type="number"
            value={draft.priority}
            isInvalid={fieldErrors('priority').length > 0}
            onChange={(e: InputChange) => update({ priority: inputValue(e) })}
          />
          <FieldErrors errors={fieldErrors('priority')} />
        </FieldBox>
        <Toggle
          id="rule-enabled"
          label="Enabled"
          isChecked={draft.enabled}
          onChange={() => update({ enabled: !draft.enabled })}
        />
        <Text>{draft.enabled ? 'Enabled' : 'Disabled (grants nothing; keeps what it granted)'}</Text>
      </Inline>
      <ExpressionEditor
        text={draft.text}
        dialect={draft.dialect}
        onText={(text) => update({ text })}
        onDialect={(dialect) => update({ dialect })}
        serverErrors={fieldErrors('condition')}
      />
      <ConditionBuilder text={draft.text} dialect={draft.dialect} onText={(text) => update({ text })} />
      <GrantsPicker
        grants={draft.grants}
        onAdd={(grant) => setDraft((d) => ({ ...d, grants: addGrant(d.grants, grant) }))}
        onRemove={(key) => setDraft((d) => ({ ...d, grants: removeGrant(d.grants, key) }))}
        serverErrors={fieldErrors('grants')}
      />
      <Stack space="space.050">
        <Label labelFor="rule-unmatch">When a user stops matching</Label>
        <RadioGroup
          name="rule-unmatch"
          options={UNMATCH_OPTIONS}
          value={draft.onUnmatch}
          onChange={(e: InputChange) =>
            update({ onUnmatch: e.target.value === 'revoke' ? 'revoke' : 'keep' })
          }
        />
        <FieldErrors errors={fieldErrors('onUnmatch')} />
      </Stack>
      {save.error ? (
        <ReplyErrorMessage error={save.error} action="Saving the rule" shownFields={shown} />
      ) : null}
      <Inline space="space.100">
        <Button appearance="primary" testId="rule-save" isDisabled={save.busy} onClick={() => void submit()}>
          {save.busy ? 'Saving…' : 'Save rule'}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </Inline>
      <RuleTester rule={() => ruleFromDraft(draft)} />
    </Stack>
  );
}
