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
import type { TextKey } from '../../shared/i18n/text';
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
import { useText } from '../i18n/text-provider';

const UNMATCH_OPTIONS: { label: TextKey; value: OnUnmatch }[] = [
  { label: 'rules.editor.unmatchKeep', value: 'keep' },
  { label: 'rules.editor.unmatchRevoke', value: 'revoke' },
];

export interface RuleEditorProps {
  /** The saved rule being edited, or null for a new one (then `initial` is its draft). */
  saved: RuleView | null;
  initial: RuleDraft;
  onSaved: (result: RulesSaveView) => void;
  onCancel: () => void;
}

export function RuleEditor({ saved, initial, onSaved, onCancel }: RuleEditorProps) {
  const text = useText();
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
      <Heading size="medium">
        {saved ? text.t('rules.editor.editTitle', { name: saved.name }) : text.t('rules.editor.newTitle')}
      </Heading>
      {saved?.conditionProblem ? (
        <SectionMessage appearance="warning" title={text.t('rules.editor.conditionBroken')}>
          <Text>{saved.conditionProblem}</Text>
        </SectionMessage>
      ) : null}
      <FieldBox width="wide">
        <Label labelFor="rule-name">{text.t('rules.editor.name')}</Label>
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
        <Label labelFor="rule-description">{text.t('rules.editor.description')}</Label>
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
          placeholder={text.t('common.searchUser')}
          label={text.t('rules.editor.owner')}
          name="rule-owner"
          {...(draft.owner ? { defaultValue: draft.owner } : {})}
          onChange={(u: UserPickerValue | undefined) => update({ owner: u?.id ?? '' })}
        />
        <FieldErrors errors={fieldErrors('owner')} />
      </FieldBox>
      <Inline space="space.300" alignBlock="center" shouldWrap>
        <FieldBox width="narrow">
          <Label labelFor="rule-priority">{text.t('rules.editor.priority')}</Label>
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
          label={text.t('rules.editor.enabled')}
          isChecked={draft.enabled}
          onChange={() => update({ enabled: !draft.enabled })}
        />
        <Text>{text.t(draft.enabled ? 'rules.editor.enabledState' : 'rules.editor.disabledState')}</Text>
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
        <Label labelFor="rule-unmatch">{text.t('rules.editor.whenUnmatched')}</Label>
        <RadioGroup
          name="rule-unmatch"
          options={UNMATCH_OPTIONS.map((o) => ({ label: text.t(o.label), value: o.value }))}
          value={draft.onUnmatch}
          onChange={(e: InputChange) =>
            update({ onUnmatch: e.target.value === 'revoke' ? 'revoke' : 'keep' })
          }
        />
        <FieldErrors errors={fieldErrors('onUnmatch')} />
      </Stack>
      {save.error ? (
        <ReplyErrorMessage
          error={save.error}
          action={text.t('rules.editor.savingAction')}
          shownFields={shown}
        />
      ) : null}
      <Inline space="space.100">
        <Button appearance="primary" testId="rule-save" isDisabled={save.busy} onClick={() => void submit()}>
          {text.t(save.busy ? 'rules.editor.saving' : 'rules.editor.save')}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          {text.t('rules.editor.cancel')}
        </Button>
      </Inline>
      <RuleTester rule={() => ruleFromDraft(draft)} />
    </Stack>
  );
}
