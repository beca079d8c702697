// One message bubble, with the landmarks of the page's generation (whatsapp-dom.md, "message",
// "message direction", "message meta", "The 2026 generation": messages):
//   2024:  [role=row] > div.focusable-list-item[data-id] > div.message-in|message-out > bubble
//   2026:  [role=row] > div[data-id][data-testid="conv-msg-<data-id>"] > div > bubble (no
//          direction classes: direction is in the data-id, the tail test id, and the alignment)
//   2026b: [role=row] > div[data-id=<bare id>][data-testid="conv-msg-<id>"]
//          > div[data-testid=msg-container] > bubble; direction only from what is left: the tail
//          (first bubble of a run), a "You:" label on most outgoing text bubbles, and the delivery
//          status, a translated aria-label only outgoing bubbles have.
// Text: .copyable-text[data-pre-plain-text="[time, date] Sender: "] around the text. Media carry
// no data-pre-plain-text in any generation: only the time label in the bubble.
import { GEN, T } from './gen.js';
import { authorColour, classes, h, hash, primary } from './dom.js';
import { formatTime, prePlainText, t } from './i18n.js';
import { icon } from './icons.js';
import { mediaContent } from './media.js';
import { shownName } from './titles.js';

const ACK_KEYS = ['pending', 'check', 'dblcheck', 'read'];

/**
 * m: MessageView-like { id, dataId, fromMe, kind, text, media, t, ack, sender, author }.
 * opts: { did (the data-id to render), tail (this bubble has the run's tail), showAuthor, gap }.
 */
export function buildMessage(m, { did, tail, showAuthor, gap }) {
  const dir = m.fromMe ? 'out' : 'in';
  const kind = m.kind ?? 'text';
  const bubbleChildren = [];
  // "You:" on most, not all, outgoing bubbles: missing on media, and on about one text bubble in
  // four (decided by the id, so a bubble keeps or lacks it on every render).
  if (GEN.youLabel && m.fromMe && kind === 'text' && hash(m.id) % 4 !== 0) {
    bubbleChildren.push(h('span', { c: 'sr-only', 'aria-label': t.youLabel }));
  }
  if (showAuthor) {
    const name = shownName(m.sender);
    bubbleChildren.push(h('div', { c: 'author', style: `color: ${authorColour(m.author ?? m.sender)}` }, h('span', { dir: 'auto', 'aria-label': name, text: name })));
  }
  const meta = h('span', { c: 'msg-meta' }, h('span', { dir: 'auto', text: formatTime(m.t) }), m.fromMe ? ackElement(m.ack) : null);
  if (kind === 'text') {
    bubbleChildren.push(
      h(
        'div',
        { k: 'copyable-text', 'data-pre-plain-text': prePlainText(m.t, m.sender) },
        h(
          'div',
          { c: 'msg-text-wrap' },
          h('span', { c: 'msg-text', k: 'selectable-text copyable-text', dir: 'ltr' }, h('span', { text: m.text })),
          // Room for the floating time, as WhatsApp reserves it with an invisible spacer.
          meta,
        ),
      ),
    );
  } else {
    bubbleChildren.push(...mediaContent(m, meta));
  }
  // Stickers float without a bubble or a tail.
  const hasTail = tail && kind !== 'sticker';
  const bubble = h('div', { c: `bubble bubble-${dir}${hasTail ? ` bubble-tail-${dir}` : ''} bubble-${kind}` }, ...bubbleChildren);
  const tailEl = hasTail ? icon(dir === 'in' ? 'tailIn' : 'tailOut') : null;
  if (tailEl) {
    tailEl.className = classes(`tail tail-${dir}`);
    for (const [k, v] of Object.entries(T(`tail-${dir}`))) tailEl.setAttribute(k, v);
  }

  const msg = h('div', { c: 'msg', k: GEN.messageClasses ? `message-${dir} focusable-list-item` : '', ...T('msg-container') }, tailEl, bubble);
  const holder = h(
    'div',
    {
      c: `msg-focus${m.fromMe ? ' msg-focus-out' : ''}`,
      k: GEN.messageClasses ? 'focusable-list-item' : '',
      tabindex: -1,
      'data-id': did,
      ...T('conv-msg-', did),
    },
    msg,
  );
  return h('div', { c: `msg-row${gap ? ' msg-row-gap' : ''}`, role: 'row' }, holder);
}

/** Delivery status: an icon with a label (2024/2026), or a labelled span around an SVG (2026b). */
function ackElement(ack) {
  if (GEN.ackStyle === 'label') {
    const el = icon(ACK_KEYS[ack], { size: ack === 0 ? 15 : 16, label: ` ${t.ack[ack]} `, hook: 'title' });
    el.classList.add(primary('ack'));
    if (ack === 3) el.classList.add(primary('ack-read'));
    return el;
  }
  const key = ack >= 2 ? 'dblcheck' : ack === 1 ? 'check' : 'pending';
  const el = icon(key, { size: ack === 0 ? 15 : 16, label: ` ${t.ack[ack]} ` });
  if (ack === 3) el.classList.add(primary('ack-read'));
  return el;
}

/** A day divider row ("TODAY", "Yesterday", a date). */
export const dayRow = (label) => h('div', { c: 'day', role: 'row' }, h('span', { c: 'day-pill', dir: 'auto', text: label }));

/** "3 unread messages" above the first unread message when a chat is opened. */
export const unreadRow = (n) => h('div', { c: 'unread-divider', role: 'row' }, h('span', { c: 'unread-pill', 'aria-live': 'polite', text: t.unreadDivider(n) }));
