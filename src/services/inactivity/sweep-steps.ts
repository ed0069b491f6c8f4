// The sweep's queue: the steps a run goes through, their event bodies, and enqueueing a step exactly once.
import { claimRunStep, releaseRunStep } from '../../storage/inactivity-run-repository';
import { chainPushesOf, continueRun } from '../chain-relay';
import type { RuntimeDeps } from '../runtime-deps';

/** Declared in manifest.yml (modules.consumer). */
export const INACTIVITY_QUEUE = 'inactivity-sweep';

/**
 * `chain`: push requests made so far in the chain of async events that delivered this step (see chain-relay); a
 * run continues in a new chain before Forge's limit. Not part of the step's identity.
 */
export type SweepStep =
  /** Bring the licence-grant history (the site's audit log) up to date before any page is decided. */
  (
    | { readonly kind: 'grants'; readonly runId: string; readonly round: number }
    /** Decide one page of users; `wait` counts consecutive rate-limited retries of this page. */
    | { readonly kind: 'page'; readonly runId: string; readonly startAt: number; readonly wait: number }
    /** All pages decided: add up, apply the brake, then execute or wait for review. */
    | { readonly kind: 'finalize'; readonly runId: string }
    /** Carry out a batch of allowed actions. */
    | { readonly kind: 'execute'; readonly runId: string; readonly round: number }
    /** Undo a batch of a run's actions, for the admin who asked at `requestedAt`. */
    | {
        readonly kind: 'restore';
        readonly runId: string;
        readonly round: number;
        readonly by: string;
        readonly requestedAt: number;
        /** Where the previous batch stopped among the run's done rows (rows a restore could not finish stay behind it). */
        readonly cursor?: string;
      }
  ) & { readonly chain?: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Validates a queue body; undefined for anything that is not a step this version understands. */
export function parseSweepStep(body: unknown): SweepStep | undefined {
  if (!isRecord(body)) return undefined;
  const step = parseStep(body);
  return step && isCount(body.chain) ? { ...step, chain: body.chain } : step;
}

function parseStep(body: Record<string, unknown>): SweepStep | undefined {
  if (typeof body.runId !== 'string' || body.runId.length === 0) return undefined;
  const runId = body.runId;
  switch (body.kind) {
    case 'grants':
      return isCount(body.round) ? { kind: 'grants', runId, round: body.round } : undefined;
    case 'page':
      return isCount(body.startAt) && isCount(body.wait)
        ? { kind: 'page', runId, startAt: body.startAt, wait: body.wait }
        : undefined;
    case 'finalize':
      return { kind: 'finalize', runId };
    case 'execute':
      return isCount(body.round) ? { kind: 'execute', runId, round: body.round } : undefined;
    case 'restore':
      return isCount(body.round) && typeof body.by === 'string' && isCount(body.requestedAt)
        ? {
            kind: 'restore',
            runId,
            round: body.round,
            by: body.by,
            requestedAt: body.requestedAt,
            ...(typeof body.cursor === 'string' ? { cursor: body.cursor } : {}),
          }
        : undefined;
    default:
      return undefined;
  }
}

/** The claim name of a step: each step of a run is enqueued at most once, whoever tries. */
export function stepName(step: SweepStep): string {
  switch (step.kind) {
    case 'grants':
      return `grants:${step.round}`;
    case 'page':
      return `page:${step.startAt}:${step.wait}`;
    case 'finalize':
      return 'finalize';
    case 'execute':
      return `execute:${step.round}`;
    case 'restore':
      return `restore:${step.requestedAt}:${step.round}`;
  }
}

/**
 * Enqueues a step unless another delivery already did. The claim is given back if the push fails, so the retry
 * of this delivery can enqueue it. `after` is the step whose delivery enqueues this one (none when a trigger or
 * an admin starts it): its chain's pushes count, and a long run continues in a new chain through the relay.
 */
export async function enqueueStep(
  deps: RuntimeDeps,
  step: SweepStep,
  delaySeconds = 0,
  after?: SweepStep,
): Promise<boolean> {
  const name = stepName(step);
  if (!(await claimRunStep(step.runId, name))) return false;
  const { chain: _chain, ...body } = step;
  try {
    await continueRun(
      deps,
      { id: `inactivity:${step.runId}:${name}`, queue: INACTIVITY_QUEUE, body, delaySeconds },
      after ? chainPushesOf(after) : 0,
    );
    return true;
  } catch (e) {
    await releaseRunStep(step.runId, name);
    throw e;
  }
}
