// `data-pre-plain-text` = `[HH:MM, date] Sender: `. The date's order follows the UI locale
// (D/M/YYYY in most, M/D/YYYY in en-US), so the locale must be passed in (whatsapp-dom.md).
import { parseClock, parseNumericDate, type CalendarDate } from './times';

export interface MessageMeta {
  hours: number;
  minutes: number;
  /** Calendar date as read with the locale's order, or null when it could not be read. */
  date: CalendarDate | null;
  author: string;
}

const PATTERN = /^\[([^,\]]+),\s*([^\]]+)\]\s*(.*?):\s*$/;

export function parsePrePlainText(text: string, locale: string): MessageMeta | null {
  const trimmed = text.trim();
  const match = PATTERN.exec(trimmed + (trimmed.endsWith(':') ? '' : ':'));
  if (!match) return null;
  const clock = parseClock(match[1]!);
  if (!clock) return null;
  return { ...clock, date: parseNumericDate(match[2]!, locale), author: match[3]!.trim() };
}
