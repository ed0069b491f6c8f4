// Rules: the rule set (enable, reorder, edit, delete), the editor, impact preview and backfill.
import { useState } from 'react';
import { Button, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { JobProgress, RuleView } from '../../shared/contract';
import { useAction } from '../api/use-action';
import { useResolver } from '../api/use-resolver';
import { Loading } from '../common/loading';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { useText } from '../i18n/text-provider';
import { BackfillPanel } from './backfill-panel';
import { DeleteRuleModal } from './delete-rule-modal';
import { ImpactPreview } from './impact-preview';
import { RuleEditor } from './rule-editor';
import { moveRule, newDraft, type RuleDraft } from './rule-draft';
import { RulesTable } from './rules-table';

interface Editing {
  saved: RuleView | null;
  initial: RuleDraft;
}

export function RulesTab() {
  const text = useText();
  const list = useResolver('rules.list', {});
  const setEnabled = useAction('rules.setEnabled');
  const reorder = useAction('rules.reorder');
  const remove = useAction('rules.delete');
  // The newest preview and backfill, so leaving the tab and coming back keeps watching them.
  const jobs = useResolver('jobs.list', { limit: 20 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<RuleView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<JobProgress | undefined>(undefined);

  if (list.state.value === undefined) {
    if (list.state.status === 'error')
      return (
        <ReplyErrorMessage
          error={list.state.error}
          action={text.t('rules.tab.loadingAction')}
          onRetry={list.reload}
        />
      );
    return <Loading what="rules" />;
  }
  const view = list.state.value;
  const busy = setEnabled.busy || reorder.busy || remove.busy;

  const create = () => {
    setNotice(null);
    setEditing({ saved: null, initial: newDraft(view.nextPriority, Date.now().toString(36)) });
  };

  if (editing)
    return (
      <RuleEditor
        saved={editing.saved}
        initial={editing.initial}
        onCancel={() => setEditing(null)}
        onSaved={(result) => {
          setEditing(null);
          const name = result.rule.name;
          setNotice(text.t(result.created ? 'rules.tab.created' : 'rules.tab.saved', { name }));
          list.reload();
        }}
      />
    );

  const toggle = async (rule: RuleView) => {
    const reply = await setEnabled.run({ id: rule.id, enabled: !rule.enabled });
    if (reply.ok) list.set({ ...view, rules: view.rules.map((r) => (r.id === rule.id ? reply.value : r)) });
  };
  const move = async (rule: RuleView, direction: -1 | 1) => {
    const ids = moveRule(
      view.rules.map((r) => r.id),
      rule.id,
      direction,
    );
    const reply = await reorder.run({ ids });
    if (reply.ok) list.set(reply.value);
  };
  const confirmDelete = async (rule: RuleView) => {
    const reply = await remove.run({ id: rule.id });
    setDeleting(null);
    if (reply.ok) {
      setNotice(text.t('rules.tab.deleted', { name: rule.name }));
      list.reload();
    }
  };

  const failure = setEnabled.error ?? reorder.error ?? remove.error;
  const latestJob = (kind: 'preview' | 'backfill') =>
    jobs.state.status === 'ok' ? jobs.state.value.jobs.find((j) => j.kind === kind) : undefined;
  return (
    <Stack space="space.300">
      <Inline space="space.100" alignBlock="center" spread="space-between">
        <Text>{text.t('rules.tab.intro')}</Text>
        <Button appearance="primary" onClick={create} testId="rule-new">
          {text.t('rules.tab.newRule')}
        </Button>
      </Inline>
      {notice ? (
        <SectionMessage appearance="success" title={notice}>
          <Text>{text.t('rules.tab.appliesFromNextEvent')}</Text>
        </SectionMessage>
      ) : null}
      {failure ? <ReplyErrorMessage error={failure} /> : null}
      {list.state.status === 'error' ? (
        <ReplyErrorMessage error={list.state.error} action={text.t('rules.tab.refreshingAction')} />
      ) : null}
      <RulesTable
        rules={view.rules}
        busy={busy}
        onToggle={(rule) => void toggle(rule)}
        onMove={(rule, direction) => void move(rule, direction)}
        onEdit={(rule) => {
          setNotice(null);
          setEditing({ saved: rule, initial: newDraft(rule.priority, rule.id) });
        }}
        onDelete={setDeleting}
        onCreate={create}
      />
      <DeleteRuleModal
        rule={deleting}
        busy={remove.busy}
        onConfirm={(rule) => void confirmDelete(rule)}
        onClose={() => setDeleting(null)}
      />
      {jobs.state.status === 'error' ? (
        <ReplyErrorMessage error={jobs.state.error} action={text.t('rules.tab.listingJobsAction')} />
      ) : null}
      <ImpactPreview latest={latestJob('preview')} onJob={setPreview} />
      <BackfillPanel latest={latestJob('backfill')} preview={preview ?? latestJob('preview')} />
    </Stack>
  );
}
