// Privileged targets: the groups and project roles rules may not grant (and why), the site admins' allow-list with
// a confirmation naming the risk, and groups a site admin marks privileged. Read-only for product admins.
import { useState } from 'react';
import {
  Button,
  DynamicTable,
  Heading,
  Inline,
  Label,
  Lozenge,
  Select,
  Stack,
  Text,
  User,
} from '@forge/react';
import type { GroupOption, PrivilegedTargetView, SecurityView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { FieldBox } from '../common/field-box';
import { Loading } from '../common/loading';
import { useReadOnly } from '../common/read-only';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { AllowTargetModal } from './allow-target-modal';

function Status({ target }: { target: PrivilegedTargetView }) {
  const text = useText();
  if (target.allowance)
    return (
      <Inline space="space.050" alignBlock="center" shouldWrap>
        <Lozenge appearance="moved">{text.t('settings.privileged.allowed')}</Lozenge>
        <Text>{text.t('settings.privileged.allowedBy')}</Text>
        <User accountId={target.allowance.by} />
        <Text>{text.when(target.allowance.at)}</Text>
      </Inline>
    );
  return <Lozenge appearance="removed">{text.t('settings.privileged.refused')}</Lozenge>;
}

export function PrivilegedTargetsSection() {
  const text = useText();
  const loaded = useResolver('security.get', {});
  const readOnly = useReadOnly();
  const allow = useAction('security.allow');
  const disallow = useAction('security.disallow');
  const mark = useAction('security.mark');
  const [asking, setAsking] = useState<PrivilegedTargetView | null>(null);
  const [groupQuery, setGroupQuery] = useState('');
  const [group, setGroup] = useState<GroupOption | null>(null);
  const groups = useResolver('catalogue.groups', { query: groupQuery, limit: 50 });

  const view: SecurityView | undefined = loaded.state.value;
  const changed = (next: SecurityView) => loaded.set(next);
  const confirm = async (target: PrivilegedTargetView) => {
    const reply = await allow.run({ key: target.key, acknowledgeRisk: true });
    setAsking(null);
    if (reply.ok) changed(reply.value);
  };
  const withdraw = async (key: string) => {
    const reply = await disallow.run({ key });
    if (reply.ok) changed(reply.value);
  };
  const markGroup = async () => {
    if (!group) return;
    const reply = await mark.run({ groupId: group.groupId });
    if (reply.ok) {
      setGroup(null);
      changed(reply.value);
    }
  };

  return (
    <Stack space="space.150" testId="privileged-targets">
      <Heading size="medium">{text.t('settings.privileged.heading')}</Heading>
      <Text>{text.t('settings.privileged.intro')}</Text>
      {!view ? (
        loaded.state.status === 'error' ? (
          <ReplyErrorMessage
            error={loaded.state.error}
            action={text.t('settings.privileged.loadingAction')}
            onRetry={loaded.reload}
          />
        ) : (
          <Loading what="privilegedTargets" />
        )
      ) : (
        <DynamicTable
          testId="privileged-targets-table"
          head={{
            cells: [
              { key: 'target', content: text.t('settings.privileged.targetColumn') },
              { key: 'why', content: text.t('settings.privileged.reasonColumn') },
              { key: 'status', content: text.t('settings.privileged.rulesColumn') },
              { key: 'action', content: '' },
            ],
          }}
          rows={view.targets.map((target) => ({
            key: target.key,
            cells: [
              { key: 'target', content: target.name },
              { key: 'why', content: target.reasons.join('; ') },
              { key: 'status', content: <Status target={target} /> },
              {
                key: 'action',
                content: readOnly ? (
                  ''
                ) : target.allowance ? (
                  <Button
                    appearance="subtle"
                    isDisabled={disallow.busy}
                    onClick={() => void withdraw(target.key)}
                  >
                    {text.t('settings.privileged.withdrawButton')}
                  </Button>
                ) : (
                  <Button
                    appearance="warning"
                    testId={`allow-${target.key}`}
                    onClick={() => setAsking(target)}
                  >
                    {text.t('settings.privileged.allowButton')}
                  </Button>
                ),
              },
            ],
          }))}
        />
      )}
      {readOnly ? null : (
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <FieldBox>
            <Label labelFor="mark-group">{text.t('settings.privileged.markLabel')}</Label>
            <Select
              inputId="mark-group"
              testId="mark-group"
              placeholder={text.t('settings.privileged.searchGroups')}
              options={(groups.state.value?.groups ?? []).map((g) => ({ label: g.name, value: g }))}
              onInputChange={(input: string) => setGroupQuery(input)}
              onChange={(o: { value: GroupOption } | null) => setGroup(o ? o.value : null)}
            />
          </FieldBox>
          <Button isDisabled={!group || mark.busy} onClick={() => void markGroup()}>
            {text.t('settings.privileged.markButton')}
          </Button>
        </Inline>
      )}
      {[allow, disallow, mark].map((action, index) =>
        action.error ? (
          <ReplyErrorMessage
            key={index}
            error={action.error}
            action={text.t('settings.privileged.changingAction')}
          />
        ) : null,
      )}
      <AllowTargetModal
        target={asking}
        busy={allow.busy}
        onConfirm={(target) => void confirm(target)}
        onClose={() => setAsking(null)}
      />
    </Stack>
  );
}
