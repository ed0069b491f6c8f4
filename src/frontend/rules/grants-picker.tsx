// What a rule grants: the chosen groups and project roles, and pickers fed by the site's catalogue.
import { useState } from 'react';
import { Button, DynamicTable, Text, Heading, Inline, Label, Lozenge, Select, Stack } from '@forge/react';
import { grantKey, type Grant } from '../../domain/rules';
import type { GroupOption, ProjectOption, ReplyFieldError } from '../../shared/contract';
import { useResolver } from '../api/use-resolver';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { ProjectRolePicker } from './project-role-picker';
import { FieldBox } from '../common/field-box';
import { useText } from '../i18n/text-provider';
import { grantText } from '../common/grant-text';

interface Option<T> {
  label: string;
  value: T;
}

export interface GrantsPickerProps {
  grants: readonly Grant[];
  onAdd: (grant: Grant) => void;
  onRemove: (key: string) => void;
  serverErrors: readonly ReplyFieldError[];
}

export function GrantsPicker({ grants, onAdd, onRemove, serverErrors }: GrantsPickerProps) {
  const text = useText();
  const [groupQuery, setGroupQuery] = useState('');
  const [group, setGroup] = useState<GroupOption | null>(null);
  const [projectQuery, setProjectQuery] = useState('');
  const [project, setProject] = useState<ProjectOption | null>(null);
  const groups = useResolver('catalogue.groups', { query: groupQuery, limit: 50 });
  const projects = useResolver('catalogue.projects', { query: projectQuery, limit: 50 });

  const groupOptions: Option<GroupOption>[] = (groups.state.value?.groups ?? []).map((g) => ({
    label: g.name,
    value: g,
  }));
  const projectOptions: Option<ProjectOption>[] = (projects.state.value?.projects ?? []).map((p) => ({
    label: text.t('rules.grants.projectOption', { name: p.name, key: p.key }),
    value: p,
  }));

  return (
    <Stack space="space.150">
      <Heading size="small">{text.t('rules.grants.heading')}</Heading>
      {grants.length === 0 ? (
        <Text>{text.t('rules.grants.none')}</Text>
      ) : (
        <DynamicTable
          head={{
            cells: [
              { key: 'kind', content: text.t('rules.grants.columnKind') },
              { key: 'what', content: text.t('rules.grants.columnWhat') },
              { key: 'remove', content: '' },
            ],
          }}
          rows={grants.map((g) => ({
            key: grantKey(g),
            cells: [
              {
                key: 'kind',
                content: (
                  <Lozenge>
                    {text.t(g.kind === 'group' ? 'rules.grants.kindGroup' : 'rules.grants.kindProjectRole')}
                  </Lozenge>
                ),
              },
              { key: 'what', content: grantText(text, g) },
              {
                key: 'remove',
                content: (
                  <Button appearance="subtle" onClick={() => onRemove(grantKey(g))}>
                    {text.t('rules.grants.remove')}
                  </Button>
                ),
              },
            ],
          }))}
        />
      )}
      <FieldErrors errors={serverErrors} />
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <FieldBox>
          <Label labelFor="grant-group">{text.t('rules.grants.group')}</Label>
          <Select
            inputId="grant-group"
            testId="grant-group"
            placeholder={text.t('rules.grants.searchGroups')}
            isLoading={groups.state.status === 'loading'}
            options={groupOptions}
            value={group ? (groupOptions.find((o) => o.value.groupId === group.groupId) ?? null) : null}
            onInputChange={(input: string) => setGroupQuery(input)}
            onChange={(o: Option<GroupOption> | null) => setGroup(o ? o.value : null)}
          />
        </FieldBox>
        <Button
          testId="grant-add-group"
          isDisabled={!group}
          onClick={() => {
            if (!group) return;
            onAdd({ kind: 'group', groupId: group.groupId, groupName: group.name });
            setGroup(null);
          }}
        >
          {text.t('rules.grants.addGroup')}
        </Button>
      </Inline>
      {groups.state.status === 'error' ? (
        <ReplyErrorMessage error={groups.state.error} action={text.t('rules.grants.listingGroupsAction')} />
      ) : null}
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <FieldBox>
          <Label labelFor="grant-project">
            {/* i18n-exempt: the product's name, the same in every language */}
            {text.t('rules.grants.project', { product: 'Jira' })}
          </Label>
          <Select
            inputId="grant-project"
            testId="grant-project"
            placeholder={text.t('rules.grants.searchProjects')}
            isLoading={projects.state.status === 'loading'}
            options={projectOptions}
            value={project ? (projectOptions.find((o) => o.value.id === project.id) ?? null) : null}
            onInputChange={(input: string) => setProjectQuery(input)}
            onChange={(o: Option<ProjectOption> | null) => setProject(o ? o.value : null)}
          />
        </FieldBox>
        {project ? <ProjectRolePicker key={project.id} project={project} onAdd={onAdd} /> : null}
      </Inline>
      {projects.state.status === 'error' ? (
        <ReplyErrorMessage
          error={projects.state.error}
          action={text.t('rules.grants.listingProjectsAction')}
        />
      ) : null}
    </Stack>
  );
}
