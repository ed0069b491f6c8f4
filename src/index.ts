// Re-exports the handlers that manifest.yml names, grouped by module; no logic lives here.

// trigger: user events
export { onUserEvent } from './entry/triggers/user-events';

// consumer: provisioning queue
export { provisionWorker } from './entry/consumers/provision-worker';
