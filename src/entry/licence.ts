// Reads the licence Forge passes (`context.license`, the same for every module kind) and the environment the app
// runs in (getAppContext), and asks the pure decision whether this installation may act. The only code that sees
// Forge's licence shape.
import { getAppContext } from '@forge/api';
import { decideLicence, type LicenceDecision, type LicenceFacts } from '../domain/licensing';
import { parkUntilLicensed } from '../services/licence-gate';
import type { RuntimeDeps } from '../services/runtime-deps';

/** The part of a function's context (second argument, or a resolver's request.context) that carries the licence. */
export interface LicensedContext {
  license?: unknown;
}

function field(record: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

function licenceFacts(raw: unknown): LicenceFacts['licence'] {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  // `isActive` is the deprecated name of `active` (function-reference/arguments); older runtimes send only it.
  const active = field(record, 'active') ?? field(record, 'isActive');
  const isEvaluation = field(record, 'isEvaluation');
  const trialEndDate = field(record, 'trialEndDate');
  return {
    active: typeof active === 'boolean' ? active : null,
    isEvaluation: typeof isEvaluation === 'boolean' ? isEvaluation : null,
    trialEndDate: typeof trialEndDate === 'string' ? trialEndDate : null,
  };
}

function environmentType(): string | undefined {
  try {
    return getAppContext().environmentType;
  } catch {
    // No runtime context (never on Forge): unknown, which the decision treats as production.
    return undefined;
  }
}

/** May this invocation's installation act? From the context Forge passed the function. */
export function licenceOf(context: LicensedContext | undefined): LicenceDecision {
  const licence = licenceFacts(context?.license);
  const environment = environmentType();
  return decideLicence({
    ...(licence ? { licence } : {}),
    ...(environment !== undefined ? { environmentType: environment } : {}),
  });
}

/**
 * A queued message while the installation may not act: parked whole, untouched, for the relay to push again once
 * the licence is back. True when it was parked, so the consumer returns at once.
 */
export async function parkedWhileUnlicensed(
  deps: Pick<RuntimeDeps, 'now'>,
  context: LicensedContext,
  queue: string,
  event: { eventId: string; body: Record<string, unknown> },
): Promise<boolean> {
  const licence = licenceOf(context);
  if (licence.mayAct) return false;
  await parkUntilLicensed(deps, licence, { queue, eventId: event.eventId, body: event.body });
  return true;
}
