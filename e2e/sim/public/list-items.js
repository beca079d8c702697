// What the chat list holds, row by row, before virtualisation: chats in list order, and in
// generations that have them the "Message yourself" row on top and, while searching, section
// headers ("Chats", "Groups in common") that are rows too but not chats (whatsapp-dom.md, "The
// 2026 generation": chat list). Each item has its position, so rows can be placed with
// translateY without being in list order.
import { ROW_HEIGHT } from './chat-row.js';
import { GEN } from './gen.js';
import { t } from './i18n.js';
import { fold, store } from './store.js';

/** Section headers are shorter than chat rows. */
export const HEADER_HEIGHT = 48;

let memo = null;

/** { items: [{ type: 'chat' | 'self' | 'header', key, chat?, label?, top, height }], height } */
export function listItems(flat) {
  const chats = store.visible();
  const self = store.self;
  const key = [chats, self, flat];
  if (memo && memo.key.every((k, i) => k === key[i])) return memo.value;
  const items = flat || (!GEN.selfRow && !GEN.searchSections) ? chats.map(chatItem) : sectioned(chats, self);
  let top = 0;
  for (const item of items) {
    item.top = top;
    top += item.height;
  }
  memo = { key, value: { items, height: top } };
  return memo.value;
}

function chatItem(chat) {
  return { type: 'chat', key: chat.jid, chat, height: ROW_HEIGHT };
}

function sectioned(chats, self) {
  const q = store.folded;
  const showSelf = GEN.selfRow && self && store.filter === 'all';
  const selfItem = () => ({ type: 'self', key: 'self', chat: self, height: ROW_HEIGHT });
  if (!q || !GEN.searchSections) return [...(showSelf ? [selfItem()] : []), ...chats.map(chatItem)];
  const selfMatches = showSelf && fold(`${self.title} ${t.youSuffix}`).includes(q);
  const common = store.groupsInCommon(chats);
  const header = (id, label) => ({ type: 'header', key: `header:${id}`, label, height: HEADER_HEIGHT });
  const items = [];
  if (chats.length || selfMatches) items.push(header('chats', t.sectionChats), ...(selfMatches ? [selfItem()] : []), ...chats.map(chatItem));
  if (common.length) items.push(header('common', t.sectionGroupsInCommon), ...common.map(chatItem));
  return items;
}
