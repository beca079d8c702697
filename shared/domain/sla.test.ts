import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, type BusinessHours } from './hours';
import { SLA_AT_RISK_SHARE, policyFor, slaDeadline, slaState, type SlaPolicy } from './sla';

const at = (iso: string) => Date.parse(iso);
const M = 60_000;
const office: BusinessHours = {
  timezone: 'Europe/Madrid',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ from: '09:00', to: '17:00' }]])),
  overrides: [],
};

const standard: SlaPolicy = { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 24 * 60, businessHours: true };
const vip: SlaPolicy = { tag: 'vip', firstResponseMinutes: 15, nextResponseMinutes: 60, businessHours: true };
const urgent: SlaPolicy = { tag: 'urgent', firstResponseMinutes: 30, nextResponseMinutes: 30, resolutionMinutes: 240, businessHours: false };

describe('policyFor', () => {
  it('falls back to the untagged default, or to nothing', () => {
    expect(policyFor([vip, standard], ['billing'])).toBe(standard);
    expect(policyFor([vip, standard], [])).toBe(standard);
    expect(policyFor([vip], ['billing'])).toBeNull();
    expect(policyFor([], ['vip'])).toBeNull();
    expect(policyFor([{ ...standard, tag: '' }], ['vip'])).toEqual({ ...standard, tag: '' });
  });

  it('lets a tagged policy the conversation carries win whole over the default', () => {
    const chosen = policyFor([standard, vip], ['vip', 'billing']);
    expect(chosen).toBe(vip);
    // The default's resolution target does not fill the one vip leaves out.
    expect(chosen?.resolutionMinutes).toBeUndefined();
  });

  it('merges several tagged policies into the tightest, per kind', () => {
    expect(policyFor([standard, vip, urgent], ['urgent', 'vip'])).toEqual({
      tag: 'vip+urgent',
      firstResponseMinutes: 15,
      nextResponseMinutes: 30,
      resolutionMinutes: 240,
      // urgent supplied two of the targets and counts the wall clock.
      businessHours: false,
    });
    // When every policy that supplied a target counts business hours, so does the merge.
    const slow: SlaPolicy = { tag: 'slow', firstResponseMinutes: 500, businessHours: false };
    expect(policyFor([vip, slow], ['vip', 'slow'])).toEqual({ tag: 'vip+slow', firstResponseMinutes: 15, nextResponseMinutes: 60, businessHours: true });
    // Equal minutes: the wall-clock target is the tighter.
    const same: SlaPolicy = { tag: 'same', firstResponseMinutes: 15, businessHours: false };
    expect(policyFor([vip, same], ['vip', 'same'])?.businessHours).toBe(false);
  });
});

describe('slaDeadline', () => {
  it('has no deadline for a kind the policy sets no target for', () => {
    expect(slaDeadline(vip, 'resolution', at('2024-06-07T16:30+02:00'), office)).toBeNull();
  });

  it('counts business hours or the wall clock, as the policy says', () => {
    const friday = at('2024-06-07T16:30+02:00');
    expect(slaDeadline(standard, 'first_response', friday, office)).toBe(at('2024-06-10T09:30+02:00'));
    expect(slaDeadline({ ...standard, businessHours: false }, 'first_response', friday, office)).toBe(at('2024-06-07T17:30+02:00'));
    expect(slaDeadline(standard, 'resolution', friday, office)).toBe(at('2024-06-12T16:30+02:00'));
    expect(slaDeadline(urgent, 'next_response', friday, ALWAYS_OPEN)).toBe(friday + 30 * M);
  });

  it('has no deadline when the business hours never open, and refuses a negative target', () => {
    const closed: BusinessHours = { timezone: 'Europe/Madrid', weekly: {}, overrides: [] };
    expect(slaDeadline(standard, 'first_response', 0, closed)).toBeNull();
    expect(() => slaDeadline({ ...standard, firstResponseMinutes: -5 }, 'first_response', 0, office)).toThrow(RangeError);
  });
});

describe('slaState', () => {
  it('is at risk in the last fifth of the allowed time and breached from the deadline on', () => {
    expect(SLA_AT_RISK_SHARE).toBe(0.2);
    const start = at('2024-06-07T10:00Z');
    const due = start + 100 * M;
    expect(slaState(start, start, due)).toBe('ok');
    expect(slaState(start + 80 * M - 1, start, due)).toBe('ok');
    expect(slaState(start + 80 * M, start, due)).toBe('at_risk');
    expect(slaState(due - 1, start, due)).toBe('at_risk');
    expect(slaState(due, start, due)).toBe('breached');
    expect(slaState(due + 60 * M, start, due)).toBe('breached');
  });

  it('takes the share of the wall-clock span for a business-hours deadline', () => {
    // Friday 16:30 to Monday 09:30 is 65 hours: at risk from 52 hours in, Sunday 20:30.
    const start = at('2024-06-07T16:30+02:00');
    const due = at('2024-06-10T09:30+02:00');
    expect(slaState(at('2024-06-09T20:29+02:00'), start, due)).toBe('ok');
    expect(slaState(at('2024-06-09T20:30+02:00'), start, due)).toBe('at_risk');
  });
});
