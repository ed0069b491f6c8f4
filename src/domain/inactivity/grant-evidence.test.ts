import { productGrantFrom, type LicenceGroupEvidence } from './grant-evidence';
import { day } from './test-builders';

function group(overrides: Partial<LicenceGroupEvidence> = {}): LicenceGroupEvidence {
  return {
    groupName: 'jira-software-users',
    historySince: day(-90),
    lastAddedAt: null,
    lastRemovedAt: null,
    ...overrides,
  };
}

describe('productGrantFrom', () => {
  it('knows the grant from the latest addition inside the history', () => {
    expect(productGrantFrom([group({ lastAddedAt: day(-10) })])).toEqual({ kind: 'known', at: day(-10) });
  });

  it('knows a removal followed by an addition as a re-grant at the addition', () => {
    const readded = group({ lastRemovedAt: day(0) - 1000, lastAddedAt: day(0) });
    expect(productGrantFrom([readded])).toEqual({ kind: 'known', at: day(0) });
  });

  it('says only "not since" for a membership older than the history', () => {
    expect(productGrantFrom([group()])).toEqual({ kind: 'not-since', since: day(-90) });
    // A grant the app recorded before the history starts may have been followed by another one before it.
    expect(productGrantFrom([group({ lastAddedAt: day(-200) })])).toEqual({
      kind: 'not-since',
      since: day(-90),
    });
  });

  it('cannot tell when a removal is the last record of a group the user is still in', () => {
    const grant = productGrantFrom([group({ lastAddedAt: day(-50), lastRemovedAt: day(-5) })]);
    expect(grant).toMatchObject({ kind: 'unknown' });
    expect(grant.kind === 'unknown' && grant.why).toBe(
      'removed from jira-software-users on 2024-12-27 and added back since, but no record says when',
    );
    // Same instant: the order cannot be told, so the later change is not assumed to be the addition.
    expect(productGrantFrom([group({ lastAddedAt: day(-5), lastRemovedAt: day(-5) })]).kind).toBe('unknown');
  });

  it('cannot tell for a group whose history was never read, even with a grant the app made', () => {
    expect(productGrantFrom([group({ historySince: null, lastAddedAt: day(-3) })])).toEqual({
      kind: 'unknown',
      why: 'the history of group jira-software-users has not been read',
    });
  });

  it('cannot tell for a product held through no licence group', () => {
    expect(productGrantFrom([]).kind).toBe('unknown');
  });

  it('takes the latest of several licence groups, and any unknown one makes the product unknown', () => {
    const old = group({ groupName: 'jira-users' });
    const recent = group({ lastAddedAt: day(-3) });
    expect(productGrantFrom([old, recent])).toEqual({ kind: 'known', at: day(-3) });
    expect(productGrantFrom([old, group({ historySince: day(-20) })])).toEqual({
      kind: 'not-since',
      since: day(-20),
    });
    expect(productGrantFrom([recent, group({ historySince: null })]).kind).toBe('unknown');
  });

  it('counts an account given back after a suspension as a re-grant of everything it holds', () => {
    expect(productGrantFrom([group()], day(-1))).toEqual({ kind: 'known', at: day(-1) });
    expect(productGrantFrom([group({ lastAddedAt: day(-2) })], day(-200))).toEqual({
      kind: 'known',
      at: day(-2),
    });
    expect(productGrantFrom([group()], day(-200))).toEqual({ kind: 'not-since', since: day(-90) });
  });
});
