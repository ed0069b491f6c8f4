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
import type { TextKey } from '../../shared/i18n/text';
import { FieldErrors } from '../common/field-errors';
import { inputValue, type InputChange } from '../common/input-value';
import { ConnectionTest } from './connection-test';
import { FieldBox } from '../common/field-box';
import { useReadOnly } from '../common/read-only';
import { useText } from '../i18n/text-provider';

type Mode = AppSettings['groupWritePath']['mode'];

const MODES: readonly { label: TextKey; value: Mode }[] = [
  { label: 'settings.writePath.orgAdminApi', value: 'org-admin-api' },
  { label: 'settings.writePath.impersonateAdmin', value: 'impersonate-admin' },
  { label: 'settings.writePath.appAccount', value: 'app-account' },
];

export interface WritePathSectionProps {
  settings: AppSettings;
  onChange: (settings: AppSettings) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

export function WritePathSection({ settings, onChange, errorsFor }: WritePathSectionProps) {
  const path = settings.groupWritePath;
  const readOnly = useReadOnly();
  const text = useText();
  const setMode = (mode: Mode) => {
    if (mode === path.mode) return;
    onChange({
      ...settings,
      groupWritePath: mode === 'impersonate-admin' ? { mode, adminAccountId: '' } : { mode },
    });
  };
  return (
    <Stack space="space.150">
      <Heading size="medium">{text.t('settings.writePath.heading')}</Heading>
      <Text>{text.t('settings.writePath.intro')}</Text>
      <RadioGroup
        name="group-write-path"
        options={MODES.map((m) => ({ label: text.t(m.label), value: m.value }))}
        value={path.mode}
        isDisabled={readOnly}
        onChange={(e: InputChange) => setMode(inputValue(e) as Mode)}
      />
      <FieldErrors errors={errorsFor('groupWritePath.mode')} />
      {path.mode === 'impersonate-admin' && readOnly ? (
        <Inline space="space.050" alignBlock="center">
          <Text>{text.t('settings.writePath.actingAs')}</Text>
          <User accountId={path.adminAccountId} />
        </Inline>
      ) : null}
      {path.mode === 'impersonate-admin' && !readOnly ? (
        <FieldBox width="wide">
          <UserPicker
            placeholder={text.t('common.searchUser')}
            label={text.t('settings.writePath.adminPicker')}
            name="write-path-admin"
            {...(path.adminAccountId ? { defaultValue: path.adminAccountId } : {})}
            onChange={(value: UserPickerValue | undefined) =>
              onChange({
                ...settings,
                groupWritePath: { mode: 'impersonate-admin', adminAccountId: value?.id ?? '' },
              })
            }
          />
          <HelperMessage>{text.t('settings.writePath.adminHelp')}</HelperMessage>
          <FieldErrors errors={errorsFor('groupWritePath.adminAccountId')} />
        </FieldBox>
      ) : null}
      <ConnectionTest
        target="write-path"
        label={text.t('settings.writePath.testButton')}
        settings={settings}
      />
    </Stack>
  );
}
