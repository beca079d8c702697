import { array, assert, constant, constantFrom, double, integer, oneof, property, record, tuple, type Arbitrary } from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  LOOKAHEAD_DAYS,
  WEEKDAYS,
  addBusinessTime,
  businessTimeBetween,
  hoursProblems,
  isOpen,
  nextClosing,
  nextOpening,
  openIntervals,
  tryAddBusinessTime,
  type BusinessHours,
  type Period,
} from './hours';

/** An instant written with its offset, e.g. "2024-06-07T16:30+02:00". */
const at = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad instant in a test: ${iso}`);
  return t;
};
/** Intervals as UTC ISO strings, so a failure reads as times. */
const iso = (intervals: Array<[number, number]>) => intervals.map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()]);
const z = (instant: string) => new Date(at(instant)).toISOString();
const H = 3_600_000;
const M = 60_000;

const p = (from: string, to: string): Period => ({ from, to });
const weekdays = (...periods: Period[]): BusinessHours['weekly'] => ({ mon: periods, tue: periods, wed: periods, thu: periods, fri: periods });
const officeIn = (timezone: string, overrides: BusinessHours['overrides'] = []): BusinessHours => ({ timezone, weekly: weekdays(p('09:00', '17:00')), overrides });
const madrid = officeIn('Europe/Madrid');
/** Madrid shop with a lunch break. */
const shop: BusinessHours = { timezone: 'Europe/Madrid', weekly: weekdays(p('09:00', '13:00'), p('15:00', '19:00')), overrides: [] };
/** A bar open late on Friday and Saturday nights. */
const bar: BusinessHours = { timezone: 'Europe/Madrid', weekly: { fri: [p('22:00', '02:00')], sat: [p('22:00', '03:00')] }, overrides: [] };
/** Every Sunday only, in a zone: for the DST days, which all fall on Sundays here. */
const sundays = (timezone: string, ...periods: Period[]): BusinessHours => ({ timezone, weekly: { sun: periods }, overrides: [] });

describe('openIntervals', () => {
  it('gives a day’s periods in order, with the lunch break, clipped to the window', () => {
    expect(iso(openIntervals(shop, at('2024-06-04T00:00+02:00'), at('2024-06-05T00:00+02:00')))).toEqual([
      [z('2024-06-04T09:00+02:00'), z('2024-06-04T13:00+02:00')],
      [z('2024-06-04T15:00+02:00'), z('2024-06-04T19:00+02:00')],
    ]);
    expect(iso(openIntervals(shop, at('2024-06-04T10:00+02:00'), at('2024-06-04T16:00+02:00')))).toEqual([
      [z('2024-06-04T10:00+02:00'), z('2024-06-04T13:00+02:00')],
      [z('2024-06-04T15:00+02:00'), z('2024-06-04T16:00+02:00')],
    ]);
    expect(openIntervals(shop, at('2024-06-04T13:00+02:00'), at('2024-06-04T15:00+02:00'))).toEqual([]);
    expect(openIntervals(shop, at('2024-06-04T16:00+02:00'), at('2024-06-04T10:00+02:00'))).toEqual([]);
  });

  it('puts a period that crosses midnight on the day it starts', () => {
    // Friday 2024-06-07 22:00 to Saturday 02:00, then Saturday 22:00 to Sunday 03:00.
    expect(iso(openIntervals(bar, at('2024-06-07T00:00+02:00'), at('2024-06-10T00:00+02:00')))).toEqual([
      [z('2024-06-07T22:00+02:00'), z('2024-06-08T02:00+02:00')],
      [z('2024-06-08T22:00+02:00'), z('2024-06-09T03:00+02:00')],
    ]);
    // A window that starts after midnight still sees Friday's night.
    expect(iso(openIntervals(bar, at('2024-06-08T01:00+02:00'), at('2024-06-08T12:00+02:00')))).toEqual([[z('2024-06-08T01:00+02:00'), z('2024-06-08T02:00+02:00')]]);
  });

  it('merges periods that touch, across midnight too', () => {
    const late: BusinessHours = { timezone: 'Europe/Madrid', weekly: { fri: [p('18:00', '24:00')], sat: [p('00:00', '03:00'), p('03:00', '05:00')] }, overrides: [] };
    expect(iso(openIntervals(late, at('2024-06-07T00:00+02:00'), at('2024-06-09T00:00+02:00')))).toEqual([[z('2024-06-07T18:00+02:00'), z('2024-06-08T05:00+02:00')]]);
  });

  it('closes a holiday, and lets the night before run into it', () => {
    const hours: BusinessHours = { timezone: 'Europe/Madrid', weekly: weekdays(p('20:00', '02:00')), overrides: [{ date: '2024-12-25', closed: true, label: 'Christmas' }] };
    // Monday's night runs into the 24th; Tuesday 24th's runs to 02:00 on the 25th; the 25th (a
    // Wednesday) opens nothing itself.
    expect(iso(openIntervals(hours, at('2024-12-24T00:00+01:00'), at('2024-12-27T00:00+01:00')))).toEqual([
      [z('2024-12-24T00:00+01:00'), z('2024-12-24T02:00+01:00')],
      [z('2024-12-24T20:00+01:00'), z('2024-12-25T02:00+01:00')],
      [z('2024-12-26T20:00+01:00'), z('2024-12-27T00:00+01:00')],
    ]);
  });

  it('uses special hours on a date instead of the weekly ones', () => {
    const hours = officeIn('Europe/Madrid', [{ date: '2024-12-24', periods: [p('09:00', '14:00')], label: 'Christmas Eve' }]);
    expect(iso(openIntervals(hours, at('2024-12-23T00:00+01:00'), at('2024-12-25T00:00+01:00')))).toEqual([
      [z('2024-12-23T09:00+01:00'), z('2024-12-23T17:00+01:00')],
      [z('2024-12-24T09:00+01:00'), z('2024-12-24T14:00+01:00')],
    ]);
  });

  it('repeats a yearly override every year, and lets a dated one win over it', () => {
    const hours = officeIn('Europe/Madrid', [
      { date: '2020-01-06', yearly: true, closed: true, label: 'Epiphany' },
      { date: '2026-01-06', periods: [p('10:00', '12:00')], label: 'Epiphany, open this year' },
    ]);
    // Monday 2025-01-06: closed by the yearly override (the year in its date does not matter).
    expect(openIntervals(hours, at('2025-01-06T00:00+01:00'), at('2025-01-07T00:00+01:00'))).toEqual([]);
    expect(openIntervals(hours, at('2025-01-07T00:00+01:00'), at('2025-01-08T00:00+01:00'))).toHaveLength(1);
    // Tuesday 2026-01-06: the dated override.
    expect(iso(openIntervals(hours, at('2026-01-06T00:00+01:00'), at('2026-01-07T00:00+01:00')))).toEqual([[z('2026-01-06T10:00+01:00'), z('2026-01-06T12:00+01:00')]]);
  });

  it('opens a period in New York’s spring-forward gap at the first instant after it', () => {
    // 2024-03-10: 02:00 EST becomes 03:00 EDT. 01:00-02:30 ends when the gap ends; 02:15-02:45
    // does not exist; 02:30-05:00 opens at 03:00 EDT.
    const day = (periods: Period[]) => iso(openIntervals(sundays('America/New_York', ...periods), at('2024-03-09T00:00-05:00'), at('2024-03-11T00:00-04:00')));
    expect(day([p('01:00', '02:30')])).toEqual([[z('2024-03-10T01:00-05:00'), z('2024-03-10T03:00-04:00')]]);
    expect(day([p('02:15', '02:45')])).toEqual([]);
    expect(day([p('02:30', '05:00')])).toEqual([[z('2024-03-10T03:00-04:00'), z('2024-03-10T05:00-04:00')]]);
    expect(day([p('00:00', '24:00')])).toEqual([[z('2024-03-10T00:00-05:00'), z('2024-03-11T00:00-04:00')]]);
  });

  it('counts New York’s repeated fall-back hour by the first wall-clock occurrence', () => {
    // 2024-11-03: 02:00 EDT becomes 01:00 EST. 01:00-03:00 is three real hours; a period ending at
    // 01:30 ends at the first 01:30 (EDT).
    const day = (periods: Period[]) => iso(openIntervals(sundays('America/New_York', ...periods), at('2024-11-02T00:00-04:00'), at('2024-11-04T00:00-05:00')));
    expect(day([p('01:00', '03:00')])).toEqual([[z('2024-11-03T01:00-04:00'), z('2024-11-03T03:00-05:00')]]);
    expect(day([p('00:00', '01:30')])).toEqual([[z('2024-11-03T00:00-04:00'), z('2024-11-03T01:30-04:00')]]);
    expect(day([p('01:30', '01:45')])).toEqual([[z('2024-11-03T01:30-04:00'), z('2024-11-03T01:45-04:00')]]);
  });

  it('follows both of Madrid’s DST changes', () => {
    // 2024-03-31: 02:00 CET becomes 03:00 CEST. 2024-10-27: 03:00 CEST becomes 02:00 CET.
    expect(iso(openIntervals(sundays('Europe/Madrid', p('02:30', '04:00')), at('2024-03-30T00:00+01:00'), at('2024-04-01T00:00+02:00')))).toEqual([
      [z('2024-03-31T03:00+02:00'), z('2024-03-31T04:00+02:00')],
    ]);
    expect(iso(openIntervals(sundays('Europe/Madrid', p('02:00', '04:00')), at('2024-10-26T00:00+02:00'), at('2024-10-28T00:00+01:00')))).toEqual([
      [z('2024-10-27T02:00+02:00'), z('2024-10-27T04:00+01:00')],
    ]);
  });
});

describe('isOpen, nextOpening and nextClosing', () => {
  it('is open from an opening up to (not at) the closing', () => {
    expect(isOpen(shop, at('2024-06-04T09:00+02:00'))).toBe(true);
    expect(isOpen(shop, at('2024-06-04T12:59:59.999+02:00'))).toBe(true);
    expect(isOpen(shop, at('2024-06-04T13:00+02:00'))).toBe(false);
    expect(isOpen(shop, at('2024-06-04T08:59:59.999+02:00'))).toBe(false);
    expect(isOpen(bar, at('2024-06-08T01:30+02:00'))).toBe(true);
    expect(isOpen(ALWAYS_OPEN, at('2024-06-08T01:30+02:00'))).toBe(true);
  });

  it('finds the next opening past a holiday Monday', () => {
    const easter = officeIn('Europe/Madrid', [{ date: '2024-04-01', closed: true, label: 'Easter Monday' }]);
    expect(nextOpening(easter, at('2024-04-01T08:00+02:00'))).toBe(at('2024-04-02T09:00+02:00'));
    // Friday evening: past the weekend and the holiday.
    expect(nextOpening(easter, at('2024-03-29T18:00+01:00'))).toBe(at('2024-04-02T09:00+02:00'));
    expect(nextOpening(easter, at('2024-04-02T10:00+02:00'))).toBe(at('2024-04-02T10:00+02:00'));
  });

  it('never opens closed hours, and never closes 24/7 ones', () => {
    const closed: BusinessHours = { timezone: 'Europe/Madrid', weekly: {}, overrides: [] };
    expect(nextOpening(closed, at('2024-06-04T10:00+02:00'))).toBeNull();
    expect(nextClosing(ALWAYS_OPEN, at('2024-06-04T10:00Z'))).toBeNull();
    // Open only on a date more than 400 days ahead: too far to look.
    const someday: BusinessHours = { timezone: 'UTC', weekly: {}, overrides: [{ date: '2026-01-01', periods: [p('09:00', '10:00')] }] };
    expect(nextOpening(someday, at('2025-12-31T00:00Z'))).toBe(at('2026-01-01T09:00Z'));
    expect(nextOpening(someday, at('2024-06-01T00:00Z'))).toBeNull();
  });

  it('closes at the end of the current interval, merged across midnight', () => {
    expect(nextClosing(shop, at('2024-06-04T10:00+02:00'))).toBe(at('2024-06-04T13:00+02:00'));
    expect(nextClosing(shop, at('2024-06-04T14:00+02:00'))).toBeNull();
    const late: BusinessHours = { timezone: 'Europe/Madrid', weekly: { fri: [p('18:00', '24:00')], sat: [p('00:00', '03:00')] }, overrides: [] };
    expect(nextClosing(late, at('2024-06-07T20:00+02:00'))).toBe(at('2024-06-08T03:00+02:00'));
  });
});

describe('addBusinessTime', () => {
  it('carries Friday 16:30 plus an hour to Monday 09:30', () => {
    expect(addBusinessTime(madrid, at('2024-06-07T16:30+02:00'), 60 * M)).toBe(at('2024-06-10T09:30+02:00'));
    expect(addBusinessTime(officeIn('America/New_York'), at('2024-06-07T16:30-04:00'), 60 * M)).toBe(at('2024-06-10T09:30-04:00'));
  });

  it('starts counting at the next opening, skips lunch, and stops at a closing it reaches exactly', () => {
    expect(addBusinessTime(madrid, at('2024-06-10T07:00+02:00'), 30 * M)).toBe(at('2024-06-10T09:30+02:00'));
    expect(addBusinessTime(shop, at('2024-06-04T12:30+02:00'), 60 * M)).toBe(at('2024-06-04T15:30+02:00'));
    expect(addBusinessTime(madrid, at('2024-06-07T16:00+02:00'), 60 * M)).toBe(at('2024-06-07T17:00+02:00'));
    expect(addBusinessTime(madrid, at('2024-06-08T12:00+02:00'), 0)).toBe(at('2024-06-08T12:00+02:00'));
    expect(addBusinessTime(bar, at('2024-06-07T23:00+02:00'), 4 * H)).toBe(at('2024-06-08T23:00+02:00'));
  });

  it('skips a holiday and follows special hours', () => {
    const hours = officeIn('Europe/Madrid', [
      { date: '2024-12-24', periods: [p('09:00', '14:00')] },
      { date: '2024-12-25', closed: true },
    ]);
    expect(addBusinessTime(hours, at('2024-12-24T13:00+01:00'), 2 * H)).toBe(at('2024-12-26T10:00+01:00'));
  });

  it('counts real time across both of New York’s DST changes', () => {
    // Spring: 01:00-05:00 is three real hours (06:00Z to 09:00Z); two of them end at 04:00 EDT.
    expect(addBusinessTime(sundays('America/New_York', p('01:00', '05:00')), at('2024-03-10T00:00-05:00'), 2 * H)).toBe(at('2024-03-10T04:00-04:00'));
    // Fall: 01:00-03:00 is three real hours; two and a half of them end at 02:30 EST.
    expect(addBusinessTime(sundays('America/New_York', p('01:00', '03:00')), at('2024-11-03T00:00-04:00'), 150 * M)).toBe(at('2024-11-03T02:30-05:00'));
    // An office week across the change: Friday 16:30 EST plus an hour is Monday 09:30 EDT.
    expect(addBusinessTime(officeIn('America/New_York'), at('2024-03-08T16:30-05:00'), 60 * M)).toBe(at('2024-03-11T09:30-04:00'));
  });

  it('counts real time across both of Madrid’s DST changes', () => {
    expect(addBusinessTime(madrid, at('2024-03-29T16:30+01:00'), 60 * M)).toBe(at('2024-04-01T09:30+02:00'));
    expect(addBusinessTime(madrid, at('2024-10-25T16:30+02:00'), 60 * M)).toBe(at('2024-10-28T09:30+01:00'));
    // Sunday 01:00-04:00 on the fall-back day is four real hours: three of them end at 03:00 CET.
    expect(addBusinessTime(sundays('Europe/Madrid', p('01:00', '04:00')), at('2024-10-27T00:00+02:00'), 3 * H)).toBe(at('2024-10-27T03:00+01:00'));
  });

  it('throws when the time cannot be reached within 400 days', () => {
    const closed: BusinessHours = { timezone: 'Europe/Madrid', weekly: {}, overrides: [] };
    expect(() => addBusinessTime(closed, at('2024-06-04T10:00+02:00'), M)).toThrow(/do not give 1 min of open time within 400 days of 2024-06-04T08:00:00.000Z/);
    const start = at('2024-06-04T10:00Z');
    expect(addBusinessTime(ALWAYS_OPEN, start, LOOKAHEAD_DAYS * 24 * H)).toBe(start + LOOKAHEAD_DAYS * 24 * H);
    expect(tryAddBusinessTime(ALWAYS_OPEN, start, LOOKAHEAD_DAYS * 24 * H + 1)).toBeNull();
    expect(() => addBusinessTime(madrid, start, -1)).toThrow(RangeError);
  });

  it('throws on an unknown time zone', () => {
    expect(() => addBusinessTime({ ...madrid, timezone: 'Mars/Olympus' }, 0, M)).toThrow(/Unknown time zone "Mars\/Olympus"/);
  });
});

describe('businessTimeBetween', () => {
  it('sums the open time in a window', () => {
    expect(businessTimeBetween(shop, at('2024-06-03T00:00+02:00'), at('2024-06-10T00:00+02:00'))).toBe(40 * H);
    expect(businessTimeBetween(shop, at('2024-06-04T12:00+02:00'), at('2024-06-04T16:00+02:00'))).toBe(2 * H);
    expect(businessTimeBetween(shop, at('2024-06-04T16:00+02:00'), at('2024-06-04T12:00+02:00'))).toBe(0);
    expect(businessTimeBetween(bar, at('2024-06-08T00:00+02:00'), at('2024-06-09T00:00+02:00'))).toBe(4 * H);
  });

  it('counts a whole day as 23 and 25 hours on the DST days, in New York and Madrid', () => {
    const always = (timezone: string): BusinessHours => ({ ...ALWAYS_OPEN, timezone });
    expect(businessTimeBetween(always('America/New_York'), at('2024-03-10T00:00-05:00'), at('2024-03-11T00:00-04:00'))).toBe(23 * H);
    expect(businessTimeBetween(always('America/New_York'), at('2024-11-03T00:00-04:00'), at('2024-11-04T00:00-05:00'))).toBe(25 * H);
    expect(businessTimeBetween(sundays('America/New_York', p('01:00', '03:00')), at('2024-11-03T00:00-04:00'), at('2024-11-04T00:00-05:00'))).toBe(3 * H);
    expect(businessTimeBetween(sundays('America/New_York', p('01:00', '03:00')), at('2024-03-10T00:00-05:00'), at('2024-03-11T00:00-04:00'))).toBe(1 * H);
    const madridSundays = sundays('Europe/Madrid', p('00:00', '24:00'));
    expect(businessTimeBetween(madridSundays, at('2024-03-30T00:00+01:00'), at('2024-04-02T00:00+02:00'))).toBe(23 * H);
    expect(businessTimeBetween(madridSundays, at('2024-10-26T00:00+02:00'), at('2024-10-29T00:00+01:00'))).toBe(25 * H);
    expect(businessTimeBetween(sundays('Europe/Madrid', p('01:00', '04:00')), at('2024-03-31T00:00+01:00'), at('2024-04-01T00:00+02:00'))).toBe(2 * H);
  });
});

describe('hoursProblems', () => {
  it('finds nothing wrong with valid hours', () => {
    expect(hoursProblems(ALWAYS_OPEN)).toEqual([]);
    expect(hoursProblems(shop)).toEqual([]);
    expect(hoursProblems(bar)).toEqual([]);
    expect(hoursProblems(officeIn('America/New_York', [{ date: '2024-12-25', closed: true }, { date: '2000-01-01', yearly: true, periods: [] }]))).toEqual([]);
  });

  it('tells the owner what is wrong with the zone and the weekly periods', () => {
    const hours: BusinessHours = {
      timezone: 'Mars/Olympus',
      weekly: {
        mon: [p('09:00', '12:30'), p('12:00', '13:00'), p('9:00', '17:00')],
        tue: [p('24:00', '02:00'), p('10:00', '25:00')],
        fri: [p('22:00', '02:00')],
        sat: [p('01:00', '05:00')],
        sun: [p('20:00', '01:00')],
      },
      overrides: [],
    };
    expect(hoursProblems(hours)).toEqual([
      '"Mars/Olympus" is not a time zone: use an IANA name such as "Europe/Madrid"',
      'Monday: "9:00" is not a time of day (HH:MM, 24-hour)',
      'Monday: 12:00-13:00 overlaps 09:00-12:30',
      'Tuesday: a period cannot start at 24:00 (24:00-02:00)',
      'Tuesday: "25:00" is not a time of day (HH:MM, 24-hour)',
      "Friday: 22:00-02:00 runs into Saturday's 01:00-05:00",
    ]);
    // Sunday's night ends at 01:00, before Monday opens: no problem. One that ends later is one.
    expect(hoursProblems({ ...hours, timezone: 'UTC', weekly: { sun: [p('20:00', '10:00')], mon: [p('09:00', '12:00')] } })).toEqual([
      "Sunday: 20:00-10:00 runs into Monday's 09:00-12:00",
    ]);
  });

  it('refuses a UTC offset for a zone, and too many periods', () => {
    const many = Array.from({ length: 11 }, (_, i) => p(`${String(i).padStart(2, '0')}:00`, `${String(i).padStart(2, '0')}:30`));
    expect(hoursProblems({ timezone: '+01:00', weekly: { wed: many }, overrides: [] })).toEqual([
      '"+01:00" is not a time zone: use an IANA name such as "Europe/Madrid"',
      'Wednesday: 11 periods, at most 10 a day',
    ]);
  });

  it('tells the owner what is wrong with the exceptions', () => {
    const hours: BusinessHours = {
      timezone: 'Europe/Madrid',
      weekly: { wed: [p('02:00', '06:00')], fri: [p('09:00', '17:00')] },
      overrides: [
        { date: '2024-02-30', closed: true, label: 'Leap' },
        { date: '2024-13-01', closed: true },
        { date: '2024-12-25', closed: true, periods: [p('10:00', '12:00')], label: 'Christmas' },
        { date: '2024-12-31' },
        { date: '2024-12-24', periods: [p('20:00', '03:00')] },
        { date: '2024-12-24', closed: true },
        { date: '2020-01-06', yearly: true, closed: true },
        { date: '2021-01-06', yearly: true, periods: [p('10:00', '09:00'), p('11:00', '12:00')] },
      ],
    };
    expect(hoursProblems(hours)).toEqual([
      'Leap: "2024-02-30" is not a date (YYYY-MM-DD)',
      '"2024-13-01" is not a date (YYYY-MM-DD)',
      '2024-12-25 (Christmas): both closed and open 10:00-12:00; choose one',
      '2024-12-31: say it is closed, or give its hours',
      '2024-12-24: a second exception for the same date',
      '01-06 every year: 11:00-12:00 overlaps 10:00-09:00',
      '01-06 every year: a second exception for the same day of the year',
      // Nothing about the 24th's night: Christmas is closed, so it runs into no period.
    ]);
    const eve: BusinessHours = { ...hours, overrides: [{ date: '2024-12-24', periods: [p('20:00', '03:00')], label: 'Christmas Eve' }] };
    expect(hoursProblems(eve)).toEqual(["2024-12-24 (Christmas Eve): 20:00-03:00 runs into Wednesday 2024-12-25's 02:00-06:00"]);
    const tuesdayNights: BusinessHours = { timezone: 'Europe/Madrid', weekly: { tue: [p('22:00', '04:00')] }, overrides: [{ date: '2024-12-25', periods: [p('01:00', '05:00')] }] };
    expect(hoursProblems(tuesdayNights)).toEqual(["Tuesday 2024-12-24: 22:00-04:00 runs into 2024-12-25's 01:00-05:00"]);
  });

  it('refuses more than 100 exceptions, and hours that never open', () => {
    const overrides = Array.from({ length: 101 }, (_, i) => ({ date: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10), closed: true }));
    expect(hoursProblems({ timezone: 'UTC', weekly: { mon: [p('09:00', '10:00')] }, overrides })).toEqual(['101 exceptions to the weekly hours, at most 100']);
    expect(hoursProblems({ timezone: 'UTC', weekly: { mon: [] }, overrides: [{ date: '2024-12-25', closed: true }] })).toEqual(['These hours never open: give at least one day some hours']);
  });
});

describe('properties', () => {
  const time = tuple(integer({ min: 0, max: 23 }), constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const period: Arbitrary<Period> = record({ from: time, to: oneof(time, constant('24:00')) });
  // Overlapping and crossing periods included: the computations must stay consistent on them too.
  // Lord Howe moves its clocks by 30 minutes; Chatham is 12:45 ahead of UTC.
  const hours: Arbitrary<BusinessHours> = record({
    timezone: constantFrom('UTC', 'America/New_York', 'Europe/Madrid', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'),
    weekly: record(Object.fromEntries(WEEKDAYS.map((day) => [day, array(period, { maxLength: 3 })]))),
    overrides: constant([]),
  });
  const instant = integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2027, 0, 1) });

  it('counts back exactly the business time it added', () => {
    assert(
      property(hours, instant, integer({ min: 0, max: 60 * H }), (h, start, ms) => {
        // Not reached: the whole lookahead holds less open time than asked for.
        const reached = tryAddBusinessTime(h, start, ms);
        const end = reached ?? start + LOOKAHEAD_DAYS * 24 * H;
        const counted = businessTimeBetween(h, start, end);
        expect(reached === null ? { short: counted < ms } : { counted }).toEqual(reached === null ? { short: true } : { counted: ms });
        expect(end).toBeGreaterThanOrEqual(start);
        // The last counted millisecond was open time.
        expect(ms === 0 || reached === null || isOpen(h, end - 1)).toBe(true);
      }),
    );
  });

  it('agrees with openIntervals about when it is open', () => {
    assert(
      property(hours, instant, integer({ min: 1, max: 3 * 24 * H }), array(double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (h, from, length, samples) => {
        const to = from + length;
        const intervals = openIntervals(h, from, to);
        // In order, within the window, neither overlapping nor touching.
        intervals.forEach(([s, e], i) => {
          expect(from <= s && s < e && e <= to).toBe(true);
          expect(s).toBeGreaterThan(intervals[i - 1]?.[1] ?? Number.NEGATIVE_INFINITY);
        });
        const inside = (t: number) => intervals.some(([s, e]) => s <= t && t < e);
        const edges = intervals.flatMap(([s, e]) => [s - 1, s, e - 1, e]).filter((t) => from <= t && t < to);
        for (const t of [...edges, ...samples.map((x) => from + Math.floor(x * (length - 1)))]) expect(isOpen(h, t)).toBe(inside(t));
      }),
    );
  });
});
