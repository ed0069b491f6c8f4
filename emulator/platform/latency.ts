// Network latency the site injects: charged to the calling invocation's time budget (virtual) or really slept.
import { currentInvocation } from './invocation';

export type LatencyMode = 'virtual' | 'real';

export function createLatencyDelay(mode: LatencyMode): (ms: number) => Promise<void> {
  if (mode === 'real') return (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  return (ms) => {
    currentInvocation()?.charge(ms);
    return Promise.resolve();
  };
}
