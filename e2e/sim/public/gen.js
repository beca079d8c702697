// What differs between DOM generations, in one table (whatsapp-dom.md, "Landmarks by
// stability" and "The 2026 generation, as public measurements dated April to August 2026
// describe it"). Builders read this instead of branching on the year everywhere.
import { params } from './params.js';

// Test ids of the 2026 builds (whatsapp-dom.md: "Test ids came back from about April 2026").
const TESTIDS_2026 = [
  'chat-list', 'cell-frame-container', 'cell-frame-primary-detail', 'cell-frame-secondary', 'icon-unread-count',
  'conversation-panel-wrapper', 'conversation-header', 'conversation-info-header-chat-title', 'conv-msg-', 'tail-in',
  'tail-out', 'conversation-compose-box-input', 'send', 'intro-md-beta-logo-light',
];

// The April to August 2026 measurements: the row hooks changed (cell-frame-title, last-msg-status,
// mute-notifications-refreshed; no public source confirms a time or secondary test id), and the
// conversation gained msg-container, conversation-panel-messages and the contact drawer's ids.
const TESTIDS_2026B = [
  'chat-list', 'cell-frame-container', 'cell-frame-title', 'last-msg-status', 'icon-unread-count',
  'mute-notifications-refreshed', 'message-yourself-row', 'conversation-panel-wrapper', 'conversation-header',
  'conversation-info-header-chat-title', 'conversation-panel-messages', 'conv-msg-', 'msg-container', 'tail-in',
  'tail-out', 'conversation-compose-box-input', 'drawer-right', 'section-about-and-phone-number',
  'intro-md-beta-logo-light',
];

// WDS ("WhatsApp design system") icon names replace the old ones from 2025.
const WDS_ICONS = {
  send: 'wds-ic-send-filled', mic: 'wds-ic-mic-outlined', search: 'wds-ic-search', muted: 'wds-ic-muted',
  pinned: 'wds-ic-pinned', menu: 'wds-ic-more-vertical', newChat: 'wds-ic-new-chat', attach: 'wds-ic-plus',
  emoji: 'wds-ic-emoji', pending: 'msg-time', check: 'msg-check', dblcheck: 'msg-dblcheck', read: 'msg-dblcheck',
  tailIn: 'tail-in', tailOut: 'tail-out', user: 'default-contact-refreshed', group: 'default-group-refreshed',
  lock: 'wds-ic-lock', status: 'wds-ic-status', channels: 'wds-ic-channels', communities: 'wds-ic-communities',
  settings: 'wds-ic-settings', chats: 'wds-ic-chats-filled', back: 'wds-ic-back', close: 'wds-ic-close',
  play: 'wds-ic-play-filled', camera: 'wds-ic-camera', document: 'wds-ic-document', sticker: 'wds-ic-sticker',
  download: 'wds-ic-download', ptt: 'wds-ic-mic-filled',
};

const GENERATIONS = {
  2024: {
    id: '2024',
    // Aug 2024 to 2025: rows are [role="listitem"] inside the [role="grid"] list.
    rowRole: 'listitem',
    // How a row is built (chat-list.js): 'classic' = wrapper > inner > cell frame.
    rowShape: 'classic',
    // #pane-side scrolls; the [role="grid"] list is a separate node inside it.
    paneIsGrid: false,
    // Rows kept above and below the viewport ("roughly 15 to 20" rows exist).
    overscan: 3,
    // No "Message yourself" row and no section headers in search results.
    selfRow: false,
    searchSections: false,
    // The selected row has a descendant with aria-selected="true".
    selected: 'aria-selected',
    // Production builds of that time carry almost no data-testid.
    testids: new Set(),
    // .message-in / .message-out existed from 2023 to mid 2026.
    messageClasses: true,
    // data-id is `<fromMe>_<chatJid>_<id>` unless bare= or the bareIds option say otherwise.
    bareIds: false,
    // The tail icon sits on the last bubble of a run.
    tail: 'last',
    youLabel: false,
    // Delivery status is an icon (data-icon msg-check/msg-dblcheck) with an aria-label.
    ackStyle: 'icon',
    // Every chat shows the default icon (no photos on this page).
    avatars: false,
    // Unsaved numbers are plain text in titles.
    bidiNumbers: false,
    contactDrawer: false,
    composeLabel: 'plain',
    // Search was a Lexical contenteditable with data-tab="3" until 2025.
    search: 'lexical',
    sendTag: 'button',
    emojiButton: true,
    // Page-made message ids: Web-style 3EB0…
    outgoingIds: '3EB0',
    // Class names mix `_akXX` module classes with atomic ones.
    classStyle: 'mixed',
    // The teal band across the top of the window, no navigation rail.
    rail: false,
    styles: ['2024'],
    icons: {
      send: 'send', mic: 'ptt', search: 'search', muted: 'muted', pinned: 'pinned2', menu: 'menu',
      newChat: 'new-chat-outline', attach: 'plus', emoji: 'smiley', pending: 'msg-time', check: 'msg-check',
      dblcheck: 'msg-dblcheck', read: 'msg-dblcheck', tailIn: 'tail-in', tailOut: 'tail-out', user: 'default-user',
      group: 'default-group', lock: 'lock-small', status: 'status-v3-unread', channels: 'newsletter-outline',
      communities: 'community-tab', settings: 'settings', chats: 'chats-filled', back: 'back', close: 'x',
      play: 'audio-play', camera: 'status-image', document: 'status-document', sticker: 'status-sticker',
      download: 'audio-download', ptt: 'status-ptt',
    },
  },
  2026: {
    id: '2026',
    // Late 2025 / 2026: [role="row"] with [role="gridcell"] again.
    rowRole: 'row',
    rowShape: 'classic',
    paneIsGrid: false,
    overscan: 3,
    selfRow: false,
    searchSections: false,
    selected: 'aria-selected',
    testids: new Set(TESTIDS_2026),
    messageClasses: false,
    bareIds: false,
    tail: 'last',
    youLabel: false,
    ackStyle: 'icon',
    avatars: false,
    bidiNumbers: false,
    contactDrawer: false,
    composeLabel: 'plain',
    search: 'input',
    sendTag: 'div',
    emojiButton: false,
    outgoingIds: '3EB0',
    classStyle: 'atomic',
    rail: true,
    styles: ['2026'],
    icons: WDS_ICONS,
  },
  '2026b': {
    id: '2026b',
    rowRole: 'row',
    // The [role="row"] node is itself [data-testid="cell-frame-container"], about three gridcells.
    rowShape: 'cellFrameRow',
    // #pane-side is the same node as [data-testid="chat-list"] and [role="grid"].
    paneIsGrid: true,
    // "about 70 rows exist" while aria-rowcount holds the total.
    overscan: 30,
    // [data-testid="message-yourself-row"] at the top; "Chats" / "Groups in common" headers
    // are [role="row"] too while searching.
    selfRow: true,
    searchSections: true,
    // No public source confirms how the selected row is marked: here it is the grid's one
    // focusable row (tabindex="0", roving tabindex) plus a hashed class; no aria-selected.
    selected: 'tabindex',
    testids: new Set(TESTIDS_2026B),
    // message-in/message-out were gone by 10 June 2026.
    messageClasses: false,
    // Since about 19 April 2026 data-id is the bare id on every account measured.
    bareIds: true,
    // The tail is on the first bubble of a run.
    tail: 'first',
    // A translated "You:" label on most, not all, outgoing bubbles.
    youLabel: true,
    // Status is a translated aria-label (" Read ") since the status-check icons went in July 2026.
    ackStyle: 'label',
    avatars: true,
    // A bare number's title is wrapped in U+202A ... U+202C.
    bidiNumbers: true,
    contactDrawer: true,
    // "Type a message to <name>".
    composeLabel: 'to-name',
    search: 'input',
    // August 2026: footer button[aria-label="Enviar"], only while the box holds text.
    sendTag: 'button',
    emojiButton: false,
    // Outgoing ids of 32 characters starting A5.
    outgoingIds: 'A5',
    classStyle: 'atomic',
    rail: true,
    styles: ['2026', '2026b'],
    icons: {
      ...WDS_ICONS,
      mic: 'wds-ic-mic-filled',
      // Rendered as <svg><title>…</title> only (icons.js `hook: 'title'`): no public source
      // confirms wds-ic-muted / wds-ic-pinned on this page.
      muted: 'mute-notifications-refreshed',
      pinned: 'wds-ic-pin-filled',
      pending: 'wds-ic-pending',
      check: 'wds-ic-sent',
      dblcheck: 'wds-ic-delivered',
      read: 'wds-ic-read',
    },
  },
};

export const GEN = GENERATIONS[params.gen];

/** `data-testid` only where the generation has it: T('conv-msg-', id) → conv-msg-<id>. */
export const T = (id, suffix = '') => (GEN.testids.has(id) ? { 'data-testid': `${id}${suffix}` } : {});

/** Whether the generation has a test id at all (for wrappers that exist only to carry one). */
export const hasTestid = (id) => GEN.testids.has(id);
