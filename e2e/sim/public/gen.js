// What differs between DOM generations, in one table (whatsapp-dom.md, "Landmarks by
// stability"). Builders read this instead of branching on the year everywhere.
import { params } from './params.js';

const GENERATIONS = {
  2024: {
    id: '2024',
    // Aug 2024 to 2025: rows are [role="listitem"] inside the [role="grid"] list.
    rowRole: 'listitem',
    // Production builds of that time carry almost no data-testid.
    testids: false,
    // .message-in / .message-out existed from 2023 to mid 2026.
    messageClasses: true,
    // Search was a Lexical contenteditable with data-tab="3" until 2025.
    search: 'lexical',
    sendTag: 'button',
    // The teal band across the top of the window, no navigation rail.
    rail: false,
    icons: {
      send: 'send', mic: 'ptt', search: 'search', muted: 'muted', pinned: 'pinned2', menu: 'menu',
      newChat: 'new-chat-outline', attach: 'plus', emoji: 'smiley', pending: 'msg-time', check: 'msg-check',
      dblcheck: 'msg-dblcheck', tailIn: 'tail-in', tailOut: 'tail-out', user: 'default-user',
      group: 'default-group', lock: 'lock-small', status: 'status-v3-unread', channels: 'newsletter-outline',
      communities: 'community-tab', settings: 'settings', chats: 'chats-filled', back: 'back',
    },
  },
  2026: {
    id: '2026',
    // Late 2025 / 2026: [role="row"] with [role="gridcell"] again.
    rowRole: 'row',
    testids: true,
    messageClasses: false,
    search: 'input',
    sendTag: 'div',
    rail: true,
    // WDS ("WhatsApp design system") icon names replace the old ones.
    icons: {
      send: 'wds-ic-send-filled', mic: 'wds-ic-mic-outlined', search: 'wds-ic-search', muted: 'wds-ic-muted',
      pinned: 'wds-ic-pinned', menu: 'wds-ic-more-vertical', newChat: 'wds-ic-new-chat', attach: 'wds-ic-plus',
      emoji: 'wds-ic-emoji', pending: 'msg-time', check: 'msg-check', dblcheck: 'msg-dblcheck',
      tailIn: 'tail-in', tailOut: 'tail-out', user: 'default-contact-refreshed', group: 'default-group-refreshed',
      lock: 'wds-ic-lock', status: 'wds-ic-status', channels: 'wds-ic-channels', communities: 'wds-ic-communities',
      settings: 'wds-ic-settings', chats: 'wds-ic-chats-filled', back: 'wds-ic-back',
    },
  },
};

export const GEN = GENERATIONS[params.gen];

/** `data-testid` only where the generation has them. */
export const T = (id) => (GEN.testids ? { 'data-testid': id } : {});
