// Every storage key, prefix and custom-entity name the app uses; repositories build keys only through here.

/** Custom entities declared in manifest.yml (app.storage.entities); names must match it exactly. */
export const ENTITY = {
  audit: 'audit-entry',
  ledger: 'grant-ledger',
  userState: 'user-state',
  inactivityRecord: 'inactivity-record',
} as const;

/** Indexes declared in manifest.yml per entity. */
export const INDEX = {
  auditByTime: 'by-time',
  auditByAccount: 'by-account',
  auditByRule: 'by-rule',
  auditByRun: 'by-run',
  auditByAction: 'by-action',
  ledgerByAccount: 'by-account',
  ledgerByRule: 'by-rule',
  userStateByStatus: 'by-status',
  inactivityByRun: 'by-run',
  inactivityByAccount: 'by-account',
} as const;

export const KEY = {
  settings: 'settings',
  secretMeta: (name: string) => `secret-meta:${name}`,
  rule: (id: string) => `rule:${id}`,
  rulePrefix: 'rule:',
  exclusiveSets: 'exclusive-sets',
  ruleLastMatched: (ruleId: string) => `rule-matched:${ruleId}`,
  /** Set while a provisioning run for the account is queued; coalesces bursts of events. */
  provisionQueued: (accountId: string) => `queued:${accountId}`,
  pushedAttributes: (accountId: string) => `pushed:${accountId}`,
  webTriggerNonce: (signature: string) => `nonce:${signature}`,
  watermark: (name: string) => `watermark:${name}`,
  job: (id: string) => `job:${id}`,
  jobPrefix: 'job:',
  activeJob: (kind: string) => `active-job:${kind}`,
  health: (component: string) => `health:${component}`,
  healthPrefix: 'health:',
  inactivityPolicy: 'inactivity-policy',
  inactivityRun: (id: string) => `inactivity-run:${id}`,
  inactivityRunPrefix: 'inactivity-run:',
  metric: (name: string, bucket: string) => `metric:${name}:${bucket}`,
  metricPrefix: (name: string) => `metric:${name}:`,
} as const;

/** Names under which `kvs.setSecret` stores the admin's credentials. */
export const SECRET_KEY = (name: string) => `secret:${name}`;
