// UI Kit icon names (Button iconBefore/iconAfter, Icon glyph) → @atlaskit/icon core glyphs, for a curated set;
// bundling all ~750 glyphs would slow the preview build, so an unmapped name shows a visible marker instead.
import type { ComponentType, ReactNode } from 'react';
import AddIcon from '@atlaskit/icon/core/add';
import ArrowRightIcon from '@atlaskit/icon/core/arrow-right';
import CheckMarkIcon from '@atlaskit/icon/core/check-mark';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ClockIcon from '@atlaskit/icon/core/clock';
import CrossIcon from '@atlaskit/icon/core/cross';
import DeleteIcon from '@atlaskit/icon/core/delete';
import DownloadIcon from '@atlaskit/icon/core/download';
import EditIcon from '@atlaskit/icon/core/edit';
import FilterIcon from '@atlaskit/icon/core/filter';
import LinkExternalIcon from '@atlaskit/icon/core/link-external';
import LockLockedIcon from '@atlaskit/icon/core/lock-locked';
import PeopleGroupIcon from '@atlaskit/icon/core/people-group';
import PersonIcon from '@atlaskit/icon/core/person';
import RefreshIcon from '@atlaskit/icon/core/refresh';
import SearchIcon from '@atlaskit/icon/core/search';
import SettingsIcon from '@atlaskit/icon/core/settings';
import ShowMoreHorizontalIcon from '@atlaskit/icon/core/show-more-horizontal';
import StatusErrorIcon from '@atlaskit/icon/core/status-error';
import StatusInformationIcon from '@atlaskit/icon/core/status-information';
import StatusWarningIcon from '@atlaskit/icon/core/status-warning';
import UploadIcon from '@atlaskit/icon/core/upload';
import type { ForgeDoc } from '../forge-doc';
import { str } from '../forge-doc';

type CoreIcon = ComponentType<{ label: string; color?: string; size?: 'small' | 'medium' }>;

/** Legacy UI Kit names map onto the new core glyph that replaced them. */
const GLYPHS: Readonly<Record<string, CoreIcon>> = {
  add: AddIcon as CoreIcon,
  'add-circle': AddIcon as CoreIcon,
  'arrow-right': ArrowRightIcon as CoreIcon,
  check: CheckMarkIcon as CoreIcon,
  'check-circle': CheckMarkIcon as CoreIcon,
  'chevron-down': ChevronDownIcon as CoreIcon,
  recent: ClockIcon as CoreIcon,
  stopwatch: ClockIcon as CoreIcon,
  cross: CrossIcon as CoreIcon,
  trash: DeleteIcon as CoreIcon,
  download: DownloadIcon as CoreIcon,
  export: DownloadIcon as CoreIcon,
  edit: EditIcon as CoreIcon,
  filter: FilterIcon as CoreIcon,
  shortcut: LinkExternalIcon as CoreIcon,
  open: LinkExternalIcon as CoreIcon,
  lock: LockLockedIcon as CoreIcon,
  'people-group': PeopleGroupIcon as CoreIcon,
  people: PeopleGroupIcon as CoreIcon,
  person: PersonIcon as CoreIcon,
  refresh: RefreshIcon as CoreIcon,
  retry: RefreshIcon as CoreIcon,
  search: SearchIcon as CoreIcon,
  settings: SettingsIcon as CoreIcon,
  more: ShowMoreHorizontalIcon as CoreIcon,
  error: StatusErrorIcon as CoreIcon,
  info: StatusInformationIcon as CoreIcon,
  warning: StatusWarningIcon as CoreIcon,
  upload: UploadIcon as CoreIcon,
};

function UnmappedIcon({ name }: { name: string }): ReactNode {
  return (
    <span
      data-testid="preview-unmapped-icon"
      title={`icon "${name}" is not mapped in the local preview`}
      style={{ color: '#ae2e24', fontFamily: 'monospace', fontSize: 11 }}
    >
      [{name}]
    </span>
  );
}

/** An icon element for Button's iconBefore/iconAfter (new Button takes a component rendering the glyph). */
export function iconFor(name: string | undefined): ((props: { label: string }) => ReactNode) | undefined {
  if (!name) return undefined;
  const Glyph = GLYPHS[name];
  if (Glyph) return (props) => <Glyph label={props.label} color="currentColor" />;
  return () => <UnmappedIcon name={name} />;
}

export function IconAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const glyph = str(node.props, 'glyph') ?? '';
  const Glyph = GLYPHS[glyph];
  if (!Glyph) return <UnmappedIcon name={glyph} />;
  const size = str(node.props, 'size') === 'small' ? 'small' : 'medium';
  const color = str(node.props, 'color') ?? str(node.props, 'primaryColor');
  return <Glyph label={str(node.props, 'label') ?? ''} size={size} {...(color ? { color } : {})} />;
}
