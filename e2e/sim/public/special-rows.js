// The two rows of the 2026b list that are not chat rows (whatsapp-dom.md, "The 2026 generation"):
// - the self chat, [data-testid="message-yourself-row"]: a [role=row] with no cell-frame
//   container, titled "<account name> (You)" (translated) in a span[title], on top of the list;
// - while searching, the section headers ("Chats", "Groups in common", translated): [role=row]
//   too, with no title and no chat behind them.
import { patchChatHead, placeRow, previewParts } from './cell-frame-row.js';
import { T } from './gen.js';
import { h, setText } from './dom.js';
import { listTime, t } from './i18n.js';

export function buildSelfRow() {
  const pic = h('div', { c: 'avatar', role: 'gridcell', 'aria-colindex': 1 });
  const title = h('span', { c: 'cell-title', dir: 'auto' });
  const time = h('div', { c: 'cell-time' });
  const preview = h('span', { c: 'cell-secondary' });
  const el = h(
    'div',
    { c: 'cell-row', role: 'row', tabindex: -1, ...T('message-yourself-row') },
    pic,
    h(
      'div',
      { c: 'cell-body', role: 'gridcell', 'aria-colindex': 2 },
      h('div', { c: 'cell-top' }, title, time),
      h('div', { c: 'cell-bottom' }, preview),
    ),
  );
  el._parts = { pic, title, time, preview };
  el._chat = null;
  el._jid = null;
  return el;
}

export function patchSelfRow(el, item, index, total, selected) {
  const p = patchChatHead(el, item, index, total, selected);
  if (!p) return;
  const chat = item.chat;
  setText(p.time, chat.last ? listTime(chat.t) : '');
  if (chat.last) p.preview.replaceChildren(...previewParts(chat));
  else p.preview.replaceChildren(h('span', { c: 'preview-text', text: t.messageYourself }));
}

export function buildHeaderRow() {
  const label = h('div', { c: 'section-title' });
  const el = h('div', { c: 'section-row', role: 'row' }, h('div', { c: 'section-cell', role: 'gridcell', 'aria-colindex': 1 }, label));
  el._parts = { label };
  el._jid = null;
  return el;
}

export function patchHeaderRow(el, item, index, total) {
  placeRow(el, item.top, index, total, item.height);
  setText(el._parts.label, item.label);
}
