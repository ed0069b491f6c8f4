// Re-exports the handlers that manifest.yml names, grouped by module; no logic lives here.

// trigger: user events
export { onUserEvent } from './entry/triggers/user-events';

// consumer: provisioning queue
export { provisionWorker } from './entry/consumers/provision-worker';

// consumer: jobs queue (backfill, impact preview)
export { jobsWorker } from './entry/consumers/jobs-worker';

// scheduledTrigger: backstop scan, daily pass
export { backstopScan } from './entry/scheduled/backstop-scan';
export { dailyPass } from './entry/scheduled/daily-pass';

// scheduledTrigger: the relay (long runs continue in a new chain of async events)
export { continueLongRuns } from './entry/scheduled/continue-long-runs';

// webtrigger: identity-provider attribute push
export { idpPush } from './entry/webtriggers/idp-push';

// scheduledTrigger: inactivity clean-up, daily start
export { inactivityDailySweep } from './entry/scheduled/inactivity-sweep';

// consumer: inactivity sweep queue (pages, brake, actions, restores)
export { inactivitySweepWorker } from './entry/consumers/inactivity-sweep';

// jira:adminPage, confluence:globalSettings: the admin page's resolver
export { adminResolver } from './entry/resolvers/admin-resolver';

// jira:globalPage: the reviewer page's resolver (access reviews)
export { reviewerResolver } from './entry/resolvers/reviewer-resolver';

// consumer: access reviews queue; scheduledTrigger: their hourly check
export { accessReviewsWorker } from './entry/consumers/access-reviews-worker';
export { accessReviewsHourly } from './entry/scheduled/access-reviews-hourly';
