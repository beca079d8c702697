// What a message holds: text, or media (image, voice note, sticker, document). Media matter to a
// reader because they carry no `data-pre-plain-text` (whatsapp-dom.md, "`data-pre-plain-text` is
// only on text messages": 17 of 35 rows in one July 2026 count), so their time is only the label
// in the bubble.
import { SimError } from './errors';

export const KINDS = ['text', 'image', 'voice', 'sticker', 'document'] as const;
export type MessageKind = (typeof KINDS)[number];

/** Details the bubble shows for media; null for text. */
export interface MediaInfo {
  /** Voice notes: length in seconds. */
  seconds?: number;
  /** Documents: the file name shown, and its page count. */
  fileName?: string;
  pages?: number;
}

export interface ContentInput {
  kind?: unknown;
  text?: unknown;
  seconds?: unknown;
  fileName?: unknown;
  pages?: unknown;
}

export interface Content {
  kind: MessageKind;
  /** The text, or an image's/document's caption ('' when none). */
  text: string;
  media: MediaInfo | null;
}

const CAPTIONED: readonly MessageKind[] = ['text', 'image', 'document'];

/**
 * Validates what a control call or a chat spec asks for. `blankIsEmpty`: whitespace-only text
 * counts as no text (messages a person sends are trimmed).
 */
export function contentOf(input: ContentInput, blankIsEmpty = false): Content {
  const kind = (input.kind ?? 'text') as MessageKind;
  if (!KINDS.includes(kind)) throw new SimError(400, `\`kind\` is one of ${KINDS.join(', ')}`);
  const raw = input.text;
  if (raw !== undefined && raw !== null && typeof raw !== 'string') throw new SimError(400, '`text` is a string');
  const text = typeof raw === 'string' ? raw : '';
  const empty = blankIsEmpty ? !text.trim() : !text;
  if (kind === 'text') {
    if (empty) throw new SimError(400, '`text` is required');
    return { kind, text, media: null };
  }
  if (!CAPTIONED.includes(kind) && text) throw new SimError(400, `a ${kind} has no caption: leave \`text\` out`);
  if (kind === 'voice') {
    const seconds = input.seconds ?? 7;
    if (!Number.isInteger(seconds) || (seconds as number) < 1 || (seconds as number) > 3600) throw new SimError(400, '`seconds` is 1..3600');
    return { kind, text: '', media: { seconds: seconds as number } };
  }
  if (kind === 'document') {
    const fileName = input.fileName ?? 'Documento.pdf';
    if (typeof fileName !== 'string' || !fileName.trim() || fileName.length > 200) throw new SimError(400, '`fileName` is a non-empty string');
    const pages = input.pages ?? 1;
    if (!Number.isInteger(pages) || (pages as number) < 1 || (pages as number) > 9999) throw new SimError(400, '`pages` is 1..9999');
    return { kind, text: empty ? '' : text, media: { fileName, pages: pages as number } };
  }
  return { kind, text: empty ? '' : text, media: {} };
}
