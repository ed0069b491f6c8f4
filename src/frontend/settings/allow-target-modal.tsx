// Asks a site admin before letting rules grant a privileged target, naming the risk in plain words: whoever a rule
// matches becomes what the target makes them, and rules match on attributes an identity provider can change.
import { List, ListItem, SectionMessage, Text } from '@forge/react';
import type { PrivilegedTargetView } from '../../shared/contract';
import { ConfirmModal } from '../common/confirm-modal';
import { useText } from '../i18n/text-provider';

export interface AllowTargetModalProps {
  target: PrivilegedTargetView | null;
  busy: boolean;
  onConfirm: (target: PrivilegedTargetView) => void;
  onClose: () => void;
}

export function AllowTargetModal({ target, busy, onConfirm, onClose }: AllowTargetModalProps) {
  const text = useText();
  const name = target?.name ?? '';
  return (
    <ConfirmModal
      open={target !== null}
      title={target ? text.t('settings.allowTarget.title', { target: name }) : ''}
      confirmLabel={target ? text.t('settings.allowTarget.confirm', { target: name }) : ''}
      cancelLabel={text.t('settings.allowTarget.cancel')}
      busy={busy}
      testId="allow-target"
      onConfirm={() => target && onConfirm(target)}
      onClose={onClose}
    >
      <SectionMessage appearance="error" title={text.t('settings.allowTarget.privilegedTitle')}>
        <List type="unordered">
          {(target?.reasons ?? []).map((reason) => (
            <ListItem key={reason}>{reason}</ListItem>
          ))}
        </List>
      </SectionMessage>
      <Text>{text.t('settings.allowTarget.risk', { target: name })}</Text>
      <Text>{text.t('settings.allowTarget.advice')}</Text>
    </ConfirmModal>
  );
}
