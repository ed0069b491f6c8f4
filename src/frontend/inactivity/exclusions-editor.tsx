// Who the clean-up never touches: chosen people, members of chosen groups, and anyone added recently.
import { useState } from 'react';
import {
  Button,
  DynamicTable,
  Heading,
  Inline,
  Label,
  SectionMessage,
  Select,
  Stack,
  Text,
  User,
  UserPicker,
  type UserPickerValue,
} from '@forge/react';
import type { GroupOption, InactivityPolicyView } from '../../shared/contract';
import { errorsFor } from '../api/field-errors';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { TextInput, wholeNumber } from '../common/text-input';
import { FieldBox } from '../common/field-box';
import { useText } from '../i18n/text-provider';

interface Option {
  label: string;
  value: GroupOption;
}

export function ExclusionsEditor({
  view,
  onSaved,
}: {
  view: InactivityPolicyView;
  onSaved: (view: InactivityPolicyView) => void;
}) {
  const text = useText();
  const initial = view.policy.exclusions;
  const [accountIds, setAccountIds] = useState<string[]>([...initial.accountIds]);
  const [groupIds, setGroupIds] = useState<string[]>([...initial.groupIds]);
  const [recentDays, setRecentDays] = useState(String(initial.recentlyAddedDays));
  const [picked, setPicked] = useState<UserPickerValue | null>(null);
  const [pickerGeneration, setPickerGeneration] = useState(0);
  const [groupQuery, setGroupQuery] = useState('');
  const [group, setGroup] = useState<GroupOption | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAction('inactivity.exclusions.save');
  const search = useResolver('catalogue.groups', { query: groupQuery, limit: 50 });
  const named = useResolver('catalogue.groups', { ids: initial.groupIds.slice(0, 50) });
  const groupNames = new Map<string, string>();
  for (const g of [...(named.state.value?.groups ?? []), ...(search.state.value?.groups ?? [])])
    groupNames.set(g.groupId, g.name);
  const options: Option[] = (search.state.value?.groups ?? []).map((g) => ({ label: g.name, value: g }));

  const changed = () => setSaved(false);
  const submit = async () => {
    const reply = await save.run({ accountIds, groupIds, recentlyAddedDays: wholeNumber(recentDays) });
    if (reply.ok) {
      setSaved(true);
      onSaved(reply.value);
    }
  };

  return (
    <Stack space="space.150" testId="inactivity-exclusions">
      <Heading size="medium">{text.t('inactivity.exclusions.heading')}</Heading>
      <Text>{text.t('inactivity.exclusions.intro')}</Text>
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <FieldBox>
          <UserPicker
            placeholder={text.t('common.searchUser')}
            key={`exclude-user-${pickerGeneration}`}
            label={text.t('inactivity.exclusions.person')}
            name="exclude-user"
            onChange={(u: UserPickerValue | undefined) => setPicked(u ?? null)}
          />
        </FieldBox>
        <Button
          testId="exclude-user-add"
          isDisabled={!picked}
          onClick={() => {
            if (picked && !accountIds.includes(picked.id)) setAccountIds([...accountIds, picked.id]);
            setPicked(null);
            setPickerGeneration((g) => g + 1);
            changed();
          }}
        >
          {text.t('inactivity.exclusions.addPerson')}
        </Button>
      </Inline>
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <FieldBox>
          <Label labelFor="exclude-group">{text.t('inactivity.exclusions.group')}</Label>
          <Select
            inputId="exclude-group"
            testId="exclude-group"
            placeholder={text.t('inactivity.exclusions.searchGroups')}
            options={options}
            isLoading={search.state.status === 'loading'}
            value={group ? (options.find((o) => o.value.groupId === group.groupId) ?? null) : null}
            onInputChange={(input: string) => setGroupQuery(input)}
            onChange={(o: Option | null) => setGroup(o ? o.value : null)}
          />
        </FieldBox>
        <Button
          testId="exclude-group-add"
          isDisabled={!group}
          onClick={() => {
            if (group && !groupIds.includes(group.groupId)) setGroupIds([...groupIds, group.groupId]);
            setGroup(null);
            changed();
          }}
        >
          {text.t('inactivity.exclusions.addGroup')}
        </Button>
      </Inline>
      {accountIds.length + groupIds.length > 0 ? (
        <DynamicTable
          caption={text.t('inactivity.exclusions.caption')}
          head={{
            cells: [
              { key: 'who', content: text.t('inactivity.exclusions.who') },
              { key: 'remove', content: '' },
            ],
          }}
          rows={[
            ...accountIds.map((id) => ({
              key: `user:${id}`,
              cells: [
                { key: 'who', content: <User accountId={id} /> },
                {
                  key: 'remove',
                  content: (
                    <Button
                      appearance="subtle"
                      onClick={() => {
                        setAccountIds(accountIds.filter((a) => a !== id));
                        changed();
                      }}
                    >
                      {text.t('inactivity.exclusions.remove')}
                    </Button>
                  ),
                },
              ],
            })),
            ...groupIds.map((id) => ({
              key: `group:${id}`,
              cells: [
                {
                  key: 'who',
                  content: text.t('inactivity.exclusions.groupRow', { name: groupNames.get(id) ?? id }),
                },
                {
                  key: 'remove',
                  content: (
                    <Button
                      appearance="subtle"
                      onClick={() => {
                        setGroupIds(groupIds.filter((g) => g !== id));
                        changed();
                      }}
                    >
                      {text.t('inactivity.exclusions.remove')}
                    </Button>
                  ),
                },
              ],
            })),
          ]}
        />
      ) : (
        <Text>{text.t('inactivity.exclusions.none')}</Text>
      )}
      <TextInput
        id="exclude-recent-days"
        label={text.t('inactivity.exclusions.recentDays')}
        type="number"
        value={recentDays}
        onChange={(v) => {
          setRecentDays(v);
          changed();
        }}
        errors={errorsFor(save.error, 'recentlyAddedDays')}
        help={text.t('inactivity.exclusions.recentDaysHelp')}
      />
      {save.error ? (
        <ReplyErrorMessage
          error={save.error}
          action={text.t('inactivity.exclusions.savingAction')}
          shownFields={errorsFor(save.error, 'recentlyAddedDays')}
        />
      ) : null}
      {saved ? (
        <SectionMessage appearance="success" title={text.t('inactivity.exclusions.savedTitle')}>
          <Text>{text.t('inactivity.exclusions.savedBody')}</Text>
        </SectionMessage>
      ) : null}
      <Inline>
        <Button
          appearance="primary"
          testId="exclusions-save"
          isDisabled={save.busy}
          onClick={() => void submit()}
        >
          {save.busy ? text.t('inactivity.exclusions.saving') : text.t('inactivity.exclusions.save')}
        </Button>
      </Inline>
    </Stack>
  );
}
