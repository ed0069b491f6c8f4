// Re-exports the handlers that manifest.yml names, grouped by module; no logic lives here.
export { heartbeat } from './entry/scheduled/heartbeat';
