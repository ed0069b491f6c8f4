// Every storage key, prefix and custom-entity name the app uses; repositories build keys only through here.

/** Custom entities declared in manifest.yml (app.storage.entities); names must match it exactly. */
export const ENTITY = {
  audit: 'audit-entry',
  ledger: 'grant-ledger',
  userState: 'user-state',
  inactivityRecord: 'inactivity-record',
  /** A processed IdP push by its signature (replay protection), kept past the replay window. */
  pushReceipt: 'push-receipt',
  /** The newest IdP push applied per user, so an older one landing later cannot overwrite it. */
  pushLatest: 'push-latest',
  /** Access review campaigns: status (checked by every decision's transaction) and the campaign as JSON. */
  reviewCampaign: 'review-campaign',
  /** One membership under review: its reviewer, decision, stage of acting on it, and evidence. */
  reviewItem: 'review-item',
  /** Per campaign and reviewer: how many items, kept and removed (kept in step with decisions). */
  reviewTally: 'review-tally',
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
  /** Partition [state]: e.g. every grant an access review removed and the engine withholds ('denied'). */
  ledgerByState: 'by-state',
  userStateByStatus: 'by-status',
  inactivityByRun: 'by-run',
  inactivityByAccount: 'by-account',
  /** Partition [runId, kind]: a run's decision rows, or its action rows. */
  inactivityByRunKind: 'by-run-kind',
  /** Partition [runId, kind, status]: e.g. a run's action rows still planned (the execute step's work list). */
  inactivityByRunStatus: 'by-run-status',
  reviewCampaignByTime: 'by-time',
  reviewCampaignByStatus: 'by-status',
  /** Partition [campaignId]: every item of a campaign (report, counting, purge). */
  reviewItemByCampaign: 'by-campaign',
  /** Partition [campaignId, reviewer]: one reviewer's items (the reviewer page). */
  reviewItemByReviewer: 'by-campaign-reviewer',
  /** Partition [campaignId, reviewer, decision]: one reviewer's undecided or decided items. */
  reviewItemByReviewerDecision: 'by-campaign-reviewer-decision',
  /** Partition [campaignId, decision]: e.g. the items nobody decided, at the end. */
  reviewItemByDecision: 'by-campaign-decision',
  /** Partition [campaignId, stage]: the removals to carry out ('act') and those under way ('acting'). */
  reviewItemByStage: 'by-campaign-stage',
  reviewTallyByCampaign: 'by-campaign',
  reviewTallyByReviewer: 'by-reviewer',
} as const;

export const KEY = {
  settings: 'settings',
  secretMeta: (name: string) => `secret-meta:${name}`,
  rule: (id: string) => `rule:${id}`,
  rulePrefix: 'rule:',
  exclusiveSets: 'exclusive-sets',
  ruleLastMatched: (ruleId: string) => `rule-matched:${ruleId}`,
  pushedAttributes: (accountId: string) => `pushed:${accountId}`,
  watermark: (name: string) => `watermark:${name}`,
  job: (id: string) => `job:${id}`,
  /** Page plans and results of a job, kept apart from `job:` so listing jobs stays cheap. */
  jobData: (id: string) => `job-data:${id}`,
  /** Everyone one page of a preview would give (`gain`) or take (`loss`) one grant, by a hash of the grant key. */
  jobAffectedPrefix: (jobId: string, change: string, grantHash: string) =>
    `job-data:${jobId}:who:${change}:${grantHash}:`,
  jobAffectedAll: (jobId: string) => `job-data:${jobId}:who:`,
  jobPrefix: 'job:',
  activeJob: (kind: string) => `active-job:${kind}`,
  /** The shared rate governor: gate, parked users, and its single releaser. */
  rateGate: 'rate-gate',
  parked: (accountId: string) => `parked:${accountId}`,
  parkedPrefix: 'parked:',
  releaserQueued: 'rate-releaser-queued',
  /** A component's latest verdict of one outcome: its last success and its last failure are kept apart. */
  health: (component: string, ok: boolean) => `health:${component}#${ok ? 'ok' : 'failure'}`,
  healthPrefix: 'health:',
  inactivityPolicy: 'inactivity-policy',
  inactivityRun: (id: string) => `inactivity-run:${id}`,
  inactivityRunPrefix: 'inactivity-run:',
  /** The policy a run decides with, frozen when it starts (a run can take hours). */
  inactivityRunPolicy: (runId: string) => `inactivity-run-policy:${runId}`,
  /** One page's outcome: the checkpoint, its report and planned actions; padded so pages sort in order. */
  inactivityRunPage: (runId: string, startAt: number) =>
    `inactivity-run-page:${runId}:${String(startAt).padStart(9, '0')}`,
  inactivityRunPagePrefix: (runId: string) => `inactivity-run-page:${runId}:`,
  /** Pages done, users seen, API calls: written by every step, kept apart from the run so steps never clobber it. */
  inactivityRunProgress: (runId: string) => `inactivity-run-progress:${runId}`,
  /** Claimed (FAIL_IF_EXISTS) by whoever enqueues a run's next step, so duplicated deliveries do not fork it. */
  inactivityRunStep: (runId: string, step: string) => `inactivity-step:${runId}:${step}`,
  /** Held by the run that is collecting or executing: runs share the org's Admin API budget, one at a time. */
  inactivityActiveRun: 'inactivity-active-run',
  /** Set while a live run waits for an admin's review: no new live run starts meanwhile. */
  inactivityPendingReview: 'inactivity-pending-review',
  /** A user's last-active dates as last fetched from the Admin API (reused while recent). */
  inactivityActivity: (accountId: string) => `inactivity-activity:${accountId}`,
  /** How far the index of licence-group changes read from the site's audit log reaches, and a read under way. */
  inactivityGrantHistory: 'inactivity-grant-history',
  /** One user's licence-group additions and removals as the site's audit log recorded them. */
  inactivityUserGrants: (accountId: string) => `inactivity-grants:${accountId}`,
  /** The warning a user was given for one product (at most one per account and product). */
  inactivityWarning: (accountId: string, product: string) => `inactivity-warning:${accountId}:${product}`,
  /** Privileged targets: the site's snapshot, each allow-listed target and each marked group, under one prefix. */
  privilegedPrefix: 'privileged:',
  privilegedSnapshot: 'privileged:snapshot',
  privilegedAllowance: (grantKey: string) => `privileged:allow:${grantKey}`,
  privilegedAllowancePrefix: 'privileged:allow:',
  privilegedMark: (groupId: string) => `privileged:mark:${groupId}`,
  privilegedMarkPrefix: 'privileged:mark:',
  /** The next message of a long run whose chain of async events is spent, waiting for the relay (a new root). */
  continuation: (id: string) => `continuation:${id}`,
  continuationPrefix: 'continuation:',
  /** Access reviews: a series (the definition a site admin saved, and when its next campaign starts). */
  reviewSeries: (seriesId: string) => `review-series:${seriesId}`,
  reviewSeriesPrefix: 'review-series:',
  /** Claimed (FAIL_IF_EXISTS) by whoever enqueues a campaign's step or starts a series' campaign. */
  reviewStep: (campaignId: string, step: string) => `review-step:${campaignId}:${step}`,
  /** A notice to one reviewer (kind and round), claimed before sending so it is sent once. */
  reviewNotice: (campaignId: string, notice: string, reviewer: string) =>
    `review-notice:${campaignId}:${notice}:${reviewer}`,
  /** Counting a campaign's items per reviewer, resumable: where it got to and the counts so far. */
  reviewCount: (campaignId: string) => `review-count:${campaignId}`,
  metric: (name: string, bucket: string) => `metric:${name}:${bucket}`,
  metricPrefix: (name: string) => `metric:${name}:`,
} as const;

/** Names under which `kvs.setSecret` stores the admin's credentials. */
export const SECRET_KEY = (name: string) => `secret:${name}`;
