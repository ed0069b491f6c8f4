// Asks a site admin before letting rules grant a privileged target, naming the risk in plain words: whoever a rule
// matches becomes what the target makes them, and rules match on attributes an identity provider can change.
import { List, ListItem, SectionMessage, Text } from '@forge/react';
import type { PrivilegedTargetView } from '../../shared/contract';
import { ConfirmModal } from '../common/confirm-modal';

export interface AllowTargetModalProps {
  target: PrivilegedTargetView | null;
  busy: boolean;
  onConfirm: (target: PrivilegedTargetView) => void;
  onClose: () => void;
}

export function AllowTargetModal({ target, busy, onConfirm, onClose }: AllowTargetModalProps) {
  return (
    <ConfirmModal
      open={target !== null}
      title={target ? `Let rules grant ${target.name}?` : ''}
      confirmLabel={target ? `I understand the risk: allow ${target.name}` : ''}
      cancelLabel="Keep it refused"
      busy={busy}
      testId="allow-target"
      onConfirm={() => target && onConfirm(target)}
      onClose={onClose}
    >
      <SectionMessage appearance="error" title="This target is privileged">
        <List type="unordered">
          {(target?.reasons ?? []).map((reason) => (
            <ListItem key={reason}>{reason}</ListItem>
          ))}
        </List>
      </SectionMessage>
      <Text>
        {`Anyone a rule matches will get ${target?.name ?? ''} and the administrator rights it carries, without a site admin adding them. Rules match on attributes that identity providers, SCIM and signed pushes can change, so a mistake or a compromised attribute source would hand out those rights.`}
      </Text>
      <Text>Allow it only for a rule you have reviewed; you can withdraw the allowance at any time.</Text>
    </ConfirmModal>
  );
}
