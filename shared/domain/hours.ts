// Business hours (issue #8): when a workspace is open, in its own time zone, as pure functions of
// instants (ms since the epoch). The coordinator computes SLA deadlines with them inside write
// transactions, so they walk the calendar a day at a time over cached zone offsets.
//
// What the rules below decide:
// - A period belongs to the day it starts on: Friday 22:00-02:00 runs into Saturday morning.
// - An override replaces its date's weekly periods (or closes the date). The previous day's
//   period that crosses midnight still runs to its end: it belongs to the previous day.
// - A `yearly` override matches its month-day in every year (the year in `date` is ignored, and
//   a yearly 02-29 only exists in leap years); a dated override wins over a yearly one.
// - A wall time that does not exist (the spring-forward gap) means the first instant after the
//   gap: New York's 02:30-05:00 on its spring-forward day opens at 03:00 EDT. A wall time that
//   occurs twice (fall-back) means its first occurrence: 01:00-03:00 on New York's fall-back day
//   runs from 01:00 EDT to 03:00 EST, three real hours.
// - The computations skip what `hoursProblems` reports (a bad time, a bad date), so stored hours
//   never make a deadline throw; an override that is both closed and has periods is closed. Only
//   an unknown time zone throws: nothing can be computed without it.
//
// Zone offsets come from @date-fns/tz's `tzOffset` (Intl underneath). `TZDate` is not used to turn
// wall times into instants: in a fall-back hour its answer depends on the host's own time zone
// (01:30 on New York's fall-back day is EDT on a UTC host and EST on a Los Angeles one), and it
// costs about 30 µs a call against well under 1 µs for the cached offsets below.
import { tzOffset } from '@date-fns/tz';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" 24-hour wall time; `to` may be "24:00"; a period whose `to` <= `from` crosses midnight into the next day. */
export interface Period {
  from: string;
  to: string;
}

/** A dated exception: closed that day, or these periods instead of the weekly ones; `yearly` repeats it every year on the same month-day (e.g. "12-25"). */
export interface HoursOverride {
  /** YYYY-MM-DD; for a yearly override only the month-day counts. */
  date: string;
  yearly?: boolean;
  closed?: boolean;
  periods?: Period[];
  label?: string;
}

/** When a workspace is open: weekly periods in an IANA time zone, and dated exceptions. */
export interface BusinessHours {
  /** IANA name, e.g. "Europe/Madrid". */
  timezone: string;
  /** A day without an entry (or with an empty list) is closed. */
  weekly: Partial<Record<Weekday, Period[]>>;
  overrides: HoursOverride[];
}

/** Most periods in one day, weekly or in an override. */
export const MAX_PERIODS_PER_DAY = 10;
/** Most overrides a workspace keeps. */
export const MAX_OVERRIDES = 100;
/** How far the search for open time looks ahead, in days. */
export const LOOKAHEAD_DAYS = 400;

const WHOLE_DAY: Period[] = [{ from: '00:00', to: '24:00' }];

/** 24/7 in UTC: what a workspace has until the owner sets hours. */
export const ALWAYS_OPEN: BusinessHours = {
  timezone: 'UTC',
  weekly: { mon: WHOLE_DAY, tue: WHOLE_DAY, wed: WHOLE_DAY, thu: WHOLE_DAY, fri: WHOLE_DAY, sat: WHOLE_DAY, sun: WHOLE_DAY },
  overrides: [],
};

const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
const LOOKAHEAD = LOOKAHEAD_DAYS * DAY;

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

// --- Zone offsets -------------------------------------------------------------------------------
// One `tzOffset` call costs a few µs (it formats a date with Intl), so offsets are cached per UTC
// day: the offset at each UTC midnight, and for a day whose two midnights differ, the instant of
// the change (found to the second). This assumes at most one change per UTC day, true of every
// zone in use. The cache is dropped whole when it grows past a bound.

interface ZoneOffsets {
  /** Offset in ms at the UTC midnight of day k (k = ms / DAY). */
  midnight: Map<number, number>;
  /** For a day whose midnights differ: the first instant of the new offset. */
  change: Map<number, number>;
}

const MAX_CACHED_DAYS = 200_000;
let cachedDays = 0;
const offsetCache = new Map<string, ZoneOffsets>();

function rawOffset(zone: string, at: number): number {
  return Math.round(tzOffset(zone, new Date(at)) * MINUTE);
}

function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = offsetCache.get(zone);
  if (!offsets) {
    offsets = { midnight: new Map(), change: new Map() };
    offsetCache.set(zone, offsets);
  }
  return offsets;
}

function midnightOffset(offsets: ZoneOffsets, zone: string, k: number): number {
  let offset = offsets.midnight.get(k);
  if (offset === undefined) {
    if (++cachedDays > MAX_CACHED_DAYS) {
      offsetCache.clear();
      cachedDays = 0;
    }
    offset = rawOffset(zone, k * DAY);
    offsets.midnight.set(k, offset);
  }
  return offset;
}

/** The zone's UTC offset in ms at an instant. */
function offsetAt(zone: string, at: number): number {
  const offsets = zoneOffsets(zone);
  const k = Math.floor(at / DAY);
  const before = midnightOffset(offsets, zone, k);
  const after = midnightOffset(offsets, zone, k + 1);
  if (before === after) return before;
  let change = offsets.change.get(k);
  if (change === undefined) {
    let lo = k * DAY;
    let hi = lo + DAY;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (rawOffset(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    change = hi;
    offsets.change.set(k, change);
  }
  return at < change ? before : after;
}

/**
 * The instant a wall time happens. `wall` is the wall clock read as if it were UTC (a day index
 * times DAY plus the time of day). In a gap: the first instant after it; twice: the first time.
 */
function wallToInstant(zone: string, wall: number): number {
  // The offsets a day either side cover every offset that can be in force at this wall time.
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const fitsBefore = offsetAt(zone, wall - before) === before;
  if (before === after && fitsBefore) return wall - before;
  const fitsAfter = offsetAt(zone, wall - after) === after;
  if (fitsBefore && fitsAfter) return Math.min(wall - before, wall - after);
  if (fitsBefore) return wall - before;
  if (fitsAfter) return wall - after;
  // Neither fits: the clock jumps over `wall` somewhere between the two candidates.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  const old = offsetAt(zone, lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid) === old) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The instant a calendar day (YYYY-MM-DD) starts in a zone: its midnight, or the first instant after a gap. */
export function dayStart(zone: string, date: string): number {
  return wallToInstant(zone, Date.parse(`${date}T00:00:00Z`));
}

/** The zone's calendar day (days since 1970-01-01) an instant falls on. */
function localDay(zone: string, at: number): number {
  return Math.floor((at + offsetAt(zone, at)) / DAY);
}

const knownZones = new Map<string, boolean>();

function isKnownZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      // Intl also takes "+01:00"; an offset is not a zone (it has no DST), so it is refused.
      known = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone !== undefined && !/^[+-]/.test(zone);
    } catch {
      known = false;
    }
    if (knownZones.size > 1000) knownZones.clear();
    knownZones.set(zone, known);
  }
  return known;
}

// --- Periods ------------------------------------------------------------------------------------

/** Minutes since midnight for "HH:MM" (and "24:00" where an end is read), or NaN. */
function minutesOf(time: unknown, end: boolean): number {
  if (typeof time !== 'string' || !/^\d\d:\d\d$/.test(time)) return Number.NaN;
  const hour = Number(time.slice(0, 2));
  const minute = Number(time.slice(3));
  if (end && hour === 24 && minute === 0) return MINUTES_PER_DAY;
  return hour < 24 && minute < 60 ? hour * 60 + minute : Number.NaN;
}

/** A period as minutes from its day's midnight: [start, end), end up to two days out. */
interface Span {
  start: number;
  end: number;
  period: Period;
}

/** The valid periods of a list as spans, by start. */
function spansOf(periods: readonly Period[]): Span[] {
  const spans: Span[] = [];
  for (const period of periods) {
    const start = minutesOf(period.from, false);
    const to = minutesOf(period.to, true);
    if (Number.isNaN(start) || Number.isNaN(to)) continue;
    spans.push({ start, end: to > start ? to : to + MINUTES_PER_DAY, period });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** YYYY-MM-DD of a day index. */
function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Day index of a valid YYYY-MM-DD, or NaN. */
function dayOf(date: unknown): number {
  if (typeof date !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(date)) return Number.NaN;
  const at = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8)));
  return isoDate(at / DAY) === date ? at / DAY : Number.NaN;
}

/** Index into WEEKDAYS of a day index (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day % 7) + 7 + 3) % 7);
}

interface Compiled {
  zone: string;
  weekly: Span[][];
  dated: Map<string, HoursOverride>;
  yearly: Map<string, HoursOverride>;
  overrideSpans: Map<HoursOverride, Span[]>;
}

function compile(hours: BusinessHours): Compiled {
  if (!isKnownZone(hours.timezone)) throw new Error(`Unknown time zone "${hours.timezone}": business hours need an IANA name such as "Europe/Madrid"`);
  const dated = new Map<string, HoursOverride>();
  const yearly = new Map<string, HoursOverride>();
  for (const override of hours.overrides) {
    if (typeof override.date !== 'string') continue;
    const [map, key] = override.yearly ? [yearly, override.date.slice(5)] : [dated, override.date];
    if (!map.has(key)) map.set(key, override);
  }
  return { zone: hours.timezone, weekly: WEEKDAYS.map((day) => spansOf(hours.weekly[day] ?? [])), dated, yearly, overrideSpans: new Map() };
}

/** The spans that start on a day: its override's, or its weekday's. */
function spansOn(hours: Compiled, day: number): Span[] {
  if (hours.dated.size > 0 || hours.yearly.size > 0) {
    const date = isoDate(day);
    const override = hours.dated.get(date) ?? hours.yearly.get(date.slice(5));
    if (override) {
      let spans = hours.overrideSpans.get(override);
      if (!spans) {
        spans = override.closed ? [] : spansOf(override.periods ?? []);
        hours.overrideSpans.set(override, spans);
      }
      return spans;
    }
  }
  return hours.weekly[weekdayOf(day)] ?? [];
}

/**
 * The open time meeting [from, until), clipped to it: in order and disjoint, but not merged
 * (a period ending at midnight and the next starting then come as two). Starts come in order
 * because each day's spans are sorted and wall times map to instants in order; overlapping
 * periods (which `hoursProblems` reports) are cut where the earlier one ends.
 */
function* openTime(hours: Compiled, from: number, until: number): Generator<[number, number]> {
  if (!(from < until)) return;
  // The day before: its periods that cross midnight. The day after: where a zone falls back at
  // midnight, the next day's first minutes come before the last instants of `until`'s day.
  const last = localDay(hours.zone, until) + 1;
  let covered = from;
  for (let day = localDay(hours.zone, from) - 1; day <= last; day++) {
    const midnight = day * DAY;
    for (const span of spansOn(hours, day)) {
      const start = Math.max(wallToInstant(hours.zone, midnight + span.start * MINUTE), covered);
      const end = Math.min(wallToInstant(hours.zone, midnight + span.end * MINUTE), until);
      if (start >= end) continue;
      covered = end;
      yield [start, end];
    }
  }
}

// --- Checks -------------------------------------------------------------------------------------

const text = (period: Period) => `${period.from}-${period.to}`;

/** The periods of one day checked one by one and against each other; returns the valid ones. */
function checkDay(label: string, periods: readonly Period[], problems: Set<string>): Span[] {
  if (periods.length > MAX_PERIODS_PER_DAY) problems.add(`${label}: ${periods.length} periods, at most ${MAX_PERIODS_PER_DAY} a day`);
  for (const period of periods) {
    for (const [time, end] of [[period.from, false], [period.to, true]] as const) {
      if (!Number.isNaN(minutesOf(time, end))) continue;
      problems.add(!end && time === '24:00' ? `${label}: a period cannot start at 24:00 (${text(period)})` : `${label}: "${time}" is not a time of day (HH:MM, 24-hour)`);
    }
  }
  const spans = spansOf(periods);
  spans.forEach((later, i) => {
    for (const earlier of spans.slice(0, i)) {
      if (later.start < earlier.end) problems.add(`${label}: ${text(later.period)} overlaps ${text(earlier.period)}`);
    }
  });
  return spans;
}

/** A day's periods that cross midnight, checked against the next day's. */
function checkNight(label: string, spans: Span[], nextLabel: string, next: Span[], problems: Set<string>): void {
  for (const night of spans) {
    if (night.end <= MINUTES_PER_DAY) continue;
    for (const morning of next) {
      if (morning.start < night.end - MINUTES_PER_DAY) problems.add(`${label}: ${text(night.period)} runs into ${nextLabel}'s ${text(morning.period)}`);
    }
  }
}

function overrideLabel(override: HoursOverride): string {
  const day = override.yearly && typeof override.date === 'string' ? `${override.date.slice(5)} every year` : String(override.date);
  return override.label ? `${day} (${override.label})` : day;
}

/** Readable problems with a set of hours, for the owner; empty when they are valid. */
export function hoursProblems(hours: BusinessHours): string[] {
  const problems = new Set<string>();
  if (!isKnownZone(hours.timezone)) problems.add(`"${hours.timezone}" is not a time zone: use an IANA name such as "Europe/Madrid"`);
  for (const key of Object.keys(hours.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) problems.add(`"${key}" is not a day of the week (${WEEKDAYS.join(', ')})`);
  }
  const weekly = WEEKDAYS.map((day) => checkDay(DAY_NAMES[day], hours.weekly[day] ?? [], problems));
  WEEKDAYS.forEach((day, i) => checkNight(DAY_NAMES[day], weekly[i] ?? [], DAY_NAMES[WEEKDAYS[(i + 1) % 7] ?? 'mon'], weekly[(i + 1) % 7] ?? [], problems));

  if (hours.overrides.length > MAX_OVERRIDES) problems.add(`${hours.overrides.length} exceptions to the weekly hours, at most ${MAX_OVERRIDES}`);
  const dated = new Map<string, { label: string; spans: Span[] }>();
  const yearly = new Map<string, { label: string; spans: Span[] }>();
  let opensSomeday = weekly.some((spans) => spans.length > 0);
  for (const override of hours.overrides) {
    const label = overrideLabel(override);
    const day = dayOf(override.date);
    if (Number.isNaN(day)) problems.add(`${override.label ? `${override.label}: ` : ''}"${override.date}" is not a date (YYYY-MM-DD)`);
    const periods = override.periods ?? [];
    if (override.closed && periods.length > 0) problems.add(`${label}: both closed and open ${periods.map(text).join(', ')}; choose one`);
    if (!override.closed && override.periods === undefined) problems.add(`${label}: say it is closed, or give its hours`);
    const spans = override.closed ? [] : checkDay(label, periods, problems);
    opensSomeday ||= spans.length > 0;
    if (Number.isNaN(day)) continue;
    const [seen, key] = override.yearly ? [yearly, override.date.slice(5)] : [dated, override.date];
    if (seen.has(key)) problems.add(`${label}: a second exception for the same ${override.yearly ? 'day of the year' : 'date'}`);
    else seen.set(key, { label, spans });
  }
  // A dated exception against the days either side of it, as they are that year. (A yearly one
  // falls on a different weekday every year: only the dated ones are checked.)
  const dayAt = (day: number): { label: string; spans: Span[] } => {
    const date = isoDate(day);
    const override = dated.get(date) ?? yearly.get(date.slice(5));
    if (override) return override;
    const weekday = WEEKDAYS[weekdayOf(day)] ?? 'mon';
    return { label: `${DAY_NAMES[weekday]} ${date}`, spans: weekly[weekdayOf(day)] ?? [] };
  };
  for (const date of dated.keys()) {
    const day = dayOf(date);
    for (const [first, second] of [[day - 1, day], [day, day + 1]] as const) {
      const a = dayAt(first);
      const b = dayAt(second);
      checkNight(a.label, a.spans, b.label, b.spans, problems);
    }
  }
  if (!opensSomeday) problems.add('These hours never open: give at least one day some hours');
  return [...problems];
}

// --- Questions ----------------------------------------------------------------------------------

/** The open intervals meeting [from, to), clipped to it, in order, merged where they touch. */
export function openIntervals(hours: BusinessHours, from: number, to: number): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  for (const [start, end] of openTime(compile(hours), from, to)) {
    const last = intervals[intervals.length - 1];
    if (last && last[1] === start) last[1] = end;
    else intervals.push([start, end]);
  }
  return intervals;
}

/** Whether the hours are open at an instant. */
export function isOpen(hours: BusinessHours, at: number): boolean {
  return !openTime(compile(hours), at, at + 1).next().done;
}

/** `at` when open; else when the hours next open, within LOOKAHEAD_DAYS, or null: they never do. */
export function nextOpening(hours: BusinessHours, at: number): number | null {
  const next = openTime(compile(hours), at, at + LOOKAHEAD).next();
  return next.done ? null : next.value[0];
}

/** When the open interval around `at` ends; null when closed at `at`, or open for LOOKAHEAD_DAYS. */
export function nextClosing(hours: BusinessHours, at: number): number | null {
  let end = at;
  for (const [start, until] of openTime(compile(hours), at, at + LOOKAHEAD)) {
    if (start > end) break;
    end = until;
  }
  return end === at || end === at + LOOKAHEAD ? null : end;
}

/**
 * The instant when `ms` of open time has passed since `start` (counting from the next opening
 * when closed), or null when that is not reached within LOOKAHEAD_DAYS of `start`.
 */
export function tryAddBusinessTime(hours: BusinessHours, start: number, ms: number): number | null {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Business time must be a finite, non-negative number of ms, not ${ms}`);
  if (ms === 0) return start;
  let left = ms;
  for (const [from, to] of openTime(compile(hours), start, start + LOOKAHEAD)) {
    if (to - from >= left) return from + left;
    left -= to - from;
  }
  return null;
}

/** The instant when `ms` of open time has passed since `start`; throws when not within LOOKAHEAD_DAYS. */
export function addBusinessTime(hours: BusinessHours, start: number, ms: number): number {
  const at = tryAddBusinessTime(hours, start, ms);
  if (at === null) {
    throw new Error(`These business hours (${hours.timezone}) do not give ${ms / MINUTE} min of open time within ${LOOKAHEAD_DAYS} days of ${new Date(start).toISOString()}`);
  }
  return at;
}

/** The open time, in ms, within [from, to). */
export function businessTimeBetween(hours: BusinessHours, from: number, to: number): number {
  let total = 0;
  for (const [start, end] of openTime(compile(hours), from, to)) total += end - start;
  return total;
}
