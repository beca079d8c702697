// When a message was written, for every message, text or not (issue #7). `data-pre-plain-text`
// has the time and date but only text messages carry it (whatsapp-dom.md: 17 of 35 rows in one
// count); every bubble shows its time label, and the conversation shows day separators ("TODAY",
// "Yesterday", a weekday, a date), all in the UI's language: read them with Intl, not word lists.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface ClockTime {
  hours: number;
  minutes: number;
}

/** Locales that write the month first. */
export function monthFirst(locale: string): boolean {
  return /^en(-(US|PH))?$/i.test(locale);
}

/** `21/11/2026`, `11/21/26`, `21.11.2026` in the locale's order, or null. */
export function parseNumericDate(text: string, locale: string): CalendarDate | null {
  const parts = text.trim().split(/[./-]/).map((p) => Number(p.trim()));
  if (parts.length !== 3 || !parts.every((p) => Number.isInteger(p) && p > 0)) return null;
  const [a, b, c] = parts as [number, number, number];
  // Year first (2026-11-21) where some locales write it so.
  if (a > 999) return valid({ year: a, month: b, day: c });
  const year = c < 100 ? 2000 + c : c;
  const [month, day] = monthFirst(locale) ? [a, b] : [b, a];
  return valid({ year, month, day });
}

function valid(d: CalendarDate): CalendarDate | null {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31 ? d : null;
}

/** A bubble's time label ("10:42", "2:05 PM", "14.05", "2:05 p. m."), or null. */
export function parseClock(text: string): ClockTime | null {
  const match = /^(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?\s?m\.?)?$/i.exec(text.replace(/\u202f|\u00a0/g, ' ').trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  return hours < 24 && minutes < 60 ? { hours, minutes } : null;
}

const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/** The local calendar date of a moment. */
export function calendarDateOf(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

const dayNames = new Map<string, Map<string, number>>();
/** "today" and "yesterday" (0, 1) and the weekday names in `locale` (keyed by JS weekday + 10). */
function namesFor(locale: string): Map<string, number> {
  let names = dayNames.get(locale);
  if (names) return names;
  names = new Map();
  try {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    names.set(fold(relative.format(0, 'day')), 0);
    names.set(fold(relative.format(-1, 'day')), 1);
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long' });
    // 4 January 1970 was a Sunday.
    for (let i = 0; i < 7; i++) names.set(fold(weekday.format(new Date(1970, 0, 4 + i))), 10 + i);
  } catch {
    // An unknown locale: numeric dates still work.
  }
  dayNames.set(locale, names);
  return names;
}

/** A day separator's date ("TODAY", "Ontem", "Tuesday", "21/11/2026"), or null when it is not one. */
export function parseDayLabel(text: string, locale: string, now: number): CalendarDate | null {
  const label = fold(text);
  if (!label || label.length > 40) return null;
  const named = namesFor(locale).get(label) ?? namesFor(locale.split('-')[0]!).get(label);
  if (named !== undefined) {
    if (named < 10) return calendarDateOf(now - named * 86_400_000);
    // A weekday names one of the six days before yesterday.
    const today = new Date(now).getDay();
    const back = ((today - (named - 10) + 7) % 7) || 7;
    return calendarDateOf(now - back * 86_400_000);
  }
  return parseNumericDate(label, locale) ?? parseLongDate(label, locale);
}

const longDates = new Map<string, Map<string, number>>();
/** "21 de novembro de 2026", "November 21, 2026": month names from Intl for the locale. */
function parseLongDate(label: string, locale: string): CalendarDate | null {
  let months = longDates.get(locale);
  if (!months) {
    months = new Map();
    try {
      const format = new Intl.DateTimeFormat(locale, { month: 'long' });
      for (let m = 0; m < 12; m++) months.set(fold(format.format(new Date(2026, m, 15))), m + 1);
    } catch {
      // no month names
    }
    longDates.set(locale, months);
  }
  const year = /\b(\d{4})\b/.exec(label);
  const day = /\b(\d{1,2})\b/.exec(label.replace(/\b\d{4}\b/, ''));
  if (!year || !day) return null;
  for (const [name, month] of months) if (label.includes(name)) return valid({ year: Number(year[1]), month, day: Number(day[1]) });
  return null;
}

/** Milliseconds for a local calendar date and clock time. */
export function localTime(date: CalendarDate, clock: ClockTime): number {
  return new Date(date.year, date.month - 1, date.day, clock.hours, clock.minutes).getTime();
}
