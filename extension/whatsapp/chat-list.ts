// Reads the visible rows of the chat list. The list is virtualised: rows are absolutely
// positioned with translateY and recycled as it scrolls, so DOM order is not list order and a
// row element is never the chat (whatsapp-dom.md). Read afresh on every change; no layout reads.
import type { Landmarks } from './landmarks';

export interface ChatRow {
  title: string;
  /** The last-activity time as WhatsApp shows it ("10:42", "Yesterday", "12/03/2026"). */
  time: string;
  unread: number;
  muted: boolean;
  pinned: boolean;
  selected: boolean;
  /** Position in the list in pixels, from the row's transform; orders the rows. */
  top: number;
}

const TRANSLATE_Y = /translateY\((-?\d+(?:\.\d+)?)px\)/;

/** The row's offset from its own or an ancestor's inline transform (a style read, not a layout). */
function rowTop(row: Element, list: Element): number | null {
  for (let el: Element | null = row; el && el !== list; el = el.parentElement) {
    const transform = (el as HTMLElement).style?.transform;
    const match = transform ? TRANSLATE_Y.exec(transform) : null;
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * Without the test hook, the time sits beside the title block (whatsapp-dom.md: "position inside
 * the row"): the first short text after the title's container.
 */
function timeBesideTitle(title: Element, row: Element): string {
  for (let el: Element | null = title; el && el !== row; el = el.parentElement) {
    const next = el.nextElementSibling;
    const text = next?.textContent?.trim() ?? '';
    if (next && text && text.length <= 20) return text;
  }
  return '';
}

function unreadCount(row: Element, landmarks: Landmarks): number {
  for (const badge of landmarks.all(row, 'rowUnread')) {
    const text = badge.textContent?.trim() ?? '';
    if (/^\d+$/.test(text)) return Number(text);
  }
  return 0;
}

/** The chat list element, or null when this layout has none we recognise. */
export function findChatList(root: ParentNode, landmarks: Landmarks): Element | null {
  return landmarks.first(root, 'chatList');
}

export function readChatList(root: ParentNode, landmarks: Landmarks): ChatRow[] {
  const list = findChatList(root, landmarks);
  if (!list) return [];
  // A row alternative can match nested elements (a row inside a list item): keep the outermost.
  const candidates = landmarks.all(list, 'chatRow');
  const rows = candidates.filter((row) => !candidates.some((other) => other !== row && other.contains(row)));
  const read: ChatRow[] = [];
  rows.forEach((row, index) => {
    const titleEl = landmarks.first(row, 'rowTitle');
    const title = (titleEl?.getAttribute('title') || titleEl?.textContent || '').trim();
    if (!title) return; // a placeholder row still loading
    read.push({
      title,
      time: (landmarks.first(row, 'rowTime')?.textContent ?? (titleEl ? timeBesideTitle(titleEl, row) : '')).trim(),
      unread: unreadCount(row, landmarks),
      muted: landmarks.first(row, 'rowMuted') !== null,
      pinned: landmarks.first(row, 'rowPinned') !== null,
      selected: row.getAttribute('aria-selected') === 'true' || landmarks.first(row, 'rowSelected') !== null,
      top: rowTop(row, list) ?? index * 72,
    });
  });
  return read.sort((a, b) => a.top - b.top);
}

/** The row showing `title`, if it is rendered now (to open a chat by title). */
export function findRowByTitle(root: ParentNode, landmarks: Landmarks, title: string): Element | null {
  const list = findChatList(root, landmarks);
  if (!list) return null;
  for (const row of landmarks.all(list, 'chatRow')) {
    const titleEl = landmarks.first(row, 'rowTitle');
    if ((titleEl?.getAttribute('title') || titleEl?.textContent || '').trim() === title) return row;
  }
  return null;
}
