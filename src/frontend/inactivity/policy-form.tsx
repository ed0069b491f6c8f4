// The inactivity policy: per-product thresholds and actions, the safety brake, notices and activity freshness.
import { useState } from 'react';
import { Button, Heading, Inline, SectionMessage, Stack, Text } from '@forge/react';
import {
  hasNoticeChannel,
  newUntoldConsequences,
  untoldConsequenceText,
  type InactivityPolicy,
} from '../../domain/inactivity';
import type { InactivityPolicyView } from '../../shared/contract';
import { errorsFor } from '../api/field-errors';
import { useAction } from '../api/use-action';
import { formatWhen } from '../common/format';
import { ConfirmModal } from '../common/confirm-modal';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { ToggleRow } from '../common/toggle-row';
import { TextInput, wholeNumber } from '../common/text-input';
import { ProductPolicyFields } from './product-policy-fields';

const shown = (n: number) => (Number.isNaN(n) ? '' : String(n));

export function PolicyForm({
  view,
  onSaved,
}: {
  view: InactivityPolicyView;
  onSaved: (view: InactivityPolicyView) => void;
}) {
  const [policy, setPolicy] = useState<InactivityPolicy>(view.policy);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const save = useAction('inactivity.policy.save');
  const fieldErrors = (field: string) => errorsFor(save.error, `policy.${field}`);
  const edit = (next: InactivityPolicy) => {
    setSaved(false);
    setPolicy(next);
  };
  const notifications = policy.notifications;
  const claimed = [
    ...Object.keys(policy.products).flatMap((key) =>
      ['enabled', 'inactiveAfterDays', 'action', 'warnDaysBefore'].map((f) => `products.${key}.${f}`),
    ),
    'brake.maxActionsPerRun',
    'brake.maxPercentOfLicensed',
    'activityMaxAgeHours',
    'notifications.jiraNotify',
    'notifications.webhook',
    'notifications.actWhenNotTold',
  ].flatMap(fieldErrors);

  // Exclusions are edited (and saved) beside this form: keep the latest saved ones.
  const toSave: InactivityPolicy = { ...policy, exclusions: view.policy.exclusions };
  const consequences = newUntoldConsequences(view.saved ? view.policy : undefined, toSave);
  const submit = async (confirmed: boolean) => {
    setConfirming(false);
    const reply = await save.run({
      policy: toSave,
      ...(confirmed ? { confirmActingOnUntoldUsers: true as const } : {}),
    });
    if (reply.ok) {
      setSaved(true);
      onSaved(reply.value);
    }
  };
  const requestSave = () => {
    if (consequences.length > 0) setConfirming(true);
    else void submit(false);
  };
  const noChannel = !hasNoticeChannel(notifications);

  return (
    <Stack space="space.200" testId="inactivity-policy">
      <Heading size="medium">Policy</Heading>
      <Text>
        {view.saved
          ? `Saved ${formatWhen(view.updatedAt)}.`
          : 'Not saved yet: nothing is cleaned up until you save a policy.'}
      </Text>
      {view.problem ? (
        <SectionMessage appearance="warning" title="The saved policy needs attention">
          <Text>{view.problem}</Text>
        </SectionMessage>
      ) : null}
      {view.addedProducts.length > 0 || view.missingProducts.length > 0 ? (
        <SectionMessage appearance="information" title="The site's products changed">
          {view.addedProducts.length > 0 ? (
            <Text>New on the site: {view.addedProducts.join(', ')} (off until you enable them).</Text>
          ) : null}
          {view.missingProducts.length > 0 ? (
            <Text>No longer reported by the site: {view.missingProducts.join(', ')}.</Text>
          ) : null}
        </SectionMessage>
      ) : null}
      {Object.entries(policy.products).map(([key, product]) => (
        <ProductPolicyFields
          key={key}
          productKey={key}
          policy={product}
          catalogue={view.products.find((p) => p.key === key)}
          actions={view.actions}
          onChange={(next) => edit({ ...policy, products: { ...policy.products, [key]: next } })}
          errorsFor={fieldErrors}
        />
      ))}
      <Heading size="small">Safety brake</Heading>
      <Text>A run that would act on more than this holds everything for your review.</Text>
      <Inline space="space.200" shouldWrap>
        <TextInput
          id="brake-max-actions"
          label="Most actions per run"
          type="number"
          value={shown(policy.brake.maxActionsPerRun)}
          onChange={(v) => edit({ ...policy, brake: { ...policy.brake, maxActionsPerRun: wholeNumber(v) } })}
          errors={fieldErrors('brake.maxActionsPerRun')}
        />
        <TextInput
          id="brake-max-percent"
          label="Most users per run (% of licensed)"
          type="number"
          value={shown(policy.brake.maxPercentOfLicensed)}
          onChange={(v) =>
            edit({ ...policy, brake: { ...policy.brake, maxPercentOfLicensed: wholeNumber(v) } })
          }
          errors={fieldErrors('brake.maxPercentOfLicensed')}
        />
        <TextInput
          id="activity-max-age"
          label="Distrust activity data older than (hours)"
          type="number"
          value={shown(policy.activityMaxAgeHours)}
          onChange={(v) => edit({ ...policy, activityMaxAgeHours: wholeNumber(v) })}
          errors={fieldErrors('activityMaxAgeHours')}
        />
      </Inline>
      <Heading size="small">Warnings</Heading>
      <Inline space="space.200" shouldWrap>
        <TextInput
          id="notify-issue"
          label="Notify warned users through this Jira issue"
          placeholder="OPS-123"
          value={notifications.jiraNotify?.issueKey ?? ''}
          onChange={(v) => {
            const { jiraNotify: _drop, ...rest } = notifications;
            edit({
              ...policy,
              notifications: v.trim() ? { ...rest, jiraNotify: { issueKey: v.trim() } } : rest,
            });
          }}
          errors={fieldErrors('notifications.jiraNotify')}
        />
        <TextInput
          id="notify-webhook"
          label="Also post warnings to (https URL)"
          type="url"
          placeholder="https://hooks.slack.com/…"
          value={notifications.webhook?.url ?? ''}
          onChange={(v) => {
            const { webhook: _drop, ...rest } = notifications;
            edit({ ...policy, notifications: v.trim() ? { ...rest, webhook: { url: v.trim() } } : rest });
          }}
          errors={fieldErrors('notifications.webhook')}
          help={view.webhookHosts.length ? `Allowed hosts: ${view.webhookHosts.join(', ')}` : undefined}
        />
      </Inline>
      {noChannel ? (
        <SectionMessage appearance="warning" title="Warned users are not told">
          <Text>
            No notification channel is set. Users who are due are listed in each run and left alone until a
            warning reaches them, unless you choose below to act on them anyway.
          </Text>
        </SectionMessage>
      ) : null}
      <ToggleRow
        id="act-when-not-told"
        label="Act even on users whose warning reached nobody"
        isChecked={notifications.actWhenNotTold === true}
        onChange={() => {
          const { actWhenNotTold: was, ...rest } = notifications;
          edit({ ...policy, notifications: was ? rest : { ...rest, actWhenNotTold: true } });
        }}
      />
      <FieldErrors errors={fieldErrors('notifications.actWhenNotTold')} />
      {save.error ? (
        <ReplyErrorMessage error={save.error} action="Saving the policy" shownFields={claimed} />
      ) : null}
      {saved ? (
        <SectionMessage appearance="success" title="Policy saved">
          <Text>The next daily run uses it. Try a dry run first to see what it would do.</Text>
        </SectionMessage>
      ) : null}
      <Inline space="space.100">
        <Button
          appearance="primary"
          testId="inactivity-policy-save"
          isDisabled={save.busy}
          onClick={requestSave}
        >
          {save.busy ? 'Saving…' : 'Save policy'}
        </Button>
      </Inline>
      <ConfirmModal
        open={confirming}
        title="Act on users who were never told?"
        confirmLabel="Save and act without telling them"
        busy={save.busy}
        testId="policy-untold-confirm"
        onConfirm={() => void submit(true)}
        onClose={() => setConfirming(false)}
      >
        {consequences.map((c) => (
          <Text key={`${c.product}:${c.why}`}>{untoldConsequenceText(c, toSave)}</Text>
        ))}
        <Text>
          They cannot prepare or object before losing access. Restoring them is possible afterwards.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
