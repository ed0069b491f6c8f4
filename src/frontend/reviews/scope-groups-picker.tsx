// The groups a "members of groups" campaign reviews, picked from the site's catalogue, each with its owners when
// the group's owners review. Privileged groups may be chosen: reviewing a membership grants nothing.
import { useState } from 'react';
import {
  Button,
  DynamicTable,
  Label,
  Select,
  Stack,
  Text,
  UserPicker,
  type UserPickerValue,
} from '@forge/react';
import type { GroupOption, ReplyFieldError } from '../../shared/contract';
import { useResolver } from '../api/use-resolver';
import { FieldBox } from '../common/field-box';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import type { DraftGroup } from './campaign-draft';

interface Option {
  label: string;
  value: GroupOption;
}

function accountIdsOf(value: UserPickerValue | UserPickerValue[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).map((u) => u.id);
}

export function ScopeGroupsPicker({
  groups,
  withOwners,
  onAdd,
  onRemove,
  onOwners,
  errorsOf,
}: {
  groups: readonly DraftGroup[];
  withOwners: boolean;
  onAdd: (group: { groupId: string; groupName: string }) => void;
  onRemove: (groupId: string) => void;
  onOwners: (groupId: string, owners: string[]) => void;
  errorsOf: (field: string) => ReplyFieldError[];
}) {
  const text = useText();
  const [query, setQuery] = useState('');
  const catalogue = useResolver('catalogue.groups', { query, limit: 50 });
  const options: Option[] = (catalogue.state.value?.groups ?? [])
    .filter((g) => !groups.some((chosen) => chosen.groupId === g.groupId))
    .map((g) => ({ label: g.name, value: g }));

  return (
    <Stack space="space.100" testId="campaign-groups">
      <FieldBox>
        <Label labelFor="campaign-group">{text.t('reviews.groups.label')}</Label>
        <Select
          inputId="campaign-group"
          testId="campaign-group"
          placeholder={text.t('reviews.groups.search')}
          isLoading={catalogue.state.status === 'loading'}
          options={options}
          value={null}
          onInputChange={(input: string) => setQuery(input)}
          onChange={(o: Option | null) => {
            if (o) onAdd({ groupId: o.value.groupId, groupName: o.value.name });
          }}
        />
        <FieldErrors errors={errorsOf('scope.groups').filter((e) => e.field === 'scope.groups')} />
      </FieldBox>
      {catalogue.state.status === 'error' ? (
        <ReplyErrorMessage error={catalogue.state.error} action={text.t('reviews.groups.listingAction')} />
      ) : null}
      {groups.length === 0 ? (
        <Text>{text.t('reviews.groups.noneChosen')}</Text>
      ) : (
        <DynamicTable
          testId="campaign-groups-table"
          head={{
            cells: [
              { key: 'group', content: text.t('reviews.groups.columns.group') },
              ...(withOwners ? [{ key: 'owners', content: text.t('reviews.groups.columns.owners') }] : []),
              { key: 'remove', content: '' },
            ],
          }}
          rows={groups.map((g, i) => ({
            key: g.groupId,
            cells: [
              {
                key: 'group',
                content: (
                  <Stack space="space.050">
                    <Text>{g.groupName}</Text>
                    <FieldErrors
                      errors={errorsOf(`scope.groups[${i}]`).filter((e) => !e.field.endsWith('.owners'))}
                    />
                  </Stack>
                ),
              },
              ...(withOwners
                ? [
                    {
                      key: 'owners',
                      content: (
                        <Stack space="space.050">
                          <UserPicker
                            placeholder={text.t('common.searchUser')}
                            label={text.t('reviews.groups.ownersOf', { group: g.groupName })}
                            name={`campaign-group-owners-${g.groupId}`}
                            isMulti
                            defaultValue={g.owners}
                            onChange={(u: UserPickerValue | UserPickerValue[] | undefined) =>
                              onOwners(g.groupId, accountIdsOf(u))
                            }
                          />
                          <FieldErrors errors={errorsOf(`scope.groups[${i}].owners`)} />
                        </Stack>
                      ),
                    },
                  ]
                : []),
              {
                key: 'remove',
                content: (
                  <Button appearance="subtle" onClick={() => onRemove(g.groupId)}>
                    {text.t('reviews.groups.remove')}
                  </Button>
                ),
              },
            ],
          }))}
        />
      )}
    </Stack>
  );
}
