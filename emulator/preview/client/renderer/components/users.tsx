// People: User and UserGroup (@atlaskit/avatar), and UserPicker. Atlassian renders UserPicker with
// @atlaskit/user-picker, which this registry cannot install (a pinned dependency is missing), so the preview
// builds the same field from @atlaskit/select's AsyncSelect and avatars, searching the emulated site's users.
import { useEffect, useState, type ReactNode } from 'react';
import Avatar from '@atlaskit/avatar';
import { HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import { AsyncSelect } from '@atlaskit/select';
import { bool, fn, str, type ForgeDoc } from '../forge-doc';
import { callApp } from '../events';
import { renderChildren, usePreviewServices, type PreviewUser } from '../render-forge-doc';

/** The value UI Kit's UserPicker hands to onChange (UserPickerValue in @atlaskit/forge-react-types). */
export interface UserPickerValue {
  avatarUrl: string;
  email: string;
  id: string;
  name: string;
  type: string;
}

interface UserOption {
  label: string;
  value: string;
  user: PreviewUser;
}

function toOption(user: PreviewUser): UserOption {
  return { label: user.displayName, value: user.accountId, user };
}

function toValue(user: PreviewUser): UserPickerValue {
  return {
    avatarUrl: user.avatarUrl ?? '',
    email: user.email ?? '',
    id: user.accountId,
    name: user.displayName,
    type: 'user',
  };
}

function useUser(accountId: string | undefined): PreviewUser | undefined {
  const services = usePreviewServices();
  const [user, setUser] = useState<PreviewUser | undefined>();
  useEffect(() => {
    let live = true;
    if (accountId) void services.lookupUser(accountId).then((u) => live && setUser(u));
    return () => {
      live = false;
    };
  }, [accountId, services]);
  return user;
}

export function UserAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const accountId = str(node.props, 'accountId');
  const user = useUser(accountId);
  const name = user?.displayName ?? accountId ?? 'Unknown user';
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, verticalAlign: 'middle' }}>
      <Avatar size="small" name={name} {...(user?.avatarUrl ? { src: user.avatarUrl } : {})} />
      {bool(node.props, 'hideDisplayName') === true ? null : <span>{name}</span>}
    </span>
  );
}

export function UserGroupAdapter({ node }: { node: ForgeDoc }): ReactNode {
  return <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8 }}>{renderChildren(node)}</span>;
}

function formatOption(option: UserOption): ReactNode {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <Avatar
        size="xsmall"
        name={option.label}
        {...(option.user.avatarUrl ? { src: option.user.avatarUrl } : {})}
      />
      <span>{option.label}</span>
      {option.user.email ? (
        <span style={{ color: 'var(--ds-text-subtlest, #626f86)' }}>{option.user.email}</span>
      ) : null}
    </span>
  );
}

export function UserPickerAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const services = usePreviewServices();
  const p = node.props;
  const isMulti = bool(p, 'isMulti') === true;
  const onChange = fn(p, 'onChange');
  const inputId = `userpicker-${node.key}`;
  const defaults = (Array.isArray(p.defaultValue) ? p.defaultValue : [p.defaultValue]).filter(
    (v): v is string => typeof v === 'string',
  );
  const [selected, setSelected] = useState<UserOption[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(defaults.map((id) => services.lookupUser(id))).then((users) => {
      if (live) setSelected(users.filter((u): u is PreviewUser => u !== undefined).map(toOption));
    });
    return () => {
      live = false;
    };
    // Only the initial defaults matter, as in Atlaskit's uncontrolled pickers.
  }, [services]);
  return (
    <div>
      <Label htmlFor={inputId}>
        {str(p, 'label') ?? ''}
        {bool(p, 'isRequired') === true ? <RequiredAsterisk /> : null}
      </Label>
      <AsyncSelect<UserOption, boolean>
        inputId={inputId}
        isMulti={isMulti}
        isClearable
        cacheOptions
        defaultOptions
        placeholder={str(p, 'placeholder') ?? 'Search for a user'}
        {...(str(p, 'name') ? { name: str(p, 'name') } : {})}
        value={isMulti ? selected : (selected[0] ?? null)}
        loadOptions={(query: string) => services.searchUsers(query).then((users) => users.map(toOption))}
        formatOptionLabel={formatOption}
        onChange={(value: unknown) => {
          const options =
            value === null ? [] : Array.isArray(value) ? (value as UserOption[]) : [value as UserOption];
          setSelected(options);
          const values = options.map((o) => toValue(o.user));
          callApp(onChange, isMulti ? values : values[0]);
        }}
      />
      {str(p, 'description') ? <HelperMessage>{str(p, 'description')}</HelperMessage> : null}
    </div>
  );
}
