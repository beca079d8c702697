// Reads the visible rows of the chat list. The list is virtualised: rows are absolutely
// positioned with translateY and recycled as it scrolls, so DOM order is not list order and a
// row element is never the chat (whatsapp-dom.md). Read afresh on every change; no layout reads.
import { cleanTitle, normalizeTitle } from '../../shared/domain/identity';
import { avatarKey } from './avatar';
import type { Landmarks } from './landmarks';
import { ElementCache } from './read-cache';
import { clue, hasClue } from './selectors';

export interface ChatRow {
  /** The title without bidi or invisible marks. */
  title: string;
  /** The last-activity time as WhatsApp shows it ("10:42", "Yesterday", "12/03/2026"). */
  time: string;
  unread: number;
  muted: boolean;
  pinned: boolean;
  selected: boolean;
  /** Position in the list in pixels, from the row's transform; orders the rows. */
  top: number;
  /** The key of the row's picture (avatar.ts), or null when it shows none. */
  avatar: string | null;
  /** A fingerprint of the last message's preview (never the text itself leaves the page). */
  preview: string;
  /** The last message is ours: its preview shows a delivery status. */
  lastOut: boolean;
  /** Another visible row has the same title: a picture this device has not met is another person. */
  namesakes: boolean;
  /** A namesake is visible and nothing tells this row apart across devices (no picture, or the same one). */
  shared: boolean;
}

const TRANSLATE_Y = /translateY\((-?\d+(?:\.\d+)?)px\)/;

/**
 * The row's offset from its own or an ancestor's inline transform: the `style` attribute read
 * as text (neither a layout nor a CSSOM object per row per frame).
 */
function rowTop(row: Element, list: Element): number | null {
  for (let el: Element | null = row; el && el !== list; el = el.parentElement) {
    const style = el.getAttribute('style');
    const match = style ? TRANSLATE_Y.exec(style) : null;
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

/** A row's title, cleaned; '' for a row that is not a chat (loading, the self chat, a section header). */
export function rowTitleOf(row: Element, landmarks: Landmarks, framed: boolean): string {
  return rowTitle(row, landmarks, framed).title;
}

/** rowTitleOf, with the element it was read from (the time sits beside it). */
function rowTitle(row: Element, landmarks: Landmarks, framed: boolean): { title: string; titleEl: Element | null } {
  // 2026: "Message yourself" and the search results' section headers are rows too.
  if (hasClue(row, 'selfRow') || (framed && !hasClue(row, 'cellFrame'))) return { title: '', titleEl: null };
  const titleEl = landmarks.first(row, 'rowTitle');
  return { title: cleanTitle(titleEl?.getAttribute('title') || titleEl?.textContent || ''), titleEl };
}

/** The elements not inside another of them (a walk up each one's ancestors, not n² contains()). */
export function outermost(elements: Element[], stop: Element): Element[] {
  const set = new Set(elements);
  return elements.filter((el) => {
    for (let up = el.parentElement; up && up !== stop; up = up.parentElement) if (set.has(up)) return false;
    return true;
  });
}

/** The rows of the list, outermost match only (an alternative can match a row inside a list item). */
export function chatRowElements(list: Element, landmarks: Landmarks): { rows: Element[]; framed: boolean } {
  const rows = outermost(landmarks.all(list, 'chatRow'), list);
  // Where rows carry the cell frame (2023 to 2026), one without it is not a chat.
  const framed = rows.some((row) => hasClue(row, 'cellFrame'));
  return { rows, framed };
}

/** The last message's text as the preview holds it: in full in a `title` (2026), else as shown. */
function previewTextOf(el: Element): string {
  return el.querySelector('[title]')?.getAttribute('title') ?? el.getAttribute('title') ?? el.textContent ?? '';
}

function previewOf(row: Element): { preview: string; lastOut: boolean } {
  const el = clue(row, 'rowPreview');
  if (!el) return { preview: '', lastOut: false };
  // The status icon is an svg whose <title> names it (wds-ic-read) or a data-icon (to 2025).
  const lastOut = hasClue(el, 'statusIcon') || [...el.querySelectorAll('svg title')].some((t) => /^(wds-ic-(read|delivered|sent|pending)|status-|msg-(check|dblcheck|time))/.test(t.textContent ?? ''));
  return { preview: fingerprint(previewTextOf(el)), lastOut };
}

/**
 * The row's last message as text, read only when it is news (an inbound signal): the background
 * reads the routing rules' keywords and the language in it and keeps only that (issue #8).
 */
export function previewText(row: Element): string {
  const el = clue(row, 'rowPreview');
  return el ? previewTextOf(el).trim() : '';
}

/** A short, one-way fingerprint of a preview: enough to see it change, nothing to read it by. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return text ? hash.toString(36) : '';
}

/** What a row shows, apart from where it is: kept per row element until something in it changes. */
type RowContent = Omit<ChatRow, 'top' | 'shared' | 'namesakes'> & { version: number };
let versions = 0;

/** A chat row read from the page, with the element it was read from (for badges). */
export interface ReadRow extends ChatRow {
  element: Element;
  /** Its content was read in this read (new, or changed since): a scroll only moves the others. */
  fresh: boolean;
  /** Stands for its content: the same number while the content is the same object. */
  version: number;
}

/**
 * Reads the rows, re-reading only those whose content changed since the last read: a scroll
 * moves rows (their transform) without changing them, and re-reading ~70 rows a frame was most
 * of the content script's cost (bench/content.ts). The watcher says which nodes changed.
 */
export class RowReader {
  private readonly content = new ElementCache<RowContent | null>();
  private landmarks: Landmarks | null = null;
  /** What the last read without positions found, row by row, and what it returned. */
  private lastContents: (RowContent | null)[] = [];
  private last: ReadRow[] | null = null;

  /** The row elements found last time, while nothing but their insides changed; `css` the alternative they matched. */
  private rowsFound: { list: Element; rows: Element[]; known: Set<Element>; framed: boolean; css: string | null } | null = null;

  /**
   * Forgets what was read of the row holding `node` (something in it changed). A change outside
   * every row known (a row added, removed or replaced) means the rows are looked for again.
   * Known rows are asked, not the cache: a recycled row brings several records, and the second
   * found its row already forgotten, which looked for every row again (bench/content.ts).
   */
  changed(node: Node): void {
    const row = this.knownRowOf(node);
    if (row) return this.content.forget(row);
    this.content.changed(node);
    this.rowsFound = null;
  }

  /**
   * The known row of `list` holding `node`, when it is in the page, and its child holding `node`
   * (null when `node` is the row). Mostly, as the list scrolls, a recycled row's parts re-render
   * (its picture, title, preview, icons): a walk up to the row says which row changed, without
   * asking the page where else the change is or matching a selector on each ancestor
   * (bench/content.ts). The row is then forgotten with `rowChanged`.
   */
  rowHolding(node: Node, list: Element): { row: Element; part: Node | null } | null {
    const found = this.rowsFound;
    if (found?.list !== list) return null;
    let part: Node | null = null;
    for (let el: Node | null = node; el && el !== list; el = el.parentNode) {
      if (found.known.has(el as Element)) return (el as Element).isConnected ? { row: el as Element, part } : null;
      part = el;
    }
    return null;
  }

  /** Something in a known row changed (see rowHolding): it is read again. */
  rowChanged(row: Element): void {
    this.content.forget(row);
  }

  /** The known row that is or holds `node`: a walk up to the list, no selector matched. */
  private knownRowOf(node: Node): Element | null {
    const found = this.rowsFound;
    if (!found) return null;
    for (let el: Node | null = node; el && el !== found.list; el = el.parentNode) if (found.known.has(el as Element)) return el as Element;
    return null;
  }

  /**
   * A childList change: where it only adds rows to the list or takes known rows out of it (a
   * virtualised list growing or shrinking by a row as it scrolls, several times a second), the
   * rows found are updated; looking for every row again in the whole list was a good part of
   * those frames (bench/content.ts). Anything else is `changed`.
   */
  childrenChanged(record: MutationRecord): void {
    const found = this.rowsFound;
    const added = found?.css && this.inListOutsideRows(record.target, found) ? patchRows(found, found.css, record) : null;
    if (!added) return this.changed(record.target);
    // A row put back may have been changed while out of the page, where no change is seen.
    for (const row of added) this.content.forget(row);
  }

  /** `node` is in the list and neither is nor is inside a row (known or not). */
  private inListOutsideRows(node: Node, found: { list: Element; known: Set<Element>; css: string | null }): boolean {
    for (let el: Node | null = node; el; el = el.parentNode) {
      if (el === found.list) return true;
      if (found.known.has(el as Element) || (el.nodeType === 1 && (el as Element).matches(found.css!))) return false;
    }
    return false;
  }

  /**
   * The rows, in list order when `positions` (reading each row's transform); in page order
   * otherwise, `top` -1: the watcher's consumers (reports, signals, badges) need no order, and a
   * scroll then changes nothing they see.
   */
  read(root: ParentNode, landmarks: Landmarks, positions = true): ReadRow[] {
    if (landmarks !== this.landmarks) {
      // The owner's overrides changed: every row may read differently.
      this.landmarks = landmarks;
      this.content.clear();
      this.rowsFound = null;
    }
    const list = findChatList(root, landmarks);
    if (!list) return [];
    // Looking for the rows is a query over the whole list: only when the set of rows may differ.
    if (this.rowsFound?.list !== list) {
      const found = chatRowElements(list, landmarks);
      this.rowsFound = { list, ...found, known: new Set(found.rows), css: landmarks.describe('chatRow')?.css ?? null };
    }
    const { rows, framed } = this.rowsFound;
    const contents: (RowContent | null)[] = [];
    const fresh = new Set<Element>();
    // The same content objects in the same places as last time: nothing to build again. Compared
    // as objects, not through a string of versions made on every frame.
    let same = !positions && this.last !== null && this.lastContents.length === rows.length;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      let content = this.content.get(row);
      if (content === undefined) {
        content = readRowContent(row, landmarks, framed);
        this.content.set(row, content);
        fresh.add(row);
      }
      contents.push(content);
      if (same && this.lastContents[i] !== content) same = false;
    }
    // Nothing read afresh and the same rows: what was read last time (a scroll frame mostly).
    if (same) return this.last!.map((r) => (r.fresh ? { ...r, fresh: false } : r));
    const read: ReadRow[] = [];
    rows.forEach((row, index) => {
      const content = contents[index];
      const top = positions ? (rowTop(row, list) ?? index * 72) : -1;
      if (content) read.push({ ...content, top, namesakes: false, shared: false, element: row, fresh: fresh.has(row) });
    });
    markShared(read);
    if (!positions) {
      this.lastContents = contents;
      this.last = read;
    }
    return positions ? read.sort((a, b) => a.top - b.top) : read;
  }
}

/**
 * Applies a childList record to the rows found, when it only adds elements that are rows (match
 * `css`, hold none) and removes known rows, and returns the rows added; null, changing nothing,
 * otherwise. Added rows go last: no reader orders rows by where they are in the page.
 */
function patchRows(found: { rows: Element[]; known: Set<Element>; framed: boolean }, css: string, record: MutationRecord): Element[] | null {
  const added: Element[] = [];
  for (const node of record.addedNodes) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (!el.matches(css) || el.querySelector(css) || found.known.has(el)) return null;
    added.push(el);
  }
  const removed = new Set<Element>();
  for (const node of record.removedNodes) {
    if (node.nodeType !== 1) continue;
    if (!found.known.has(node as Element)) return null;
    removed.add(node as Element);
  }
  const rows = found.rows.filter((row) => !removed.has(row)).concat(added);
  if (!rows.length) return null; // none left: another alternative may match now
  for (const row of removed) found.known.delete(row);
  for (const row of added) found.known.add(row);
  found.rows = rows;
  found.framed = rows.some((row) => hasClue(row, 'cellFrame'));
  return added;
}

function readRowContent(row: Element, landmarks: Landmarks, framed: boolean): RowContent | null {
  const { title, titleEl } = rowTitle(row, landmarks, framed);
  if (!title) return null; // a placeholder still loading, the self chat, a section header
  return {
    title,
    time: (landmarks.first(row, 'rowTime')?.textContent ?? (titleEl ? timeBesideTitle(titleEl, row) : '')).trim(),
    unread: unreadCount(row, landmarks),
    muted: landmarks.has(row, 'rowMuted'),
    pinned: landmarks.has(row, 'rowPinned'),
    selected: row.getAttribute('aria-selected') === 'true' || landmarks.has(row, 'rowSelected'),
    avatar: rowAvatar(row),
    ...previewOf(row),
    version: ++versions,
  };
}

/** The visible rows in list order (a one-off read; the watcher keeps a RowReader instead). */
export function readChatList(root: ParentNode, landmarks: Landmarks): ChatRow[] {
  return new RowReader().read(root, landmarks).map(({ element: _element, fresh: _fresh, version: _version, ...row }) => row);
}

/** A row's picture key (avatar.ts), or null when it shows none. */
export function rowAvatar(row: Element): string | null {
  return avatarKey(clue(row, 'avatar')?.getAttribute('src') ?? null);
}

/**
 * Rows with the same title are namesakes; among them, one without a picture, or with the same
 * picture as another, cannot be told apart by any device: shared.
 */
export function markShared<T extends { title: string; avatar: string | null; shared: boolean; namesakes: boolean }>(rows: T[]): void {
  const byTitle = new Map<string, T[]>();
  for (const row of rows) {
    const key = normalizeTitle(row.title);
    const same = byTitle.get(key);
    if (same) same.push(row);
    else byTitle.set(key, [row]);
  }
  for (const same of byTitle.values()) {
    if (same.length < 2) continue;
    for (const row of same) {
      row.namesakes = true;
      row.shared = row.avatar === null || same.some((other) => other !== row && other.avatar === row.avatar);
    }
  }
}

/** The row showing `title` (cleaned), if it is rendered now (to open a chat by title). */
export function findRowByTitle(root: ParentNode, landmarks: Landmarks, title: string, avatar?: string | null): Element | null {
  const list = findChatList(root, landmarks);
  if (!list) return null;
  const { rows, framed } = chatRowElements(list, landmarks);
  const wanted = cleanTitle(title);
  const matching = rows.filter((row) => rowTitleOf(row, landmarks, framed) === wanted);
  if (avatar !== undefined && matching.length > 1) return matching.find((row) => rowAvatar(row) === avatar) ?? null;
  return matching[0] ?? null;
}
