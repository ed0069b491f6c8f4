// Reading only what the rules need, in bulk, changes what is read, never what is decided: a backfill (and a
// second one after a rule changed) ends with the same memberships, ledger and audit as the old reads of every
// enabled source, one call per user and source, on the same seed — for a fraction of the calls.
import { AppHarness } from '../../support/app-harness';
import { runtimeDeps } from '../../../src/entry/runtime';
import { jobProgress, startJob } from '../../../src/services/jobs/backfill';
import { withProvisioningTuning } from '../../../src/services/provisioning/provisioning-tuning';
import { queryAudit } from '../../../src/storage/audit-repository';
import { ledgerForAccount } from '../../../src/storage/ledger-repository';
import { recordPush } from '../../../src/storage/pushed-attributes-repository';
import { saveRule } from '../../../src/storage/rules-repository';
import type { Rule } from '../../../src/domain/rules';
import { configure, groupGrant, orgApiSettings, rule } from './provisioning-setup';

const USERS = 240;

/** Rules reading every kind of source: SCIM and directory profile, directory-only location, IdP groups, email,
 * site groups (including one the rules grant), and pushed attributes. */
function rules(app: AppHarness): Rule[] {
  return [
    rule({
      id: 'sales',
      when: 'user.department -eq "Sales"',
      grants: [groupGrant(app, 'sales-team')],
      onUnmatch: 'revoke',
    }),
    rule({
      id: 'sales-wiki',
      when: 'user.groups -any (_ -eq "sales-team")',
      grants: [groupGrant(app, 'confluence-sales')],
      onUnmatch: 'revoke',
    }),
    rule({ id: 'paris', when: 'user.location -eq "Paris"', grants: [groupGrant(app, 'marketing-team')] }),
    rule({
      id: 'engineers',
      when: 'user.idpGroups -any (_ -eq "idp-engineering")',
      grants: [groupGrant(app, 'jira-developers')],
    }),
    rule({
      id: 'contractors',
      when: 'user.emailDomain -eq "contractor.example" -and user.active -eq true',
      grants: [groupGrant(app, 'support-agents')],
    }),
    rule({
      id: 'cost-centre',
      when: 'user.custom.costCentre -eq "CC-17" -or user.jobTitle -startsWith "Finance"',
      grants: [groupGrant(app, 'finance-team')],
    }),
  ];
}

/** Rules on the email domain and site groups only: SCIM, the directory and pushed attributes have nothing to add. */
function narrowRules(app: AppHarness): Rule[] {
  return [
    rule({
      id: 'sales',
      when: 'user.emailDomain -eq "acme.example" -and user.groups -any (_ -eq "jira-software-users")',
      grants: [groupGrant(app, 'sales-team')],
      onUnmatch: 'revoke',
    }),
    rule({
      id: 'sales-wiki',
      when: 'user.groups -any (_ -eq "sales-team")',
      grants: [groupGrant(app, 'confluence-sales')],
      onUnmatch: 'revoke',
    }),
  ];
}

interface Outcome {
  memberships: Record<string, string[]>;
  ledger: Record<string, string[]>;
  audit: string[];
  readCalls: number;
  /** Calls to SCIM, the user-management profile, and the directory search. */
  profileCalls: number;
  people: number;
}

async function backfill(app: AppHarness): Promise<void> {
  const job = await app.inApp(() =>
    startJob('backfill', app.credentials.siteAdmin.accountId, runtimeDeps(app.credentials.siteAri)),
  );
  await app.drain();
  expect(await app.inApp(() => jobProgress(job.id))).toMatchObject({ status: 'done', failed: 0 });
}

/** Two backfills, the second after the Sales rule became an Engineering rule (so grants are taken back too). */
async function run(
  reads: 'as-needed' | 'every-source-one-by-one',
  ruleSet: (app: AppHarness) => Rule[] = rules,
): Promise<Outcome> {
  const restore = withProvisioningTuning({ attributeReads: reads });
  // Storage quotas off: the test reads every user's ledger and audit afterwards, far more than the app would.
  const app = AppHarness.start({ seed: { scale: USERS }, parallelism: 4, kvsQuota: 'off' });
  try {
    const set = ruleSet(app);
    await configure(
      app,
      {
        ...orgApiSettings(app),
        sources: {
          email: true,
          scim: { enabled: true },
          orgDirectory: { enabled: true },
          pushed: true,
        },
      },
      set,
    );
    const people = app.site.accounts(0, USERS + 100).accounts.filter((a) => a.accountType === 'atlassian');
    await app.inApp(async () => {
      for (const [i, person] of people.entries())
        if (i % 7 === 0)
          // As the signed web trigger records a push (its receipt, the attributes and the audit line).
          await recordPush({
            signatureId: `push-${i}`,
            receiptTtlSeconds: 3_600,
            attributes: {
              accountId: person.accountId,
              attributes: {
                costCentre: i % 14 === 0 ? 'CC-17' : 'CC-3',
                ...(i % 21 === 0 ? { department: 'Sales' } : {}),
              },
              receivedAt: app.clock.now(),
              sentAt: app.clock.now(),
            },
            audit: {
              id: `push-audit-${i}`,
              at: app.clock.now(),
              accountId: person.accountId,
              action: 'attributes-pushed',
              target: 'attributes',
              targetName: 'costCentre',
              ruleId: '',
              reason: 'The identity provider pushed attributes',
              outcome: 'success',
              runId: 'push:test',
              actor: 'idp',
            },
          });
    });
    await backfill(app);
    const sales = set[0] as Rule;
    await app.inApp(() =>
      saveRule({
        ...sales,
        condition: { text: sales.condition.text.replace(/"Sales"|"acme.example"/, '"x"'), dialect: 'entra' },
        updatedAt: app.clock.now(),
        updatedBy: 'test',
      }),
    );
    await backfill(app);

    const memberships: Outcome['memberships'] = {};
    for (const group of app.site.groups()) memberships[group.name] = app.site.groupMembers(group.name).sort();
    const ledger: Outcome['ledger'] = {};
    const audit: string[] = [];
    await app.inApp(async () => {
      for (const person of people) {
        ledger[person.accountId] = (await ledgerForAccount(person.accountId))
          .map((r) => `${r.grantKey} ${r.state} ${r.ruleId}`)
          .sort();
        const entries = (await queryAudit({ accountId: person.accountId, limit: 100 })).entries;
        // What was done, not how it was worded: a change finished after an interruption (a 429 mid-user) says so.
        audit.push(...entries.map((e) => `${e.accountId} ${e.action} ${e.target} ${e.ruleId} ${e.outcome}`));
      }
    });
    const readCalls = app.site
      .requestLog()
      .filter((r) => r.origin?.moduleKey === 'jobs-consumer')
      .filter((r) => r.method === 'GET' || r.route?.endsWith('/users/search')).length;
    const profileCalls = app.site
      .requestLog()
      .filter((r) => r.path.startsWith('/scim/') || r.path.startsWith('/users/')).length;
    return { memberships, ledger, audit: audit.sort(), readCalls, profileCalls, people: people.length };
  } finally {
    restore();
    await app.close();
  }
}

it('ends two backfills with the same memberships, ledger and audit as reading every source user by user, for far fewer calls', async () => {
  const bulk = await run('as-needed');
  const oneByOne = await run('every-source-one-by-one');
  expect(bulk.memberships).toEqual(oneByOne.memberships);
  expect(bulk.ledger).toEqual(oneByOne.ledger);
  expect(bulk.audit).toEqual(oneByOne.audit);
  // The comparison means something: the rules granted and took back access in both runs.
  expect(bulk.audit.filter((line) => line.includes(' success')).length).toBeGreaterThan(50);
  expect(bulk.audit.some((line) => / remove|removed/.test(line))).toBe(true);
  // Two backfills: the old way reads three or four times per user each time, the new way a fraction of once.
  expect(oneByOne.readCalls / oneByOne.people).toBeGreaterThan(4);
  expect(bulk.readCalls / bulk.people).toBeLessThan(oneByOne.readCalls / oneByOne.people / 3);
}, 600_000);

it('reads no SCIM, directory or pushed attributes for rules on email domain and groups, with the same result', async () => {
  const bulk = await run('as-needed', narrowRules);
  const oneByOne = await run('every-source-one-by-one', narrowRules);
  expect(bulk.memberships).toEqual(oneByOne.memberships);
  expect(bulk.ledger).toEqual(oneByOne.ledger);
  expect(bulk.audit).toEqual(oneByOne.audit);
  expect(bulk.audit.some((line) => / remove|removed/.test(line))).toBe(true);
  expect(bulk.profileCalls).toBe(0);
  expect(oneByOne.profileCalls).toBeGreaterThan(oneByOne.people);
}, 600_000);
