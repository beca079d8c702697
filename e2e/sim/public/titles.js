// Names as the page prints them. The 2026 page wraps a bare phone number in Unicode bidi marks
// (U+202A ... U+202C) in titles, in the compose box's label and in the contact drawer
// (whatsapp-dom.md, "Row parts"), so a reader must strip them before comparing or parsing.
import { GEN } from './gen.js';
import { t } from './i18n.js';

const LRE = '\u202A';
const PDF = '\u202C';

/** A formatted number as this generation prints it. */
export const bidiNumber = (text) => (GEN.bidiNumbers ? `${LRE}${text}${PDF}` : text);

const looksLikeNumber = (text) => /^\+\d[\d\s().-]*$/.test(text);

/** The title of a chat in its row, its header and its compose label. */
export function shownTitle(chat) {
  if (chat.self) return `${chat.title} ${t.youSuffix}`;
  return chat.kind === 'user' && !chat.name ? bidiNumber(chat.title) : chat.title;
}

/** A person's name where it is printed (group authors, previews): numbers get the marks too. */
export const shownName = (name) => (looksLikeNumber(name) ? bidiNumber(name) : name);
