// One chat-list row: built once, then patched in place each time the virtual list hands it a
// different chat (whatsapp-dom.md, "The chat list is virtualised": rows are recycled, so nothing
// in a row element says which chat it was a moment ago). Rows carry no chat id, as on WhatsApp.
import { GEN, T } from './gen.js';
import { classes, h, primary, setAttr, setText } from './dom.js';
import { listTime, t } from './i18n.js';
import { icon } from './icons.js';
import { mediaPreview } from './media.js';
import { params } from './params.js';
import { shownTitle } from './titles.js';

export const ROW_HEIGHT = 72;
const nolist = params.layout === 'nolist';
// 2026 rows are grids again ([role="row"] > [role="gridcell"]); 2024 rows are plain listitems.
const cells = GEN.rowRole === 'row' && !nolist;

/** A fresh, empty row element; `patchRow` fills it. */
export function buildRow() {
  const title = h('span', { c: 'cell-title', dir: 'auto' });
  const time = h('div', { c: 'cell-time', ...(nolist ? {} : T('cell-frame-primary-detail')) });
  const secondary = h('div', { c: 'cell-secondary', ...(nolist ? {} : T('cell-frame-secondary')) });
  const side = h('div', { c: 'cell-icons', ...(cells ? { role: 'gridcell', 'aria-colindex': 1 } : {}) });
  const avatar = h('div', { c: 'avatar' });
  const inner = h(
    'div',
    { c: 'row-inner', tabindex: -1, ...(nolist ? {} : { 'aria-selected': 'false' }) },
    h(
      'div',
      { c: 'cell-frame', ...(nolist ? {} : T('cell-frame-container')) },
      avatar,
      h(
        'div',
        { c: 'cell-body', ...(cells ? { role: 'gridcell', 'aria-colindex': 2 } : {}) },
        h('div', { c: 'cell-top' }, title, time),
        h('div', { c: 'cell-bottom' }, secondary, side),
      ),
    ),
  );
  const role = nolist ? null : GEN.rowRole;
  const el = h('div', { c: nolist ? 'nolist-row' : 'row', role }, inner);
  el._parts = { inner, avatar, title, time, secondary, side };
  el._chat = null;
  el._jid = null;
  return el;
}

/** Places the row at list position `index` (absolute, translateY) and shows `chat` in it. */
export function patchRow(el, chat, index, total, selected) {
  el.style.cssText = `z-index: ${total - index}; transition: none 0s ease 0s; height: ${ROW_HEIGHT}px; transform: translateY(${index * ROW_HEIGHT}px);`;
  if (cells) setAttr(el, 'aria-rowindex', index + 1);
  const p = el._parts;
  if (nolist) p.inner.classList.toggle(primary('row-selected'), selected);
  else setAttr(p.inner, 'aria-selected', selected ? 'true' : 'false');
  el._jid = chat.jid;
  if (el._chat === chat) return;
  el._chat = chat;

  if (p.avatar._kind !== chat.kind) {
    p.avatar._kind = chat.kind;
    p.avatar.replaceChildren(icon(chat.kind === 'group' ? 'group' : 'user', { size: 49 }));
  }
  // The title is in the `title` attribute too (the stable hook); 'nolist' has no such hook.
  const title = shownTitle(chat);
  if (!nolist) setAttr(p.title, 'title', title);
  setText(p.title, title);
  setText(p.time, chat.last || chat.t ? listTime(chat.t) : '');
  p.time.className = classes(chat.unread > 0 ? 'cell-time cell-time-unread' : 'cell-time');
  p.secondary.replaceChildren(...preview(chat));
  p.side.replaceChildren(...sideIcons(chat));
}

function preview(chat) {
  const m = chat.last;
  if (!m) return [];
  const out = [];
  if (m.fromMe) {
    const key = m.ack >= 2 ? 'dblcheck' : m.ack === 1 ? 'check' : 'pending';
    const ack = icon(key, { size: 18, label: ` ${t.ack[m.ack]} ` });
    if (m.ack === 3) ack.classList.add(primary('ack-read'));
    out.push(ack);
  }
  if (chat.kind === 'group' && !m.fromMe) {
    out.push(h('span', { dir: 'auto', text: m.sender }), h('span', { text: ': ' }));
  }
  // Media show their icon, and their caption or what they are ("Photo", "0:07", the file name).
  const media = m.kind && m.kind !== 'text' ? mediaPreview(m) : null;
  if (media) out.push(icon(media.icon, { size: 16 }));
  const full = m.text || media?.label || '';
  out.push(h('span', { c: 'preview-text', dir: 'ltr', ...(nolist ? {} : { title: full }), text: full.split('\n')[0] }));
  return out;
}

function sideIcons(chat) {
  const out = [];
  if (chat.muted) out.push(icon('muted', { size: 20, label: t.muted }));
  if (chat.pinnedAt) out.push(icon('pinned', { size: 20, label: t.pinned }));
  if (chat.unread > 0) {
    // The badge's aria-label holds the number and the translated word for unread.
    out.push(
      h(
        'span',
        { c: chat.muted ? 'badge badge-muted' : 'badge', 'aria-label': t.unreadCount(chat.unread), ...(nolist ? {} : T('icon-unread-count')) },
        String(chat.unread),
      ),
    );
  }
  return out;
}
