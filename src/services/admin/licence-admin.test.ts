// The page while unlicensed: every key that acts on the site or starts work is refused, everything else runs.
import { ALL_RESOLVER_KEYS } from '../../shared/contract';
import { LICENSED_ACTIONS, licenceRefusal, licenceView } from './licence-admin';

describe('licenceRefusal', () => {
  it('refuses exactly the keys that start work or act on the site while the licence is inactive or missing', () => {
    for (const state of ['inactive', 'missing'] as const) {
      const refused = ALL_RESOLVER_KEYS.filter((key) => licenceRefusal(key, { mayAct: false, state }));
      expect(refused.sort()).toEqual([...LICENSED_ACTIONS].sort());
    }
    expect([...LICENSED_ACTIONS].sort()).toEqual([
      'inactivity.dryRun.start',
      'inactivity.restore.run',
      'inactivity.restore.user',
      'inactivity.review.approve',
      'jobs.startBackfill',
      'jobs.startPreview',
      'reviews.close',
      'reviews.create',
      'reviews.reapprove',
    ]);
  });

  it('refuses nothing while the installation may act', () => {
    for (const decision of [
      { mayAct: true, state: 'active' },
      { mayAct: true, state: 'not-applicable' },
      { mayAct: true, state: 'evaluation', trialEndDate: null },
    ] as const)
      expect(ALL_RESOLVER_KEYS.filter((key) => licenceRefusal(key, decision))).toEqual([]);
  });

  it('says why, that nothing changed and where to buy', () => {
    const refusal = licenceRefusal('jobs.startBackfill', { mayAct: false, state: 'inactive' });
    expect(refusal?.kind).toBe('forbidden');
    expect(refusal?.message).toMatch(/not licensed.*nothing was started or changed.*Marketplace/s);
  });
});

describe('licenceView', () => {
  it('shows the trial end only for an evaluation', () => {
    expect(licenceView({ mayAct: true, state: 'evaluation', trialEndDate: '2027-01-06' })).toEqual({
      state: 'evaluation',
      mayAct: true,
      trialEndDate: '2027-01-06',
    });
    expect(licenceView({ mayAct: false, state: 'missing' })).toEqual({
      state: 'missing',
      mayAct: false,
      trialEndDate: null,
    });
  });
});
