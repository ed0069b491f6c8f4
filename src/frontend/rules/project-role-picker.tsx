// The roles of one chosen Jira project, to add one as a grant.
import { useState } from 'react';
import { Button, Label, Select, Text } from '@forge/react';
import type { Grant } from '../../domain/rules';
import type { ProjectOption, RoleOption } from '../../shared/contract';
import { useResolver } from '../api/use-resolver';
import { FieldBox } from '../common/field-box';
import { useText } from '../i18n/text-provider';

interface Option {
  label: string;
  value: RoleOption;
}

export function ProjectRolePicker({
  project,
  onAdd,
}: {
  project: ProjectOption;
  onAdd: (grant: Grant) => void;
}) {
  const text = useText();
  const roles = useResolver('catalogue.projectRoles', { projectId: project.id });
  const [role, setRole] = useState<RoleOption | null>(null);
  if (roles.state.status === 'error')
    return <Text>{text.t('rules.grants.rolesFailed', { error: roles.state.error.message })}</Text>;
  const options: Option[] = (roles.state.value?.roles ?? []).map((r) => ({ label: r.name, value: r }));
  return (
    <>
      <FieldBox>
        <Label labelFor="grant-role">{text.t('rules.grants.roleIn', { project: project.key })}</Label>
        <Select
          inputId="grant-role"
          testId="grant-role"
          isLoading={roles.state.status === 'loading'}
          options={options}
          value={role ? (options.find((o) => o.value.id === role.id) ?? null) : null}
          onChange={(o: Option | null) => setRole(o ? o.value : null)}
        />
      </FieldBox>
      <Button
        testId="grant-add-role"
        isDisabled={!role}
        onClick={() => {
          if (!role) return;
          onAdd({
            kind: 'projectRole',
            projectId: project.id,
            projectKey: project.key,
            roleId: role.id,
            roleName: role.name,
          });
          setRole(null);
        }}
      >
        {text.t('rules.grants.addRole')}
      </Button>
    </>
  );
}
