// The inactivity policy: per-product thresholds and actions, the safety brake, notices and activity freshness.
import { useState } from 'react';
import { Button, Heading, Inline, SectionMessage, Stack, Text } from '@forge/react';
import {
  hasNoticeChannel,
  newUntoldConsequences,
  type InactivityPolicy,
  type UntoldConsequence,
} from '../../domain/inactivity';
import type { InactivityPolicyView } from '../../shared/contract';
import type { Text as Words } from '../../shared/i18n/text';
import { saidText } from '../../shared/words-text';
import { errorsFor } from '../api/field-errors';
import { useAction } from '../api/use-action';
import { ConfirmModal } from '../common/confirm-modal';
import { FieldErrors } from '../common/field-errors';
import { ReplyErrorMessage } from '../common/reply-error-message';
import { ToggleRow } from '../common/toggle-row';
import { TextInput, wholeNumber } from '../common/text-input';
import { useText } from '../i18n/text-provider';
import { ACTION_TEXT, ProductPolicyFields } from './product-policy-fields';

const shown = (n: number) => (Number.isNaN(n) ? '' : String(n));

/** What confirming a consequence means, naming the product and the action (the domain's words are English). */
function consequenceText(consequence: UntoldConsequence, policy: InactivityPolicy, text: Words): string {
  const product = policy.products[consequence.product];
  const action = product ? text.t(ACTION_TEXT[product.action].label) : '';
  return consequence.why === 'no-warning'
    ? text.tn('inactivity.policy.untoldNoWarning', product?.inactiveAfterDays ?? 0, {
        product: consequence.displayName,
        action,
      })
    : text.t('inactivity.policy.untoldNotTold', { product: consequence.displayName, action });
}

export function PolicyForm({
  view,
  onSaved,
}: {
  view: InactivityPolicyView;
  onSaved: (view: InactivityPolicyView) => void;
}) {
  const text = useText();
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
      <Heading size="medium">{text.t('inactivity.policy.heading')}</Heading>
      <Text>
        {view.saved
          ? text.t('inactivity.policy.savedAt', { when: text.when(view.updatedAt) })
          : text.t('inactivity.policy.notSaved')}
      </Text>
      {view.problem ? (
        <SectionMessage appearance="warning" title={text.t('inactivity.policy.problemTitle')}>
          <Text>{saidText(text, view.problem, view.problemWords)}</Text>
        </SectionMessage>
      ) : null}
      {view.addedProducts.length > 0 || view.missingProducts.length > 0 ? (
        <SectionMessage appearance="information" title={text.t('inactivity.policy.productsChangedTitle')}>
          {view.addedProducts.length > 0 ? (
            <Text>
              {text.t('inactivity.policy.productsAdded', { products: text.list(view.addedProducts) })}
            </Text>
          ) : null}
          {view.missingProducts.length > 0 ? (
            <Text>
              {text.t('inactivity.policy.productsMissing', { products: text.list(view.missingProducts) })}
            </Text>
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
      <Heading size="small">{text.t('inactivity.policy.brakeHeading')}</Heading>
      <Text>{text.t('inactivity.policy.brakeIntro')}</Text>
      <Inline space="space.200" shouldWrap>
        <TextInput
          id="brake-max-actions"
          label={text.t('inactivity.policy.maxActions')}
          type="number"
          value={shown(policy.brake.maxActionsPerRun)}
          onChange={(v) => edit({ ...policy, brake: { ...policy.brake, maxActionsPerRun: wholeNumber(v) } })}
          errors={fieldErrors('brake.maxActionsPerRun')}
        />
        <TextInput
          id="brake-max-percent"
          label={text.t('inactivity.policy.maxPercent')}
          type="number"
          value={shown(policy.brake.maxPercentOfLicensed)}
          onChange={(v) =>
            edit({ ...policy, brake: { ...policy.brake, maxPercentOfLicensed: wholeNumber(v) } })
          }
          errors={fieldErrors('brake.maxPercentOfLicensed')}
        />
        <TextInput
          id="activity-max-age"
          label={text.t('inactivity.policy.activityMaxAge')}
          type="number"
          value={shown(policy.activityMaxAgeHours)}
          onChange={(v) => edit({ ...policy, activityMaxAgeHours: wholeNumber(v) })}
          errors={fieldErrors('activityMaxAgeHours')}
        />
      </Inline>
      <Heading size="small">{text.t('inactivity.policy.warningsHeading')}</Heading>
      <Inline space="space.200" shouldWrap>
        <TextInput
          id="notify-issue"
          label={text.t('inactivity.policy.notifyIssue')}
          // i18n-exempt: an example issue key, the same in every language
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
          label={text.t('inactivity.policy.webhook')}
          type="url"
          // i18n-exempt: an example address, the same in every language
          placeholder="https://hooks.slack.com/…"
          value={notifications.webhook?.url ?? ''}
          onChange={(v) => {
            const { webhook: _drop, ...rest } = notifications;
            edit({ ...policy, notifications: v.trim() ? { ...rest, webhook: { url: v.trim() } } : rest });
          }}
          errors={fieldErrors('notifications.webhook')}
          help={
            view.webhookHosts.length
              ? text.t('inactivity.policy.allowedHosts', { hosts: view.webhookHosts.join(', ') })
              : undefined
          }
        />
      </Inline>
      {noChannel ? (
        <SectionMessage appearance="warning" title={text.t('inactivity.policy.noChannelTitle')}>
          <Text>{text.t('inactivity.policy.noChannel')}</Text>
        </SectionMessage>
      ) : null}
      <ToggleRow
        id="act-when-not-told"
        label={text.t('inactivity.policy.actWhenNotTold')}
        isChecked={notifications.actWhenNotTold === true}
        onChange={() => {
          const { actWhenNotTold: was, ...rest } = notifications;
          edit({ ...policy, notifications: was ? rest : { ...rest, actWhenNotTold: true } });
        }}
      />
      <FieldErrors errors={fieldErrors('notifications.actWhenNotTold')} />
      {save.error ? (
        <ReplyErrorMessage
          error={save.error}
          action={text.t('inactivity.policy.savingAction')}
          shownFields={claimed}
        />
      ) : null}
      {saved ? (
        <SectionMessage appearance="success" title={text.t('inactivity.policy.savedTitle')}>
          <Text>{text.t('inactivity.policy.savedBody')}</Text>
        </SectionMessage>
      ) : null}
      <Inline space="space.100">
        <Button
          appearance="primary"
          testId="inactivity-policy-save"
          isDisabled={save.busy}
          onClick={requestSave}
        >
          {save.busy ? text.t('inactivity.policy.saving') : text.t('inactivity.policy.save')}
        </Button>
      </Inline>
      <ConfirmModal
        open={confirming}
        title={text.t('inactivity.policy.untoldTitle')}
        confirmLabel={text.t('inactivity.policy.untoldConfirm')}
        busy={save.busy}
        testId="policy-untold-confirm"
        onConfirm={() => void submit(true)}
        onClose={() => setConfirming(false)}
      >
        {consequences.map((c) => (
          <Text key={`${c.product}:${c.why}`}>{consequenceText(c, toSave, text)}</Text>
        ))}
        <Text>{text.t('inactivity.policy.untoldAfter')}</Text>
      </ConfirmModal>
    </Stack>
  );
}
