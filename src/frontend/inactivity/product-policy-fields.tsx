// One product's clean-up settings: on or off, after how many idle days, what to do, and how much notice.
import { Heading, Inline, Label, Lozenge, SectionMessage, Select, Stack, Text } from '@forge/react';
import type {
  InactivityAction,
  NeverActiveTreatment,
  ProductInactivityPolicy,
} from '../../domain/inactivity';
import type { CatalogueProductView, InactivityPolicyView, ReplyFieldError } from '../../shared/contract';
import type { TextKey } from '../../shared/i18n/text';
import { FieldErrors } from '../common/field-errors';
import { TextInput, wholeNumber } from '../common/text-input';
import { ToggleRow } from '../common/toggle-row';
import { FieldBox } from '../common/field-box';
import { useText } from '../i18n/text-provider';

interface Option<T> {
  label: string;
  value: T;
}

const NEVER_ACTIVE: Record<NeverActiveTreatment, TextKey> = {
  'count-from-added': 'inactivity.product.neverActiveCount',
  ignore: 'inactivity.product.neverActiveIgnore',
};

/** Each action's name and what it does (the policy view carries the domain's English; the page says its own). */
export const ACTION_TEXT: Readonly<Record<InactivityAction, { label: TextKey; description: TextKey }>> = {
  'remove-licence': {
    label: 'inactivity.actions.removeLicence.label',
    description: 'inactivity.actions.removeLicence.description',
  },
  suspend: {
    label: 'inactivity.actions.suspend.label',
    description: 'inactivity.actions.suspend.description',
  },
  report: { label: 'inactivity.actions.report.label', description: 'inactivity.actions.report.description' },
};

export interface ProductPolicyFieldsProps {
  productKey: string;
  policy: ProductInactivityPolicy;
  catalogue: CatalogueProductView | undefined;
  actions: InactivityPolicyView['actions'];
  onChange: (policy: ProductInactivityPolicy) => void;
  errorsFor: (field: string) => ReplyFieldError[];
}

const shown = (n: number) => (Number.isNaN(n) ? '' : String(n));

export function ProductPolicyFields({
  productKey,
  policy,
  catalogue,
  actions,
  onChange,
  errorsFor,
}: ProductPolicyFieldsProps) {
  const text = useText();
  const actionOptions: Option<InactivityAction>[] = (Object.keys(actions) as InactivityAction[]).map((a) => ({
    label: text.t(ACTION_TEXT[a].label),
    value: a,
  }));
  const neverActiveOptions: Option<NeverActiveTreatment>[] = (
    Object.keys(NEVER_ACTIVE) as NeverActiveTreatment[]
  ).map((value) => ({ label: text.t(NEVER_ACTIVE[value]), value }));
  const action = actions[policy.action];
  const description = text.t(ACTION_TEXT[policy.action].description);
  const field = (name: string) => errorsFor(`products.${productKey}.${name}`);
  const seats = catalogue?.seats;
  return (
    <Stack space="space.100" testId={`inactivity-product-${productKey}`}>
      <Inline space="space.100" alignBlock="center">
        <Heading size="small">{policy.displayName}</Heading>
        {seats ? (
          <Lozenge>
            {seats.total === null
              ? text.tn('inactivity.product.seatsUsed', seats.used)
              : text.tn('inactivity.product.seatsUsedOfTotal', seats.total, { used: seats.used })}
          </Lozenge>
        ) : null}
      </Inline>
      {catalogue && catalogue.licenceGroups.length > 0 ? (
        <Text>
          {text.t('inactivity.product.licenceGroups', {
            groups: catalogue.licenceGroups.map((g) => g.name).join(', '),
          })}
        </Text>
      ) : null}
      <ToggleRow
        id={`inactivity-enabled-${productKey}`}
        label={text.t('inactivity.product.enable', { product: policy.displayName })}
        isChecked={policy.enabled}
        onChange={() => onChange({ ...policy, enabled: !policy.enabled })}
      />
      <FieldErrors errors={field('enabled')} />
      {policy.enabled ? (
        <Inline space="space.200" shouldWrap alignBlock="start">
          <TextInput
            id={`inactive-days-${productKey}`}
            label={text.t('inactivity.product.inactiveAfter')}
            type="number"
            value={shown(policy.inactiveAfterDays)}
            onChange={(v) => onChange({ ...policy, inactiveAfterDays: wholeNumber(v) })}
            errors={field('inactiveAfterDays')}
          />
          <FieldBox>
            <Label labelFor={`inactivity-action-${productKey}`}>{text.t('inactivity.product.then')}</Label>
            <Select
              inputId={`inactivity-action-${productKey}`}
              testId={`inactivity-action-${productKey}`}
              options={actionOptions}
              value={actionOptions.find((o) => o.value === policy.action)}
              onChange={(o: Option<InactivityAction> | null) => o && onChange({ ...policy, action: o.value })}
            />
            <FieldErrors errors={field('action')} />
          </FieldBox>
          {action.changesAccess ? (
            <TextInput
              id={`warn-days-${productKey}`}
              label={text.t('inactivity.product.warnDays')}
              type="number"
              value={shown(policy.warnDaysBefore)}
              onChange={(v) => onChange({ ...policy, warnDaysBefore: wholeNumber(v) })}
              errors={field('warnDaysBefore')}
            />
          ) : null}
          <FieldBox>
            <Label labelFor={`never-active-${productKey}`}>{text.t('inactivity.product.neverActive')}</Label>
            <Select
              inputId={`never-active-${productKey}`}
              options={neverActiveOptions}
              value={neverActiveOptions.find((o) => o.value === policy.neverActive)}
              onChange={(o: Option<NeverActiveTreatment> | null) =>
                o && onChange({ ...policy, neverActive: o.value })
              }
            />
          </FieldBox>
        </Inline>
      ) : null}
      {/* Said once: as a warning when the action reaches beyond this site, else as plain text. */}
      {policy.enabled && !action.orgWide ? <Text>{description}</Text> : null}
      {policy.enabled && action.orgWide ? (
        <SectionMessage appearance="warning" title={text.t('inactivity.product.orgWideTitle')}>
          <Text>{description}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
