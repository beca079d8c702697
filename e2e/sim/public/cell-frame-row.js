// A chat row of the 2026b page (whatsapp-dom.md, "The 2026 generation": chat list and row parts):
//   div[role=row][data-testid=cell-frame-container][aria-rowindex][style=translateY(N)]
//     div[role=gridcell]  avatar: <img src=photo> or the default-contact icon
//     div  > div[role=gridcell]  [data-testid=cell-frame-title] > span[dir=auto][title]; the time
//                                (no test id: no public source confirms one, so only position)
//          > div[role=gridcell]  span[data-testid=last-msg-status][title=full text] (status
//                                <svg><title>wds-ic-read</title> when ours); muted, pinned, badge
// Built once and patched in place as the virtual list hands it other chats (rows are recycled,
// rows carry no chat id). The selected row is the grid's one row with tabindex="0" (roving
// tabindex) and a hashed class: no public source confirms how the 2026 page marks it.
import { avatar, avatarKey } from './avatar.js';
import { T } from './gen.js';
import { classes, h, primary, setAttr, setText } from './dom.js';
import { listTime, t } from './i18n.js';
import { icon } from './icons.js';
import { mediaPreview } from './media.js';
import { ROW_HEIGHT } from './chat-row.js';
import { shownName, shownTitle } from './titles.js';

const ACK_KEYS = ['pending', 'check', 'dblcheck', 'read'];

/** Positions a list row and marks it selected or not (shared with the self row). */
export function placeRow(el, top, index, total, height = ROW_HEIGHT) {
  el.style.cssText = `z-index: ${total - index}; transition: none 0s ease 0s; height: ${height}px; transform: translateY(${top}px);`;
  setAttr(el, 'aria-rowindex', index + 1);
}

export function markSelected(el, selected) {
  setAttr(el, 'tabindex', selected ? 0 : -1);
  el.classList.toggle(primary('row-selected'), selected);
}

export function buildCellRow() {
  const pic = h('div', { c: 'avatar', role: 'gridcell', 'aria-colindex': 1 });
  const title = h('span', { c: 'cell-title', dir: 'auto' });
  const time = h('div', { c: 'cell-time' });
  const preview = h('span', { c: 'cell-secondary', ...T('last-msg-status') });
  const side = h('div', { c: 'cell-icons' });
  const el = h(
    'div',
    { c: 'cell-row', role: 'row', tabindex: -1, ...T('cell-frame-container') },
    pic,
    h(
      'div',
      { c: 'cell-body' },
      h('div', { c: 'cell-top', role: 'gridcell', 'aria-colindex': 2 }, h('div', { c: 'cell-title-box', ...T('cell-frame-title') }, title), time),
      h('div', { c: 'cell-bottom', role: 'gridcell', 'aria-colindex': 3 }, preview, side),
    ),
  );
  el._parts = { pic, title, time, preview, side };
  el._chat = null;
  el._jid = null;
  return el;
}

/**
 * What a chat row and the self row share: placed and marked selected on every render; picture
 * and title patched only when the row shows another chat (or this one changed). Returns the
 * row's parts to patch the rest, or null when nothing else changed.
 */
export function patchChatHead(el, item, index, total, selected) {
  const chat = item.chat;
  placeRow(el, item.top, index, total);
  markSelected(el, selected);
  el._jid = chat.jid;
  if (el._chat === chat) return null;
  el._chat = chat;
  const p = el._parts;
  if (p.pic._key !== avatarKey(chat)) {
    p.pic._key = avatarKey(chat);
    p.pic.replaceChildren(avatar(chat, 49));
  }
  const title = shownTitle(chat);
  setAttr(p.title, 'title', title);
  setText(p.title, title);
  return p;
}

export function patchCellRow(el, item, index, total, selected) {
  const p = patchChatHead(el, item, index, total, selected);
  if (!p) return;
  const chat = item.chat;
  setText(p.time, chat.last || chat.t ? listTime(chat.t) : '');
  p.time.className = classes(chat.unread > 0 ? 'cell-time cell-time-unread' : 'cell-time');
  const m = chat.last;
  setAttr(p.preview, 'title', m ? m.text || mediaPreview(m).label : null);
  p.preview.replaceChildren(...previewParts(chat));
  p.side.replaceChildren(...sideIcons(chat));
}

/** The last message: our status as an SVG title only, a group author, media icon, first line. */
export function previewParts(chat) {
  const m = chat.last;
  if (!m) return [];
  const out = [];
  if (m.fromMe) {
    const ack = icon(ACK_KEYS[m.ack], { size: 18, hook: 'title' });
    if (m.ack === 3) ack.classList.add(primary('ack-read'));
    out.push(ack);
  }
  if (chat.kind === 'group' && !m.fromMe) out.push(h('span', { dir: 'auto', text: shownName(m.sender) }), h('span', { text: ': ' }));
  if (m.kind !== 'text') {
    const media = mediaPreview(m);
    out.push(icon(media.icon, { size: 16, hook: 'title' }));
    out.push(h('span', { c: 'preview-text', dir: 'auto', text: m.text ? m.text.split('\n')[0] : media.label }));
    return out;
  }
  out.push(h('span', { c: 'preview-text', dir: 'auto', text: m.text.split('\n')[0] }));
  return out;
}

function sideIcons(chat) {
  const out = [];
  if (chat.muted) {
    const muted = icon('muted', { size: 20, hook: 'title' });
    for (const [k, v] of Object.entries(T('mute-notifications-refreshed'))) muted.setAttribute(k, v);
    out.push(muted);
  }
  // Pinned: no public source confirms a 2026 hook; here an SVG title and a translated label.
  if (chat.pinnedAt) out.push(icon('pinned', { size: 20, hook: 'title', label: t.pinned }));
  if (chat.unread > 0) {
    out.push(h('span', { c: chat.muted ? 'badge badge-muted' : 'badge', 'aria-label': t.unreadCount(chat.unread), ...T('icon-unread-count') }, String(chat.unread)));
  }
  return out;
}
