// Every WhatsApp Web landmark Baton reads, each as an ordered list of alternatives: the first
// that matches wins. WhatsApp rebuilds its DOM every 2 to 6 months and rolls changes out to some
// users first (../shared/whatsapp-dom.md), so one selector per landmark is broken by design.
// Nothing here depends on a translated aria-label or a hashed class name.

import type { LandmarkId } from '../../shared/domain/landmarks';

export interface Alternative {
  css: string;
  /** Which WhatsApp generation this alternative serves, so stale ones can be retired. */
  gen: string;
}

export const LANDMARKS = {
  app: [{ css: '#app', gen: 'all generations' }],
  /** The scrolling side pane that holds the chat list. */
  sidePane: [
    { css: '#pane-side', gen: 'all generations to 2026' },
    { css: '[data-testid="chat-list"]', gen: '2026 test hook' },
  ],
  chatList: [
    // First: found by id, where the others search the whole document on every frame.
    { css: '#pane-side[role="grid"]', gen: 'April to August 2026: #pane-side is the grid itself' },
    { css: '#pane-side [role="grid"]', gen: '2023 to early 2024, and again late 2025/2026' },
    { css: '[data-testid="chat-list"]', gen: '2026 test hook' },
    { css: '#pane-side [role="list"]', gen: 'Aug 2024 to 2025 (listitem rows)' },
  ],
  /** One row per chat; searched inside the chat list. */
  chatRow: [
    { css: '[role="row"]', gen: '2023 to early 2024, and again late 2025/2026' },
    { css: '[role="listitem"]', gen: 'Aug 2024 to 2025' },
    { css: '[data-testid^="list-item-"]', gen: 'test hook seen 2024 to 2026' },
    { css: '[data-testid="cell-frame-container"]', gen: 'test hook seen 2023 to 2026' },
  ],
  /** Inside a row: read the `title` attribute, not the text (the text may be truncated). */
  rowTitle: [
    { css: '[data-testid="cell-frame-title"] span[title]', gen: '2026 test hook' },
    { css: 'span[title]', gen: 'all generations' },
    { css: '[data-testid="cell-frame-title"]', gen: '2026 test hook, title as text' },
  ],
  rowTime: [{ css: '[data-testid="cell-frame-primary-detail"]', gen: 'test hook seen 2023 to 2026' }],
  rowUnread: [
    { css: '[data-testid="icon-unread-count"]', gen: 'test hook seen 2023 to 2026' },
    // Fallback without the hook: any badge whose text is just a number and which carries a label.
    { css: 'span[aria-label]', gen: 'all generations, filtered to numeric text by the reader' },
  ],
  rowMuted: [
    { css: '[data-testid="mute-notifications-refreshed"]', gen: '2026 test hook (measured April to August 2026)' },
    { css: '[data-icon="muted"]', gen: '2023 to 2025' },
    { css: '[data-icon^="muted"]', gen: '-refreshed variant, 2025' },
    { css: '[data-icon^="wds-ic-muted"]', gen: '2026 design-system icons' },
  ],
  rowPinned: [
    { css: '[data-icon="pinned2"]', gen: '2023 to 2025' },
    { css: '[data-icon^="pinned"]', gen: '-refreshed variant, 2025' },
    { css: '[data-icon^="wds-ic-pin"]', gen: '2026 design-system icons' },
  ],
  rowSelected: [{ css: '[aria-selected="true"]', gen: 'all generations' }],
  /** The open conversation; re-created by WhatsApp on every chat switch. */
  main: [
    { css: '#main', gen: 'all generations to 2026' },
    { css: '[data-testid="conversation-panel-wrapper"]', gen: 'test hook' },
    { css: '[data-testid="drawer-middle"]', gen: 'seen 2026' },
  ],
  /** Searched inside the open conversation. */
  headerTitle: [
    { css: '[data-testid="conversation-info-header-chat-title"]', gen: 'test hook' },
    { css: 'header span[title]', gen: 'all generations' },
    { css: 'header span[dir="auto"]', gen: 'all generations, title as text' },
  ],
  message: [
    { css: '[data-id]', gen: 'all generations' },
    { css: '[data-testid^="conv-msg"]', gen: '2026 test hook' },
    { css: '.message-in, .message-out', gen: '2023 to mid 2026' },
  ],
  messageMeta: [
    { css: '.copyable-text[data-pre-plain-text]', gen: 'all generations' },
    { css: '[data-pre-plain-text]', gen: 'all generations, without the class' },
  ],
  compose: [
    { css: 'footer [contenteditable="true"][role="textbox"]', gen: 'Lexical editor, Aug 2023 to 2026' },
    { css: '[data-lexical-editor="true"][contenteditable="true"]', gen: 'Lexical editor, any placement' },
    { css: '[contenteditable="true"][data-tab="10"]', gen: 'tab index hook, 2021 to 2026' },
    { css: '[data-testid="conversation-compose-box-input"]', gen: 'test hook' },
  ],
  /** The icon inside the send button; the reader climbs to its button. Changed 5+ times in 2025. */
  sendIcon: [
    { css: '[data-icon="wds-ic-send-filled"]', gen: '2026 design-system icons' },
    { css: '[data-icon="send"]', gen: '2019 to 2025' },
    { css: '[data-icon^="send"]', gen: '-refreshed variant, 2025' },
    { css: '[data-testid="send"]', gen: 'test hook' },
  ],
} satisfies Record<LandmarkId, Alternative[]>;

/**
 * Clues that are not landmarks (nothing breaks when one is missing, so health does not watch
 * them), each an ordered list like the landmarks: what tells a message's direction and time, a
 * chat apart from its namesakes, and a row that is not a chat (whatsapp-dom.md, "The 2026
 * generation").
 */
export const CLUES = {
  /** Tail icons: on one bubble of a run only (the first since 2026, the last before). */
  tailOut: [
    { css: '[data-icon="tail-out"]', gen: 'all generations' },
    { css: '[data-testid="tail-out"]', gen: '2026 test hook' },
  ],
  tailIn: [
    { css: '[data-icon="tail-in"]', gen: 'all generations' },
    { css: '[data-testid="tail-in"]', gen: '2026 test hook' },
  ],
  classOut: [{ css: '.message-out', gen: '2023 to May 2026' }],
  classIn: [{ css: '.message-in', gen: '2023 to May 2026' }],
  /** Delivery ticks, which only outgoing bubbles (and rows whose last message is ours) have. */
  statusIcon: [
    { css: '[data-icon^="msg-check"], [data-icon^="msg-dblcheck"], [data-icon^="msg-time"]', gen: '2019 to 2025' },
    { css: '[data-icon^="status-check"], [data-icon^="status-dblcheck"], [data-icon^="status-time"]', gen: '2025 to July 2026' },
    { css: '[data-icon^="wds-ic-read"], [data-icon^="wds-ic-delivered"], [data-icon^="wds-ic-sent"], [data-icon^="wds-ic-pending"]', gen: '2026 design-system icons' },
  ],
  /** Elements whose translated aria-label may say "You:" or a delivery status; the reader judges the words. */
  labelled: [{ css: 'span[aria-label]', gen: 'all generations' }],
  /** The last message's preview in a row; its `title` holds the full text since 2026. */
  rowPreview: [
    { css: '[data-testid="last-msg-status"]', gen: '2026 test hook' },
    { css: '[data-testid="cell-frame-secondary"]', gen: 'test hook seen 2023 to 2026' },
  ],
  /** The profile picture of a row or of the open chat's header: its URL tells namesakes apart. */
  avatar: [
    { css: 'img[src*="pps.whatsapp.net"]', gen: 'all generations (profile pictures are served from pps.whatsapp.net)' },
    { css: 'img[src]', gen: 'any picture in the row or header' },
  ],
  /** The self-chat ("Message yourself") row, a [role=row] that is not a customer's chat. */
  selfRow: [{ css: '[data-testid="message-yourself-row"]', gen: '2026' }],
  /** A row that is a chat carries the cell frame; section headers in search results do not. */
  cellFrame: [
    { css: '[data-testid="cell-frame-container"]', gen: 'test hook seen 2023 to 2026' },
    { css: '[data-testid="cell-frame-title"]', gen: '2026 test hook' },
  ],
  /** The contact drawer, where a contact's phone number shows (2026). */
  drawerPhone: [{ css: '[data-testid="drawer-right"] [data-testid="section-about-and-phone-number"]', gen: '2026' }],
} satisfies Record<string, Alternative[]>;
export type ClueId = keyof typeof CLUES;

/** The first element inside `root` matching a clue's first matching alternative. */
export function clue(root: ParentNode, id: ClueId): Element | null {
  for (const alt of CLUES[id]) {
    const found = root.querySelector(alt.css);
    if (found) return found;
  }
  return null;
}

/** Every element inside `root` matching any alternative of a clue. */
export function clues(root: ParentNode, id: ClueId): Element[] {
  return [...root.querySelectorAll(joinedClue(id))];
}

const joinedClues = new Map<ClueId, string>();
function joinedClue(id: ClueId): string {
  let css = joinedClues.get(id);
  if (css === undefined) joinedClues.set(id, (css = CLUES[id].map((alt) => alt.css).join(', ')));
  return css;
}

/** True when `el` or something inside it matches a clue (one query, whatever the alternatives). */
export function hasClue(el: Element, id: ClueId): boolean {
  const css = joinedClue(id);
  return el.matches(css) || el.querySelector(css) !== null;
}

/** True when `el`, something inside it or an ancestor matches a clue. */
export function nearClue(el: Element, id: ClueId): boolean {
  return hasClue(el, id) || el.closest(joinedClue(id)) !== null;
}
