// WhatsApp's message `data-id`: `<fromMe>_<chatJid>_<messageId>[_<participantJid>]`, e.g.
// `false_5511999990000@c.us_3EB0A1B2C3D4E5F6A7B8`. Since 2026 some Business accounts show the bare
// `<messageId>` alone, with no JID anywhere on the page (whatsapp-dom.md).

export interface MessageId {
  /** The id WhatsApp gave the message; unique within its chat. */
  id: string;
  /** true when sent by this account (from any linked device or the phone); null when the id doesn't say. */
  fromMe: boolean | null;
  chatJid: string | null;
  /** In groups: who wrote it. */
  participant: string | null;
}

const FULL = /^(true|false)_([^_\s]+@[a-z.]+)_([^_\s]+)(?:_([^_\s]+@[a-z.]+))?$/i;

export function parseMessageId(dataId: string): MessageId | null {
  const value = dataId.trim();
  if (!value) return null;
  const full = FULL.exec(value);
  if (full) {
    return { fromMe: full[1] === 'true', chatJid: full[2]!, id: full[3]!, participant: full[4] ?? null };
  }
  // A bare id: letters and digits only (no JID, no direction prefix).
  if (/^[A-Za-z0-9]+$/.test(value)) return { id: value, fromMe: null, chatJid: null, participant: null };
  return null;
}
