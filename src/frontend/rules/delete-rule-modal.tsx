// Asks before deleting a rule, and says what happens to what it granted.
import { Text } from '@forge/react';
import type { RuleView } from '../../shared/contract';
import { ConfirmModal } from '../common/confirm-modal';
import { useText } from '../i18n/text-provider';

export interface DeleteRuleModalProps {
  rule: RuleView | null;
  busy: boolean;
  onConfirm: (rule: RuleView) => void;
  onClose: () => void;
}

export function DeleteRuleModal({ rule, busy, onConfirm, onClose }: DeleteRuleModalProps) {
  const text = useText();
  return (
    <ConfirmModal
      open={rule !== null}
      title={rule ? text.t('rules.deleteModal.title', { name: rule.name }) : ''}
      confirmLabel={text.t('rules.deleteModal.confirm')}
      cancelLabel={text.t('rules.deleteModal.cancel')}
      busy={busy}
      testId="rule-delete"
      onConfirm={() => rule && onConfirm(rule)}
      onClose={onClose}
    >
      <Text>
        {text.t(rule?.onUnmatch === 'revoke' ? 'rules.deleteModal.revokes' : 'rules.deleteModal.keeps')}
      </Text>
    </ConfirmModal>
  );
}
