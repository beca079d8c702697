// Small page helpers the sidebar needs beyond the readers (issue #4): the row elements to badge,
// the search box to open a chat that is not rendered, and selecting the end of the compose box so
// a canned response replaces the `/shortcut` typed there. Pure functions of an injected root.
import { chatRowElements, findChatList, markShared, rowAvatar, rowTitleOf } from './chat-list';
import { insertText } from './compose';
import type { Landmarks } from './landmarks';

/** A rendered row and what tells its chat (a ReadRow of the adapter is one too). */
export interface RowElement {
  element: Element;
  title: string;
  avatar: string | null;
  /** Another rendered row has this title (see ChatRow). */
  namesakes: boolean;
  shared: boolean;
}

/** The rendered rows with their titles (outermost match only, as readChatList does). */
export function rowElements(root: ParentNode, landmarks: Landmarks): RowElement[] {
  const list = findChatList(root, landmarks);
  if (!list) return [];
  const { rows, framed } = chatRowElements(list, landmarks);
  const out: RowElement[] = [];
  for (const row of rows) {
    const title = rowTitleOf(row, landmarks, framed);
    if (title) out.push({ element: row, title, avatar: rowAvatar(row), namesakes: false, shared: false });
  }
  markShared(out);
  return out;
}

/**
 * The chat search box, in order: the 2026 plain input, the Lexical contenteditable with
 * data-tab="3" (to 2025), and either outside #side. Not a health landmark: only "open a chat from
 * the queue" needs it, and that falls back to scrolling the list.
 */
const SEARCH_BOX = [
  '#side input[role="textbox"]', // 2026: <input role="textbox">
  '#side [contenteditable="true"][data-tab="3"]', // Lexical search, to 2025
  'input[role="textbox"][data-tab="3"]', // 2026, outside #side
  '[contenteditable="true"][data-tab="3"]', // to 2025, outside #side
];

export function findSearchBox(root: ParentNode): HTMLElement | null {
  for (const css of SEARCH_BOX) {
    const found = root.querySelector(css);
    if (found) return found as HTMLElement;
  }
  return null;
}

/** Types `text` into the search box as a person would (replacing what is there); '' clears it. */
export async function typeInSearch(box: HTMLElement, text: string): Promise<void> {
  box.focus();
  if (box instanceof box.ownerDocument.defaultView!.HTMLInputElement) {
    // React tracks the value through the prototype's setter: set it there, then say so.
    const setter = Object.getOwnPropertyDescriptor(box.ownerDocument.defaultView!.HTMLInputElement.prototype, 'value')?.set;
    if (setter) setter.call(box, text);
    else box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  selectAll(box);
  if (text) {
    await insertText(box, text).catch(() => undefined);
  } else {
    const event = new InputEvent('beforeinput', { inputType: 'deleteContentBackward', bubbles: true, cancelable: true });
    box.dispatchEvent(event);
    if (!event.defaultPrevented) box.ownerDocument.execCommand('delete');
  }
}

function selectAll(box: HTMLElement) {
  const sel = box.ownerDocument.getSelection();
  sel?.selectAllChildren(box);
}

/**
 * Selects the last `chars` characters of the editor's text (the `/shortcut` just typed), so the
 * next insertText replaces them. Returns false when the text is not there to select.
 */
export function selectComposeTail(box: HTMLElement, chars: number): boolean {
  const doc = box.ownerDocument;
  const walker = doc.createTreeWalker(box, 4 /* SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let remaining = chars;
  let end: { node: Text; offset: number } | null = null;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    const length = node.data.replace(/[\u200b\ufeff]+$/, '').length;
    if (!end) {
      if (length === 0) continue;
      end = { node, offset: length };
    }
    if (remaining <= length) {
      const range = doc.createRange();
      range.setStart(node, length - remaining);
      range.setEnd(end.node, end.offset);
      const sel = doc.getSelection();
      if (!sel) return false;
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    }
    remaining -= length;
  }
  return chars === 0;
}

/**
 * Narrows WhatsApp's app (the `#app` landmark, a full-window box) so the sidebar sits beside the
 * conversation instead of over its end and the send button; `px` 0 gives the room back. Written
 * only when it changes, so the page's observer sees one style change, not one per call.
 */
export function makeRoom(root: Document, landmarks: Landmarks, px: number): void {
  const app = landmarks.first(root, 'app') as HTMLElement | null;
  if (!app) return;
  const width = px > 0 ? `calc(100% - ${px}px)` : '';
  // Asked on every adapter event: while the style attribute is the text it was when the width
  // was last found right, it still is (a string compare instead of the CSSOM; bench/content.ts).
  const style = app.getAttribute('style');
  const known = roomMade.get(app);
  if (known && known.style === style && known.width === width) return;
  if (app.style.getPropertyValue('width') !== width) {
    if (width) app.style.setProperty('width', width, 'important');
    else app.style.removeProperty('width');
  }
  roomMade.set(app, { style: app.getAttribute('style'), width });
}

/** Per app element, its style attribute when its width was last seen to be `width`. */
const roomMade = new WeakMap<Element, { style: string | null; width: string }>();
