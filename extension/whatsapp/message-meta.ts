// `data-pre-plain-text` = `[HH:MM, date] Sender: `. The date's order follows the UI locale
// (D/M/YYYY in most, M/D/YYYY in en-US), so the locale must be passed in (whatsapp-dom.md).

export interface MessageMeta {
  hours: number;
  minutes: number;
  /** Calendar date as read with the locale's order, or null when it could not be read. */
  date: { year: number; month: number; day: number } | null;
  author: string;
}

const PATTERN = /^\[(\d{1,2}):(\d{2})(?:\s*([AaPp])\.?\s?[Mm]\.?)?,\s*([^\]]+)\]\s*(.*?):\s*$/;

/** Locales that write the month first. */
function monthFirst(locale: string): boolean {
  return /^en-(US|PH)$|^en$/i.test(locale);
}

export function parsePrePlainText(text: string, locale: string): MessageMeta | null {
  const match = PATTERN.exec(text.trim() + (text.trim().endsWith(':') ? '' : ':'));
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  const parts = match[4]!.split(/[./-]/).map(Number);
  let date: MessageMeta['date'] = null;
  if (parts.length === 3 && parts.every(Number.isFinite)) {
    const [a, b, c] = parts as [number, number, number];
    const year = c < 100 ? 2000 + c : c;
    const [month, day] = monthFirst(locale) ? [a, b] : [b, a];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) date = { year, month, day };
  }
  return { hours, minutes, date, author: match[5]!.trim() };
}
