// The Forge platform half of the emulator: public entry points.
export { installForgeGlobals } from './runtime-globals';
export {
  createPlatform,
  ForgePlatform,
  ResolverInvocationError,
  type DeliveryDials,
  type PlatformOptions,
  type Schedules,
} from './platform';
export { handlePlatformControl } from './platform-control';
export { LICENSE_STATES, isLicenseState, type LicenseState, type ForgeLicense } from './license';
export { createLatencyDelay, type LatencyMode } from './latency';
export type { InvocationRecord } from './function-runner';
export { TIME_LIMITS_MS } from './function-runner';
export { QUEUE_LIMITS, type EventChain } from './queue/queue-store';
export { KVS_LIMITS } from './kvs/kvs-limits';
export type { OperationGate, PlatformOperation } from './operation-gate';
