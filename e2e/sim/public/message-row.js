// One message bubble, with the landmarks of the page's generation (whatsapp-dom.md, "message",
// "message direction", "message meta"):
//   2024: [role=row] > div.focusable-list-item[data-id] > div.message-in|message-out > bubble
//   2026: [role=row] > div[data-id][data-testid="conv-msg-<data-id>"] > div > bubble (no
//         direction classes: direction is in the data-id, the tail test id, and the alignment)
// Both: .copyable-text[data-pre-plain-text="[time, date] Sender: "] around the text.
import { GEN, T } from './gen.js';
import { authorColour, classes, h, primary } from './dom.js';
import { formatTime, prePlainText, t } from './i18n.js';
import { icon } from './icons.js';

/**
 * m: MessageView-like { id, dataId, fromMe, text, t, ack, sender, author }.
 * opts: { did (the data-id to render), tail (last bubble of a run), showAuthor, gap }.
 */
export function buildMessage(m, { did, tail, showAuthor, gap }) {
  const dir = m.fromMe ? 'out' : 'in';
  const bubbleChildren = [];
  if (showAuthor) {
    bubbleChildren.push(
      h('div', { c: 'author', style: `color: ${authorColour(m.author ?? m.sender)}` }, h('span', { dir: 'auto', 'aria-label': m.sender, text: m.sender })),
    );
  }
  bubbleChildren.push(
    h(
      'div',
      { k: 'copyable-text', 'data-pre-plain-text': prePlainText(m.t, m.sender) },
      h(
        'div',
        { c: 'msg-text-wrap' },
        h('span', { c: 'msg-text', k: 'selectable-text copyable-text', dir: 'ltr' }, h('span', { text: m.text })),
        // Room for the floating time, as WhatsApp reserves it with an invisible spacer.
        h('span', { c: 'msg-meta' }, h('span', { dir: 'auto', text: formatTime(m.t) }), m.fromMe ? ackIcon(m.ack) : null),
      ),
    ),
  );
  const bubble = h('div', { c: `bubble bubble-${dir}${tail ? ` bubble-tail-${dir}` : ''}` }, ...bubbleChildren);
  // The tail is an icon on the last bubble of a run only.
  const tailEl = tail ? icon(dir === 'in' ? 'tailIn' : 'tailOut') : null;
  if (tailEl) {
    tailEl.className = classes(`tail tail-${dir}`);
    for (const [k, v] of Object.entries(T(`tail-${dir}`))) tailEl.setAttribute(k, v);
  }

  const msg = h('div', { c: 'msg', k: GEN.messageClasses ? `message-${dir} focusable-list-item` : '' }, tailEl, bubble);
  const holder = h(
    'div',
    {
      c: `msg-focus${m.fromMe ? ' msg-focus-out' : ''}`,
      k: GEN.messageClasses ? 'focusable-list-item' : '',
      tabindex: -1,
      'data-id': did,
      ...T(`conv-msg-${did}`),
    },
    msg,
  );
  return h('div', { c: `msg-row${gap ? ' msg-row-gap' : ''}`, role: 'row' }, holder);
}

function ackIcon(ack) {
  const key = ack >= 2 ? 'dblcheck' : ack === 1 ? 'check' : 'pending';
  const el = icon(key, { size: ack === 0 ? 15 : 16, label: ` ${t.ack[ack]} ` });
  if (ack === 3) el.classList.add(primary('ack-read'));
  return el;
}

/** A day divider row ("TODAY", "Yesterday", a date). */
export const dayRow = (label) => h('div', { c: 'day', role: 'row' }, h('span', { c: 'day-pill', dir: 'auto', text: label }));

/** "3 unread messages" above the first unread message when a chat is opened. */
export const unreadRow = (n) => h('div', { c: 'unread-divider', role: 'row' }, h('span', { c: 'unread-pill', 'aria-live': 'polite', text: t.unreadDivider(n) }));
