// Jest global setup: starts a fresh OpenAPI sweep in a folder of this run's own (each integration test's site
// writes its validation counts there), so concurrent runs on one machine do not mix their counts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export default function specSweepSetup(): void {
  const dir = join(__dirname, '..', '..', '.local', 'spec-sweep', `${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  process.env.SPEC_SWEEP_DIR = dir;
}
