// A product given (back) recently, or at a date nobody can establish, is never treated as long idle: the exclusion
// counts from the latest (re)grant, and the inactivity clock never starts before it.
import { decideForUser } from './decide';
import type { ProductDecision } from './decision';
import type { ProductGrant, UserFacts } from './facts';
import { productGrantFrom } from './grant-evidence';
import { summarizeDecisions } from './report';
import { DAY_MS } from './time';
import { JIRA, day, heldProduct, testPolicy, userAt, type PolicyOverrides } from './test-builders';

const TODAY = 773;
const now = day(TODAY);

function jira(facts: Partial<UserFacts>, policy: PolicyOverrides = {}, at = now): ProductDecision {
  const decision = decideForUser(userAt(at, facts), testPolicy(policy), at).decisions.find(
    (d) => d.product === JIRA,
  );
  if (!decision) throw new Error('no Jira decision');
  return decision;
}

function neverUsed(granted: ProductGrant): Partial<UserFacts> {
  return { addedToOrgAt: day(0), products: { [JIRA]: heldProduct({ lastActiveAt: null, granted }) } };
}

describe('Freya: never used Jira, in the org for 773 days, removed from its group and added back today', () => {
  const granted = productGrantFrom([
    {
      groupName: 'jira-software-users',
      historySince: day(TODAY - 91),
      lastAddedAt: now - 60_000,
      lastRemovedAt: now - 120_000,
    },
  ]);

  it('is excluded as recently added, and the report counts her', () => {
    const decision = jira(neverUsed(granted));
    expect(decision).toMatchObject({ outcome: 'excluded', warning: 'none' });
    expect(decision.reason.message).toBe(
      'Excluded from the Jira clean-up: given Jira on 2027-02-13 (0 days ago, fewer than 30).',
    );
    const report = summarizeDecisions([decideForUser(userAt(now, neverUsed(granted)), testPolicy(), now)], {
      policy: testPolicy(),
    });
    expect(report.products.find((p) => p.product === JIRA)?.exclusions).toMatchObject({
      'recently-added-to-product': 1,
      'grant-date-unknown': 0,
    });
  });

  it('would be warned from the day she joined the org if the re-grant were missed (the reported bug)', () => {
    const old = jira(neverUsed({ kind: 'not-since', since: day(TODAY - 91) }));
    expect(old.outcome).toBe('warn');
    expect(old.reason.message).toMatch(
      /^Never used Jira; joined the organization on 2025-01-01 \(773 days ago\)/,
    );
  });

  it('is counted from the re-grant once the exclusion ends: warned 83 days later, not 30', () => {
    expect(jira(neverUsed(granted), {}, day(TODAY + 30)).outcome).toBe('active');
    expect(jira(neverUsed(granted), {}, day(TODAY + 82)).outcome).toBe('active');
    const warned = jira(neverUsed(granted), {}, day(TODAY + 83));
    expect(warned.outcome).toBe('warn');
    expect(warned.reason.message).toMatch(/^Never used Jira; given it on 2027-02-13 \(83 days ago\)/);
  });

  it('keeps her warning cleared if one was stored before the re-grant', () => {
    const warnings = [{ product: JIRA, warnedAt: day(TODAY - 3), actAfter: day(TODAY + 4) }];
    expect(jira({ ...neverUsed(granted), warnings })).toMatchObject({
      outcome: 'excluded',
      warning: 'clear',
    });
  });
});

describe('a user who used the product, lost it, and was given it back', () => {
  const lastUsed = { lastActiveAt: day(0) };

  it('is excluded for the recently-added days, then counted from the re-grant, not from the old activity', () => {
    const granted: ProductGrant = { kind: 'known', at: day(200) };
    const facts = { products: { [JIRA]: heldProduct({ ...lastUsed, granted }) } };
    expect(jira(facts, {}, day(229)).outcome).toBe('excluded');
    expect(jira(facts, {}, day(230)).outcome).toBe('active');
    const warned = jira(facts, {}, day(283));
    expect(warned.outcome).toBe('warn');
    expect(warned.reason.message).toMatch(
      /^Given Jira again on 2025-07-20 \(83 days ago\), after last using it on 2025-01-01; counted as last activity/,
    );
    expect(warned.reason.facts).toMatchObject({ baselineSource: 'given-again', lastActiveAt: day(0) });
  });

  it('is judged on the activity when it came after the grant', () => {
    const facts = {
      products: { [JIRA]: heldProduct({ lastActiveAt: day(100), granted: { kind: 'known', at: day(50) } }) },
    };
    expect(jira(facts, {}, day(183)).reason.facts.baselineSource).toBe('last-active');
  });
});

describe('a grant date that cannot be established', () => {
  it('excludes the user as if recently given the product, saying why', () => {
    const decision = jira({
      products: {
        [JIRA]: heldProduct({ granted: { kind: 'unknown', why: 'the audit log could not be read' } }),
      },
    });
    expect(decision.outcome).toBe('excluded');
    expect(decision.outcome === 'excluded' && decision.exclusions.map((e) => e.kind)).toEqual([
      'grant-date-unknown',
    ]);
    expect(decision.reason.message).toBe(
      'Excluded from the Jira clean-up: when they were given Jira cannot be established (the audit log could not be read), so they count as recently given it.',
    );
  });

  it('is unknown when the history is shorter than the recently-added days', () => {
    const granted: ProductGrant = { kind: 'not-since', since: now - 29 * DAY_MS };
    const facts = { products: { [JIRA]: heldProduct({ granted }) } };
    expect(jira(facts).reason.message).toContain(
      "the site's history the app has read starts on 2027-01-15, 29 days ago, fewer than 30",
    );
    // With 29 days the window is covered, but her idle time since before the history still cannot be placed.
    expect(jira(facts, { exclusions: { recentlyAddedDays: 29 } }).reason.message).toContain(
      'fewer than the 90 days of inactivity that count',
    );
  });

  it('is unknown when the user has been idle since before a history shorter than the inactivity threshold', () => {
    const granted: ProductGrant = { kind: 'not-since', since: now - 60 * DAY_MS };
    const idle = { products: { [JIRA]: heldProduct({ lastActiveAt: day(0), granted }) } };
    expect(jira(idle).outcome).toBe('excluded');
    expect(jira(idle).reason.message).toContain('fewer than the 90 days of inactivity that count');
    // Active after the history starts: the grant is older than the activity, so the clock is known exactly.
    const active = { products: { [JIRA]: heldProduct({ lastActiveAt: now - 10 * DAY_MS, granted }) } };
    expect(jira(active).outcome).toBe('active');
    // A history longer than the threshold places anyone idle since before it past the threshold anyway.
    const longHistory: ProductGrant = { kind: 'not-since', since: now - 91 * DAY_MS };
    expect(jira({ products: { [JIRA]: heldProduct({ granted: longHistory }) } }).outcome).toBe('warn');
  });

  it('applies even with the recently-added exclusion turned off', () => {
    const unknown = { products: { [JIRA]: heldProduct({ granted: { kind: 'unknown', why: 'x' } }) } };
    expect(jira(unknown, { exclusions: { recentlyAddedDays: 0 } }).outcome).toBe('excluded');
    const recent = { products: { [JIRA]: heldProduct({ granted: { kind: 'known', at: now - 1 } }) } };
    expect(jira(recent, { exclusions: { recentlyAddedDays: 0 } }).outcome).not.toBe('excluded');
  });
});
