// The Jira projects a "project roles" campaign reviews, picked from the site's catalogue: every role of each
// chosen project is reviewed, and the form lists those roles so the admin sees what that covers.
import { useState } from 'react';
import { Button, DynamicTable, Label, Select, Stack, Text } from '@forge/react';
import type { ProjectOption, ReplyFieldError } from '../../shared/contract';
import { useResolver } from '../api/use-resolver';
import { FieldBox } from '../common/field-box';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import type { DraftProject } from './campaign-draft';

interface Option {
  label: string;
  value: ProjectOption;
}

function ProjectRoles({ projectId }: { projectId: string }) {
  const text = useText();
  const roles = useResolver('catalogue.projectRoles', { projectId });
  if (roles.state.status === 'error')
    return (
      <ReplyErrorMessage error={roles.state.error} action={text.t('reviews.projects.listingRolesAction')} />
    );
  if (!roles.state.value) return <Text>{text.t('reviews.projects.loadingRoles')}</Text>;
  const names = roles.state.value.roles.map((r) => r.name);
  return names.length === 0 ? (
    <Text>{text.t('reviews.projects.noRoles')}</Text>
  ) : (
    <Text>{text.t('reviews.projects.rolesReviewed', { roles: text.list(names) })}</Text>
  );
}

export function ScopeProjectsPicker({
  projects,
  onAdd,
  onRemove,
  errorsOf,
}: {
  projects: readonly DraftProject[];
  onAdd: (project: DraftProject) => void;
  onRemove: (projectId: string) => void;
  errorsOf: (field: string) => ReplyFieldError[];
}) {
  const text = useText();
  const [query, setQuery] = useState('');
  const catalogue = useResolver('catalogue.projects', { query, limit: 50 });
  const options: Option[] = (catalogue.state.value?.projects ?? [])
    .filter((p) => !projects.some((chosen) => chosen.projectId === p.id))
    .map((p) => ({ label: text.t('reviews.projects.option', { name: p.name, key: p.key }), value: p }));

  return (
    <Stack space="space.100" testId="campaign-projects">
      <FieldBox>
        <Label labelFor="campaign-project">{text.t('reviews.projects.label')}</Label>
        <Select
          inputId="campaign-project"
          testId="campaign-project"
          placeholder={text.t('reviews.projects.search')}
          isLoading={catalogue.state.status === 'loading'}
          options={options}
          value={null}
          onInputChange={(input: string) => setQuery(input)}
          onChange={(o: Option | null) => {
            if (o) onAdd({ projectId: o.value.id, projectKey: o.value.key, projectName: o.value.name });
          }}
        />
        <FieldErrors errors={errorsOf('scope.projects').filter((e) => e.field === 'scope.projects')} />
      </FieldBox>
      {catalogue.state.status === 'error' ? (
        <ReplyErrorMessage error={catalogue.state.error} action={text.t('reviews.projects.listingAction')} />
      ) : null}
      {projects.length === 0 ? (
        <Text>{text.t('reviews.projects.noneChosen')}</Text>
      ) : (
        <DynamicTable
          testId="campaign-projects-table"
          head={{
            cells: [
              { key: 'project', content: text.t('reviews.projects.columns.project') },
              { key: 'roles', content: text.t('reviews.projects.columns.roles') },
              { key: 'remove', content: '' },
            ],
          }}
          rows={projects.map((p, i) => ({
            key: p.projectId,
            cells: [
              {
                key: 'project',
                content: (
                  <Stack space="space.050">
                    <Text>
                      {text.t('reviews.projects.option', { name: p.projectName, key: p.projectKey })}
                    </Text>
                    <FieldErrors errors={errorsOf(`scope.projects[${i}]`)} />
                  </Stack>
                ),
              },
              { key: 'roles', content: <ProjectRoles projectId={p.projectId} /> },
              {
                key: 'remove',
                content: (
                  <Button appearance="subtle" onClick={() => onRemove(p.projectId)}>
                    {text.t('reviews.projects.remove')}
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
