// Two identical signed pushes arriving at the same moment (an IdP that retried too early, a duplicated delivery),
// stepped through every order of their storage calls on the push's own state (its receipt, the user's pushed
// attributes, the audit line): the attributes are applied exactly once and the push is never lost, also when one
// of the twins meets a Jira outage and the IdP retries it. And an older and a newer push for one user arriving
// together leave the newer attributes, in every order.
import type { PlatformOperation } from '../../../emulator/platform';
import type { WebTriggerReply } from '../../../emulator/platform/webtrigger-server';
import type { AppHarness } from '../../support/app-harness';
import { exploreInterleavings, type Worker } from '../../support/interleavings';
import { pushAuditLines, pushedFor, signed, startPushApp } from './idp-push-setup';

jest.setTimeout(300_000);

interface StorageItem {
  key?: string;
  entityName?: string;
}

function touchesPushState(item: StorageItem | undefined): boolean {
  if (!item) return false;
  if (item.entityName) return item.entityName === 'audit-entry' || item.entityName.startsWith('push-');
  return /^(nonce|pushed):/.test(item.key ?? '');
}

/** The steps: storage calls on the push's own state. Secrets, settings and the queueing of the user run freely. */
function onPushState(operation: PlatformOperation): boolean {
  if (operation.kind !== 'storage' || operation.path.startsWith('/api/v1/secret/')) return false;
  const body = operation.body as
    (StorageItem & { set?: StorageItem[]; delete?: StorageItem[]; check?: StorageItem[] }) | undefined;
  if (operation.path === '/api/v1/transaction')
    return [...(body?.set ?? []), ...(body?.delete ?? []), ...(body?.check ?? [])].some(touchesPushState);
  return touchesPushState(body);
}

/** Successful storage writes that carried someone's pushed attributes (each small write is one unit). */
function writesOfPushedAttributes(app: AppHarness): number {
  let units = 0;
  for (const [label, used] of app.platform.kvsQuota.usageByLabel)
    if (/^write (set|transaction) (.*\+)?pushed(\+|$)/.test(label)) units += used;
  return units;
}

interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

function send(app: AppHarness, request: SignedRequest, tag?: string): Promise<WebTriggerReply> {
  return app.platform.runWebTrigger(
    'idp-attribute-push',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...request.headers },
      body: request.body,
    },
    tag !== undefined ? { tag } : {},
  );
}

const JIRA_DOWN = { seed: 3, rules: [{ product: 'jira' as const, errorRate: 1, errorStatuses: [503] }] };

type Outage = 'none' | 'first' | 'second';

describe('two identical pushes at the same moment, in every order of their steps', () => {
  it.each<[string, Outage]>([
    ['with Jira up for both', 'none'],
    ['with Jira down for the first', 'first'],
    ['with Jira down for the second', 'second'],
  ])('apply the attributes once and are never lost, %s', async (_name, outage) => {
    const email = 'tess.twin@acme.example';
    const failing = outage === 'first' ? 'A' : outage === 'second' ? 'B' : undefined;
    let app: AppHarness | undefined;
    let accountId = '';
    let request: SignedRequest = { body: '', headers: {} };
    let replies: Record<string, WebTriggerReply> = {};
    const twin: Worker = async (running, tag) => {
      replies[tag] = await send(running, request, tag);
    };
    const { schedules } = await exploreInterleavings({
      setup: async () => {
        app = (await startPushApp()).app;
        accountId = app.jitLogin(email, 'Tess Twin');
        const body = JSON.stringify({ email, attributes: { employeeType: 'contractor' } });
        request = { body, headers: signed(app, body) };
        replies = {};
        return app;
      },
      workers: { A: twin, B: twin },
      isStep: onPushState,
      // Between steps only one twin runs, so Jira can be down for one and up for the other.
      onOperation: (operation) => {
        if (operation.kind === 'product') app?.site.setFaults(operation.tag === failing ? JIRA_DOWN : null);
      },
      check: async (checked) => {
        checked.site.setFaults(null);
        const statuses = [replies['A']?.statusCode, replies['B']?.statusCode];
        expect(statuses.every((s) => s === 202 || s === 409 || s === 503)).toBe(true);
        // The IdP retries what it was told to retry, later, with the same signed request.
        for (const reply of Object.values(replies).filter((r) => r.statusCode === 503)) {
          expect(reply.headers?.['Retry-After']).toBeDefined();
          const retry = await send(checked, request);
          expect([202, 409]).toContain(retry.statusCode);
          statuses.push(retry.statusCode);
        }
        expect(statuses).toContain(202);
        expect(writesOfPushedAttributes(checked)).toBe(1);
        expect(await pushAuditLines(checked, accountId)).toHaveLength(1);
        expect((await pushedFor(checked, accountId))?.attributes).toEqual({ employeeType: 'contractor' });
        await checked.drain();
        expect(checked.groupNamesOf(accountId)).toContain('support-agents');
      },
    });
    expect(schedules).toBeGreaterThan(1);
  });
});

it('an older and a newer push for one user arriving together leave the newer attributes, in every order', async () => {
  let accountId = '';
  let requests: Record<string, SignedRequest> = {};
  const replies: Record<string, WebTriggerReply> = {};
  const pushOf: Worker = async (running, tag) => {
    replies[tag] = await send(running, requests[tag] as SignedRequest, tag);
  };
  const { schedules } = await exploreInterleavings({
    setup: async () => {
      const { app } = await startPushApp();
      accountId = app.jitLogin('olga.order@acme.example', 'Olga Order');
      const now = Math.floor(app.clock.now() / 1000);
      const older = JSON.stringify({ accountId, attributes: { employeeType: 'staff' } });
      const newer = JSON.stringify({ accountId, attributes: { employeeType: 'contractor' } });
      requests = {
        older: { body: older, headers: signed(app, older, now - 10) },
        newer: { body: newer, headers: signed(app, newer, now) },
      };
      return app;
    },
    workers: { older: pushOf, newer: pushOf },
    isStep: onPushState,
    check: async (app) => {
      expect([replies['older']?.statusCode, replies['newer']?.statusCode]).toEqual([202, 202]);
      expect((await pushedFor(app, accountId))?.attributes).toEqual({ employeeType: 'contractor' });
    },
  });
  expect(schedules).toBeGreaterThan(1);
});
