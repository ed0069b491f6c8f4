// How the app changes group memberships: the org Admin API, a site admin it acts as, or its own account.
import {
  HelperMessage,
  Heading,
  Inline,
  RadioGroup,
  Stack,
  Text,
  User,
  UserPicker,
  type UserPickerValue,
} from '@forge/react';
import type { AppSettings, ReplyFieldError } from '../../shared/contract';
import { FieldErrors } from '../common/field-errors';
import { inputValue, type InputChange } from '../common/input-value';
import { ConnectionTest } from './connection-test';
import { FieldBox } from '../common/field-box';
import { useReadOnly } from '../common/read-only';

type Mode = AppSettings['groupWritePath']['mode'];

const MODES: { label: string; value: Mode }[] = [
  { label: 'Organization Admin API (recommended; needs the organization API key)', value: 'org-admin-api' },
  { label: 'Act as a site admin', value: 'impersonate-admin' },
  { label: "The app's own account (only if it has been made a site admin)", value: 'app-account' },
];

export interface WritePathSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

export function WritePathSection({ settings, onChange, errorsFor }: WritePathSectionProps) {
  const path = settings.groupWritePath;
  const readOnly = useReadOnly();
  const setMode = (mode: Mode) => {
    if (mode === path.mode) return;
    onChange({
      ...settings,
      groupWritePath: mode === 'impersonate-admin' ? { mode, adminAccountId: '' } : { mode },
    });
  };
  return (
    <Stack space="space.150">
      <Heading size="medium">Group write path</Heading>
      <Text>Adding people to groups needs site-admin power; choose how the app gets it.</Text>
      <RadioGroup
        name="group-write-path"
        options={MODES}
        value={path.mode}
        isDisabled={readOnly}
        onChange={(e: InputChange) => setMode(inputValue(e) as Mode)}
      />
      <FieldErrors errors={errorsFor('groupWritePath.mode')} />
      {path.mode === 'impersonate-admin' && readOnly ? (
        <Inline space="space.050" alignBlock="center">
          <Text>Acting as</Text>
          <User accountId={path.adminAccountId} />
        </Inline>
      ) : null}
      {path.mode === 'impersonate-admin' && !readOnly ? (
        <FieldBox width="wide">
          <UserPicker
            label="Site admin to act as"
            name="write-path-admin"
            {...(path.adminAccountId ? { defaultValue: path.adminAccountId } : {})}
            onChange={(value: UserPickerValue | undefined) =>
              onChange({
                ...settings,
                groupWritePath: { mode: 'impersonate-admin', adminAccountId: value?.id ?? '' },
              })
            }
          />
          <HelperMessage>
            They must stay a site admin; if they lose it, group changes fail until you pick another.
          </HelperMessage>
          <FieldErrors errors={errorsFor('groupWritePath.adminAccountId')} />
        </FieldBox>
      ) : null}
      <ConnectionTest target="write-path" label="Test the write path" settings={settings} />
    </Stack>
  );
}
