// Identifiers as WhatsApp writes them: JIDs, message ids, `data-id`, and phone numbers as the
// chat list shows them for unsaved contacts (whatsapp-dom.md, "Message ids and chat ids").
import { randomBytes } from 'node:crypto';

/** A small seeded PRNG (mulberry32), so a seed always builds the same chats and JIDs. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(i === 0 ? 1 : 0, 9));
    return out;
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();

/**
 * Message ids as the account makes them, in the shape one catalog noticed in 2026
 * (whatsapp-dom.md, "The 2026 generation"): incoming ids of 20 characters starting `3A`,
 * outgoing ones of 32 starting `A5`. Ids a 2024/2026 page makes stay Web-style (`3EB0` + 16 hex,
 * see public/sync.js), so an account's history mixes shapes, as a real one does.
 */
export const messageId = {
  /** What the account receives from customers: 20 chars starting 3A. */
  incoming: () => `3A${hex(9)}`,
  /** What the account sends (phone, and 2026b pages): 32 chars starting A5. */
  outgoing: () => `A5${hex(15)}`,
};

/** A message id a browser may propose: Web-style or 2026-style, hex only, so it cannot break a `data-id`. */
export const isWebMessageId = (id: unknown): id is string =>
  typeof id === 'string' && (/^3EB0[0-9A-F]{16,36}$/.test(id) || /^A5[0-9A-F]{30}$/.test(id));

/** A message id a test may give a seeded message: hex, 8 to 64 characters. */
export const isMessageId = (id: unknown): id is string => typeof id === 'string' && /^[0-9A-F]{8,64}$/.test(id);

export const userJid = (phone: string) => `${phone}@c.us`;
export const lidJid = (rng: Rng) => `${rng.digits(15)}@lid`;
export const groupJid = (rng: Rng) => `120363${rng.digits(12)}@g.us`;
export const isGroupJid = (jid: string) => jid.endsWith('@g.us');

/**
 * `data-id` = `<fromMe>_<chatJid>_<messageId>[_<participantJid>]`; group messages carry the
 * author (our own JID for our messages). With `bare`, only the message id (2026 Business accounts).
 */
export function dataId(
  m: { fromMe: boolean; chat: string; id: string; author: string | null },
  bare = false,
): string {
  if (bare) return m.id;
  const base = `${m.fromMe}_${m.chat}_${m.id}`;
  return m.author ? `${base}_${m.author}` : base;
}

/** Country codes we know how to group; others fall back to two-digit codes. */
const COUNTRY_CODES = ['1', '7', '351', '353', '55', '54', '52', '49', '44', '34', '33', '39', '91', '62', '27'];

/** "+55 11 99999-0000", "+1 (415) 555-0101", "+44 7700 900123": how unsaved numbers show. */
export function formatPhone(digits: string): string {
  const cc = COUNTRY_CODES.filter((c) => digits.startsWith(c)).sort((a, b) => b.length - a.length)[0] ?? digits.slice(0, 2);
  const rest = digits.slice(cc.length);
  if (cc === '55' && (rest.length === 11 || rest.length === 10)) {
    const local = rest.slice(2);
    const cut = local.length - 4;
    return `+55 ${rest.slice(0, 2)} ${local.slice(0, cut)}-${local.slice(cut)}`;
  }
  if (cc === '1' && rest.length === 10) return `+1 (${rest.slice(0, 3)}) ${rest.slice(3, 6)}-${rest.slice(6)}`;
  if (cc === '44' && rest.length === 10) return `+44 ${rest.slice(0, 4)} ${rest.slice(4)}`;
  const groups = rest.match(/.{1,3}(?=(.{3})*$)/g) ?? [rest];
  return `+${cc} ${groups.join(' ')}`;
}
