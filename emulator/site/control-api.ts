// The emulator's own API under /__emulator/... (JSON), kept apart from anything Atlassian serves: health,
// credentials, simulations (JIT login, invite, activity, admin group changes), the clock, fault and rate-limit
// dials, seeding and reset, and read-only snapshots for tests, scripts and the preview.
import type { EmulatorClock } from '../clock';
import type { Clock } from '../contracts';
import type { FaultConfig } from './faults';
import type { SeedSpec, Site } from './site';

export interface ControlResponse {
  status: number;
  body: unknown;
}

export interface ControlOptions {
  /** The shared clock; `advance`/`set` work when it is an EmulatorClock. */
  clock?: Clock | EmulatorClock;
  /**
   * Routes the site does not know, answered by whoever runs it beside the site (the Forge platform's delivery
   * dials in `npm start`); undefined means "not mine".
   */
  extraRoutes?: (method: string, path: string, body: unknown) => ControlResponse | undefined;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function record(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ControlError(400, 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, key: string, required: true): string;
function text(body: Record<string, unknown>, key: string, required: false): string | undefined;
function text(body: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const value = body[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ControlError(400, `"${key}" must be a non-empty string.`);
  return value;
}

function instant(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new ControlError(
    400,
    `"at" must be epoch milliseconds or an ISO 8601 date-time, got ${JSON.stringify(value)}.`,
  );
}

function isEmulatorClock(clock: Clock | undefined): clock is EmulatorClock {
  return clock !== undefined && typeof (clock as Partial<EmulatorClock>).advance === 'function';
}

function seedSpec(body: Record<string, unknown>): SeedSpec {
  const kind = body['kind'] ?? 'demo';
  if (kind === 'demo' || kind === 'empty') return kind;
  if (kind === 'scale') {
    const users = body['users'];
    if (typeof users !== 'number' || !Number.isInteger(users) || users < 0)
      throw new ControlError(400, '"users" must be a non-negative integer for kind "scale".');
    return { scale: users };
  }
  throw new ControlError(400, `"kind" must be demo, empty or scale, got ${JSON.stringify(kind)}.`);
}

/** The routes, documented in emulator/site/README.md. */
export function handleControl(
  site: Site,
  method: string,
  pathWithQuery: string,
  body: unknown,
  options: ControlOptions = {},
): ControlResponse {
  const url = new URL(pathWithQuery, 'http://emulator.local');
  const path = url.pathname.replace(/\/+$/, '').replace(/^\/__emulator/, '') || '/';
  const route = `${method.toUpperCase()} ${path}`;
  const clock = options.clock;
  try {
    switch (route) {
      case 'GET /health':
        return { status: 200, body: { status: 'ok', siteUrl: site.siteUrl, cloudId: site.cloudId } };
      case 'GET /credentials':
        return { status: 200, body: site.credentials() };
      case 'POST /jit-login': {
        const input = record(body);
        const result = site.simulateJitLogin({
          email: text(input, 'email', true),
          displayName: text(input, 'displayName', true),
        });
        return { status: result.created ? 201 : 200, body: result };
      }
      case 'POST /invite': {
        const input = record(body);
        const groups = input['groups'];
        if (groups !== undefined && (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')))
          throw new ControlError(400, '"groups" must be an array of group names.');
        const displayName = text(input, 'displayName', false);
        const result = site.simulateInvite({
          email: text(input, 'email', true),
          ...(displayName !== undefined ? { displayName } : {}),
          ...(groups !== undefined ? { groups: groups } : {}),
        });
        return { status: result.created ? 201 : 200, body: result };
      }
      case 'POST /activity': {
        const input = record(body);
        const cloudId = text(input, 'cloudId', false);
        site.recordActivity(
          text(input, 'accountId', true),
          text(input, 'product', true),
          instant(input['at'], clock?.now() ?? Date.now()),
          cloudId ?? site.cloudId,
        );
        return { status: 204, body: undefined };
      }
      case 'POST /memberships': {
        const input = record(body);
        const member = input['member'] ?? true;
        if (typeof member !== 'boolean') throw new ControlError(400, '"member" must be a boolean.');
        const changed = site.setGroupMembership(
          text(input, 'accountId', true),
          text(input, 'group', true),
          member,
        );
        return { status: 200, body: { changed } };
      }
      case 'GET /clock': {
        const now = clock?.now() ?? Date.now();
        return {
          status: 200,
          body: {
            now,
            iso: new Date(now).toISOString(),
            mode: isEmulatorClock(clock) ? clock.mode : 'unknown',
          },
        };
      }
      case 'POST /clock/advance': {
        if (!isEmulatorClock(clock))
          throw new ControlError(501, 'This site was started without a controllable clock.');
        const input = record(body);
        const ms =
          (typeof input['ms'] === 'number' ? input['ms'] : 0) +
          (typeof input['days'] === 'number' ? input['days'] * 86_400_000 : 0);
        if (!(ms >= 0) || (input['ms'] === undefined && input['days'] === undefined))
          throw new ControlError(400, 'Give "ms" and/or "days" (non-negative numbers).');
        clock.advance(ms);
        return { status: 200, body: { now: clock.now(), iso: new Date(clock.now()).toISOString() } };
      }
      case 'GET /faults':
        return { status: 200, body: site.faults() };
      case 'PUT /faults':
        site.setFaults(body === null ? null : (record(body) as unknown as FaultConfig));
        return { status: 200, body: site.faults() };
      case 'DELETE /faults':
        site.setFaults(null);
        return { status: 200, body: site.faults() };
      case 'GET /rate-limits':
        return { status: 200, body: site.rateLimits() };
      case 'PUT /rate-limits':
        if (body === 'off' || body === 'default') return { status: 200, body: site.setRateLimits(body) };
        return { status: 200, body: site.setRateLimits(record(body)) };
      case 'PUT /last-active-lag': {
        const ms = record(body)['ms'];
        if (typeof ms !== 'number') throw new ControlError(400, '"ms" must be a number.');
        site.setLastActiveLag(ms);
        return { status: 204, body: undefined };
      }
      case 'PUT /audit-lag': {
        const ms = record(body)['ms'];
        if (typeof ms !== 'number') throw new ControlError(400, '"ms" must be a number.');
        site.setAuditLag(ms);
        return { status: 204, body: undefined };
      }
      case 'POST /seed': {
        const spec = seedSpec(body === undefined ? {} : record(body));
        site.reset(spec);
        return { status: 200, body: site.credentials() };
      }
      case 'POST /reset':
        site.reset();
        return { status: 200, body: site.credentials() };
      case 'GET /users': {
        const start = Number(url.searchParams.get('start') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 100);
        return { status: 200, body: site.accounts(start, Math.min(limit, 1000)) };
      }
      case 'GET /groups':
        return { status: 200, body: site.groups() };
      case 'GET /audit':
        return { status: 200, body: site.auditRecords() };
      case 'GET /events':
        return { status: 200, body: site.emittedEvents() };
      case 'GET /requests': {
        const limit = Number(url.searchParams.get('limit') ?? 200);
        return { status: 200, body: site.requestLog().slice(-limit) };
      }
      case 'GET /validation':
        return { status: 200, body: { stats: site.validationStats(), violations: site.specViolations() } };
      default:
        if (method.toUpperCase() === 'GET' && path.startsWith('/users/')) {
          const account = site.account(decodeURIComponent(path.slice('/users/'.length)));
          return account
            ? { status: 200, body: account }
            : { status: 404, body: { error: 'No such account.' } };
        }
        return (
          options.extraRoutes?.(method.toUpperCase(), path, body) ?? {
            status: 404,
            body: { error: `No control route ${route}. See emulator/site/README.md.` },
          }
        );
    }
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, body: { error: error.message } };
    if (error instanceof RangeError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
