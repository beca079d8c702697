// How a WhatsApp chat is recognised across devices. Titles are not unique and change on rename;
// JIDs are sometimes missing from the page (see issue #2 and whatsapp-dom.md), so both are used.

const JID_PATTERN = /^[0-9a-zA-Z.:_-]+@(c\.us|s\.whatsapp\.net|g\.us|lid|newsletter|broadcast)$/;

/** True when `value` looks like a WhatsApp JID (`5511999990000@c.us`, `...@g.us`, `...@lid`). */
export function isJid(value: string): boolean {
  return JID_PATTERN.test(value);
}

/** Canonical JID: `@s.whatsapp.net` and `@c.us` name the same phone number, so fold to `@c.us`. */
export function normalizeJid(jid: string): string {
  const lower = jid.trim().toLowerCase();
  return lower.endsWith('@s.whatsapp.net') ? lower.replace(/@s\.whatsapp\.net$/, '@c.us') : lower;
}

/** A chat title as an alias key: trimmed, inner whitespace collapsed, case folded. */
export function normalizeTitle(title: string): string {
  return title.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/**
 * The JID an unsaved number's title stands for (`+55 11 99999-0000` -> `5511999990000@c.us`),
 * or null when the title is a name. WhatsApp shows unsaved contacts as a formatted phone number.
 */
export function jidFromPhoneTitle(title: string): string | null {
  const trimmed = title.trim();
  if (!/^\+[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 8 && digits.length <= 15 ? `${digits}@c.us` : null;
}
