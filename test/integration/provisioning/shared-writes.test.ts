// Several users of one message share storage writes (Forge meters writes per installation): their intents are
// claimed in one transaction, their results and the message's bookkeeping in another; collisions stay per user.
import { AppHarness } from '../../support/app-harness';
import { ledgerForAccount, putLedger, type LedgerRow } from '../../../src/storage/ledger-repository';
import { IntentClaims } from '../../../src/storage/provisioning-writes';
import { ruleLastMatched } from '../../../src/storage/rules-repository';
import { allHealth } from '../../../src/storage/health-repository';
import { configure, emailDomainRule, orgApiSettings } from './provisioning-setup';

let app: AppHarness;
afterEach(() => app.close());

describe('one message of several new users', () => {
  it('claims all their intents in one transaction and records results with the rule match and write-path health', async () => {
    app = AppHarness.start();
    await configure(app, orgApiSettings(app), [emailDomainRule(app, 'sales-team')]);
    const before = new Map(app.platform.kvsQuota.usageByLabel);
    // Within the coalescing window: the releaser sends the four of them in one message.
    const people = ['ann', 'bob', 'cat', 'dan'].map((n) => app.jitLogin(`${n}.shared@acme.example`, n));
    await app.drain();

    const runs = app.platform.invocations.filter((r) => r.moduleKey === 'provision-consumer');
    expect(runs).toHaveLength(1);
    for (const id of people) expect(app.groupNamesOf(id)).toContain('sales-team');
    const used = (label: string) =>
      (app.platform.kvsQuota.usageByLabel.get(label) ?? 0) - (before.get(label) ?? 0);
    // Intents: the only transactions that touch the ledger alone.
    expect(used('write transaction grant-ledger')).toBe(1);
    // Results (ledger, audit, user state) of all four plus "rule last matched" and the health verdict: one write.
    expect(used('write transaction audit-entry+grant-ledger+health+rule-matched+user-state')).toBe(1);

    const matched = await app.inApp(() => ruleLastMatched(['staff']));
    expect(matched.staff).toBeGreaterThan(0);
    const health = await app.inApp(() => allHealth());
    expect(health.find((h) => h.component === 'write-path')).toMatchObject({ ok: true });
  });
});

describe('intent claims shared by several users', () => {
  const row = (accountId: string, state: LedgerRow['state'] = 'adding'): LedgerRow => ({
    accountId,
    grantKey: 'group:g1',
    ruleId: 'staff',
    state,
    intentAt: 1,
    grantedAt: 0,
    grant: { kind: 'group', groupId: 'g1', groupName: 'G1' },
    runId: 'run-1',
    holder: 'invocation-1',
    leaseUntil: 1_000,
  });

  it('report only the user another run is already provisioning, and store the others', async () => {
    app = AppHarness.start();
    await app.inApp(async () => {
      // Another worker claimed "b" a moment ago.
      await putLedger({ ...row('b'), runId: 'other-run' });
      const claims = new IntentClaims(
        ['a', 'b', 'c'].map((id) => ({
          accountId: id,
          claims: [{ row: row(id), expect: 'absent' as const }],
        })),
      );
      await claims.commit();
      expect([...claims.conflicted]).toEqual(['b']);
      expect((await ledgerForAccount('a')).map((r) => r.runId)).toEqual(['run-1']);
      expect((await ledgerForAccount('c')).map((r) => r.runId)).toEqual(['run-1']);
      // The other run's intent is untouched.
      expect((await ledgerForAccount('b')).map((r) => r.runId)).toEqual(['other-run']);
    });
  });

  it('can be committed again after a refusal without reporting its own earlier claims as collisions', async () => {
    app = AppHarness.start();
    await app.inApp(async () => {
      const claims = new IntentClaims(
        ['a', 'b'].map((id) => ({ accountId: id, claims: [{ row: row(id), expect: 'absent' as const }] })),
      );
      await claims.commit();
      await claims.commit();
      expect(claims.conflicted.size).toBe(0);
      expect((await ledgerForAccount('a')).map((r) => r.state)).toEqual(['adding']);
    });
  });
});
