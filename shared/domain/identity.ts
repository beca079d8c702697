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

// Bidi controls and other invisible marks WhatsApp wraps around titles: a bare number's title is
// U+202A ... U+202C since 2026 (whatsapp-dom.md, "Row parts"). Zero-width spaces and the BOM too.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A title as a person reads it: invisible and bidi marks removed, spacing collapsed, trimmed. */
export function cleanTitle(title: string): string {
  return title.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

const normalized = new Map<string, string>();

/** A chat title as an alias key: cleaned (see cleanTitle), then NFC and case folded. */
export function normalizeTitle(title: string): string {
  // Called for every visible row on every frame of a scroll, with the same few hundred titles.
  let key = normalized.get(title);
  if (key === undefined) {
    if (normalized.size > 10_000) normalized.clear();
    normalized.set(title, (key = cleanTitle(title.normalize('NFC')).toLocaleLowerCase('en')));
  }
  return key;
}

/**
 * The JID an unsaved number's title stands for (`+55 11 99999-0000` -> `5511999990000@c.us`),
 * or null when the title is a name. WhatsApp shows unsaved contacts as a formatted phone number.
 */
export function jidFromPhoneTitle(title: string): string | null {
  const trimmed = cleanTitle(title);
  if (!/^\+[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 8 && digits.length <= 15 ? `${digits}@c.us` : null;
}

/** What a device says of a chat it sees without a JID (see ConversationUpsertBody). */
export interface TitleReport {
  /** The picture's key, when the row or header shows one. */
  avatar?: string | null;
  /** The page shows another chat by this title and nothing tells this one apart. */
  shared?: boolean;
  /** The page shows other chats by this title (told apart or not). */
  namesakes?: boolean;
}

/** Which of the chats known by a title a report is: one, one of several (ambiguous), or none (a new chat). */
export type TitleMatch<T> = { pick: T } | { ambiguous: T[] } | { none: true };

/**
 * The rule for a chat seen without a JID, among the chats known by its title (issue #7): the
 * one with its picture; the only one of that title (learning its picture, or a new photo when
 * no namesake is in sight); a new person when namesakes are in sight and every known one has
 * another picture; anything that could be one of several is ambiguous, never a guess. The
 * coordinator decides with it, and devices use it to find a conversation without asking.
 */
export function matchByTitle<T>(named: T[], avatarOf: (c: T) => string | null, report: TitleReport): TitleMatch<T> {
  const avatar = report.avatar ?? null;
  const shared = report.shared ?? false;
  const namesakes = shared || (report.namesakes ?? false);
  if (avatar === null) {
    if (named.length === 1 && !shared) return { pick: named[0]! };
    return named.length > 0 || shared ? { ambiguous: named } : { none: true };
  }
  const samePicture = named.filter((c) => avatarOf(c) === avatar);
  if (samePicture.length === 1) return { pick: samePicture[0]! };
  if (samePicture.length > 1) return { ambiguous: samePicture };
  const unknownPicture = named.filter((c) => avatarOf(c) === null);
  if (named.length === 1 && !shared && (unknownPicture.length === 1 || !namesakes)) return { pick: named[0]! };
  if (unknownPicture.length) return { ambiguous: unknownPicture };
  // Several with other pictures and no namesake in sight: a new photo of one of them, or someone new.
  if (named.length > 1 && !namesakes) return { ambiguous: named };
  return { none: true };
}
