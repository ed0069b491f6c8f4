// The rules engine's catalogues in the reader's words: built-in attributes, comparison operators and grants
// (the engine's own English labels stay for logs and the backend).
import type { CompareOperator, KnownAttributeName } from '../../domain/rules';
import type { TextKey } from '../../shared/i18n/text';

export const ATTRIBUTE_LABEL: Record<KnownAttributeName, TextKey> = {
  accountId: 'rules.attributes.accountId',
  email: 'rules.attributes.email',
  emailDomain: 'rules.attributes.emailDomain',
  displayName: 'rules.attributes.displayName',
  department: 'rules.attributes.department',
  jobTitle: 'rules.attributes.jobTitle',
  organization: 'rules.attributes.organization',
  location: 'rules.attributes.location',
  timeZone: 'rules.attributes.timeZone',
  preferredLanguage: 'rules.attributes.preferredLanguage',
  accountType: 'rules.attributes.accountType',
  active: 'rules.attributes.active',
  groups: 'rules.attributes.groups',
  idpGroups: 'rules.attributes.idpGroups',
};

export const OPERATOR_LABEL: Record<CompareOperator, TextKey> = {
  eq: 'rules.operators.eq',
  ne: 'rules.operators.ne',
  in: 'rules.operators.in',
  notIn: 'rules.operators.notIn',
  startsWith: 'rules.operators.startsWith',
  notStartsWith: 'rules.operators.notStartsWith',
  endsWith: 'rules.operators.endsWith',
  notEndsWith: 'rules.operators.notEndsWith',
  contains: 'rules.operators.contains',
  notContains: 'rules.operators.notContains',
  match: 'rules.operators.match',
  notMatch: 'rules.operators.notMatch',
  lt: 'rules.operators.lt',
  le: 'rules.operators.le',
  gt: 'rules.operators.gt',
  ge: 'rules.operators.ge',
};
