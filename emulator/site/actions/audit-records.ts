// The audit records Jira writes for user, group and project-role changes (summary, category, items).
import type { NewAuditRecord } from '../state/audit-log';
import type { Account, Group, Project, ProjectRoleDefinition } from '../state/types';

/** Jira Cloud's user directory as the audit log names it. */
const DIRECTORY = {
  parentId: '10000',
  parentName: 'com.atlassian.crowd.directory.IdentityPlatformRemoteDirectory',
};

function userItem(account: Account): NewAuditRecord['objectItem'] {
  return { id: account.accountId, name: account.accountId, typeName: 'USER', ...DIRECTORY };
}

function groupItem(group: Group): NewAuditRecord['objectItem'] {
  return { name: group.name, typeName: 'GROUP', ...DIRECTORY };
}

export interface AuditAuthor {
  accountId?: string;
  remoteAddress?: string;
  /** `eventSource` in Jira's record, e.g. the app's name for changes an app made. */
  eventSource?: string;
}

function base(
  author: AuditAuthor,
): Pick<NewAuditRecord, 'eventSource' | 'authorAccountId' | 'remoteAddress'> {
  return {
    eventSource: author.eventSource ?? '',
    ...(author.accountId !== undefined ? { authorAccountId: author.accountId } : {}),
    ...(author.remoteAddress !== undefined ? { remoteAddress: author.remoteAddress } : {}),
  };
}

export function userCreatedRecord(account: Account, author: AuditAuthor): NewAuditRecord {
  return {
    ...base(author),
    summary: 'User created',
    category: 'user management',
    objectItem: userItem(account),
    associatedItems: [],
    changedValues: [
      { fieldName: 'Username', changedTo: account.accountId },
      { fieldName: 'Full name', changedTo: account.displayName },
      { fieldName: 'Email', changedTo: account.email },
      { fieldName: 'Active / Inactive', changedTo: 'Active' },
    ],
  };
}

export function userUpdatedRecord(
  account: Account,
  changes: Array<{ fieldName: string; changedFrom?: string; changedTo?: string }>,
  author: AuditAuthor,
): NewAuditRecord {
  return {
    ...base(author),
    summary: 'User updated',
    category: 'user management',
    objectItem: userItem(account),
    associatedItems: [],
    changedValues: changes,
  };
}

export function userActivationRecord(account: Account, active: boolean, author: AuditAuthor): NewAuditRecord {
  return {
    ...base(author),
    summary: active ? 'User activated' : 'User deactivated',
    category: 'user management',
    objectItem: userItem(account),
    associatedItems: [],
    changedValues: [
      {
        fieldName: 'Active / Inactive',
        changedFrom: active ? 'Inactive' : 'Active',
        changedTo: active ? 'Active' : 'Inactive',
      },
    ],
  };
}

export function groupMembershipRecord(
  group: Group,
  account: Account,
  added: boolean,
  author: AuditAuthor,
): NewAuditRecord {
  return {
    ...base(author),
    summary: added ? 'User added to group' : 'User removed from group',
    category: 'group management',
    objectItem: groupItem(group),
    associatedItems: [userItem(account)],
    changedValues: [],
  };
}

export function groupLifecycleRecord(group: Group, created: boolean, author: AuditAuthor): NewAuditRecord {
  return {
    ...base(author),
    summary: created ? 'Group created' : 'Group deleted',
    category: 'group management',
    objectItem: groupItem(group),
    associatedItems: [],
    changedValues: [],
  };
}

export function projectRolesChangedRecord(
  project: Project,
  role: ProjectRoleDefinition,
  change: { fieldName: 'Users' | 'Groups'; changedFrom: string; changedTo: string },
  author: AuditAuthor,
): NewAuditRecord {
  return {
    ...base(author),
    summary: 'Project roles changed',
    category: 'projects',
    objectItem: { id: String(role.id), name: role.name, typeName: 'PROJECT_ROLE' },
    associatedItems: [{ id: project.id, name: project.name, typeName: 'PROJECT' }],
    changedValues: [change],
  };
}
