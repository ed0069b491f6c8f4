// The licence decision: active and evaluation licences act, inactive and missing ones do not, and development
// installations (which Forge never licenses) keep working.
import { decideLicence, licenceSummary } from './licence-decision';

describe('decideLicence', () => {
  it('lets an installation with an active paid licence act', () => {
    expect(
      decideLicence({ licence: { active: true, isEvaluation: false }, environmentType: 'PRODUCTION' }),
    ).toEqual({
      mayAct: true,
      state: 'active',
    });
  });

  it('lets an evaluation act and reports when the trial ends', () => {
    expect(
      decideLicence({
        licence: { active: true, isEvaluation: true, trialEndDate: '2027-01-06T00:00:00.000Z' },
        environmentType: 'PRODUCTION',
      }),
    ).toEqual({ mayAct: true, state: 'evaluation', trialEndDate: '2027-01-06T00:00:00.000Z' });
  });

  it('reports an evaluation whose end date is unreadable as having no known end, never as a date', () => {
    const decision = decideLicence({ licence: { active: true, isEvaluation: true, trialEndDate: 'soon' } });
    expect(decision).toEqual({ mayAct: true, state: 'evaluation', trialEndDate: null });
  });

  it('refuses an inactive licence, including an evaluation that ended', () => {
    expect(decideLicence({ licence: { active: false }, environmentType: 'PRODUCTION' })).toEqual({
      mayAct: false,
      state: 'inactive',
    });
    expect(decideLicence({ licence: { active: false, isEvaluation: true } }).mayAct).toBe(false);
  });

  it('treats a licence whose active flag is null or absent as not active (never fails open)', () => {
    expect(decideLicence({ licence: { active: null } }).mayAct).toBe(false);
    expect(decideLicence({ licence: {} }).mayAct).toBe(false);
  });

  it('refuses a production installation Forge passed no licence for', () => {
    expect(decideLicence({ environmentType: 'PRODUCTION' })).toEqual({ mayAct: false, state: 'missing' });
    expect(decideLicence({})).toEqual({ mayAct: false, state: 'missing' });
  });

  it('lets development and staging installations act without a licence, as Forge licenses production only', () => {
    expect(decideLicence({ environmentType: 'DEVELOPMENT' })).toEqual({
      mayAct: true,
      state: 'not-applicable',
    });
    expect(decideLicence({ environmentType: 'staging' })).toEqual({ mayAct: true, state: 'not-applicable' });
  });

  it('still refuses an inactive licence outside production: a licence present is always believed', () => {
    expect(decideLicence({ licence: { active: false }, environmentType: 'DEVELOPMENT' }).mayAct).toBe(false);
  });

  it('summarises each state in a line for logs', () => {
    expect(licenceSummary({ mayAct: false, state: 'inactive' })).toBe('the licence is not active');
    expect(
      licenceSummary({ mayAct: true, state: 'evaluation', trialEndDate: '2027-01-06T00:00:00.000Z' }),
    ).toContain('2027-01-06');
  });
});
