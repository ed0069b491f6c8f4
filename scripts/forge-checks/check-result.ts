// The shape every Forge check reports: pass/fail, how long it took, and each problem with file:line when known.

export type CheckName = 'manifest' | 'lint' | 'bundle';

export interface Problem {
  message: string;
  /** Absolute path of the file the problem is in, when the tool says. */
  file?: string;
  line?: number;
  column?: number;
}

export interface CheckResult {
  name: CheckName;
  ok: boolean;
  durationMs: number;
  /** One short line: what was checked, or why it failed. */
  summary: string;
  errors: Problem[];
  warnings: Problem[];
}

export type CheckOutcome = Omit<CheckResult, 'name' | 'durationMs'>;

/** Runs one check, timing it; a thrown error becomes a failed result instead of stopping the other checks. */
export async function timedCheck(name: CheckName, run: () => Promise<CheckOutcome>): Promise<CheckResult> {
  const started = performance.now();
  let outcome: CheckOutcome;
  try {
    outcome = await run();
  } catch (error) {
    outcome = {
      ok: false,
      summary: 'could not run',
      errors: [{ message: describeError(error) }],
      warnings: [],
    };
  }
  return { name, durationMs: performance.now() - started, ...outcome };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
