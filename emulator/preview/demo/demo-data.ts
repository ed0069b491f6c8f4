// Fixed sample data for the demo page: charts in both data formats (objects and arrays), and a few rules.
export const DEMO_RULES = [
  {
    id: 'r1',
    priority: 1,
    name: 'Sales to jira-sales',
    grants: 'jira-sales',
    enabled: true,
    expression: 'user.department -eq "Sales"',
  },
  {
    id: 'r2',
    priority: 2,
    name: 'Engineers to confluence-eng',
    grants: 'confluence-eng',
    enabled: true,
    expression: 'user.department -eq "Engineering"',
  },
  {
    id: 'r3',
    priority: 3,
    name: 'Contractors read-only',
    grants: 'jira-viewers',
    enabled: false,
    expression: 'user.userType -eq "Contractor"',
  },
  {
    id: 'r4',
    priority: 4,
    name: 'Managers to project leads',
    grants: 'Administrators (ACME)',
    enabled: true,
    expression: 'user.jobTitle -contains "Manager"',
  },
];

export const SEATS_BY_WEEK = [
  { week: 'W1', product: 'Jira', seats: 3 },
  { week: 'W1', product: 'Confluence', seats: 1 },
  { week: 'W2', product: 'Jira', seats: 5 },
  { week: 'W2', product: 'Confluence', seats: 2 },
  { week: 'W3', product: 'Jira', seats: 2 },
  { week: 'W3', product: 'Confluence', seats: 4 },
];

export const INACTIVE_BY_PRODUCT = [
  { product: 'Jira', users: 7 },
  { product: 'Confluence', users: 4 },
];

export const PROVISIONED_BY_DAY = [
  ['Mon', 4],
  ['Tue', 7],
  ['Wed', 3],
  ['Thu', 9],
  ['Fri', 6],
];
