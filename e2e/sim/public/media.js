// Media bubbles: image, voice note, sticker, document. WhatsApp never put `data-pre-plain-text`
// on them (whatsapp-dom.md, "`data-pre-plain-text` is only on text messages"): their only time is
// the label in the bubble. Pictures are generated in the page and shown from blob: URLs, as
// WhatsApp shows decrypted media.
import { h, hash } from './dom.js';
import { duration, t } from './i18n.js';
import { icon } from './icons.js';

/** The icon and words a chat row shows for a media message without caption. */
export function mediaPreview(m) {
  switch (m.kind) {
    case 'image':
      return { icon: 'camera', label: t.photo };
    case 'voice':
      return { icon: 'ptt', label: duration(m.media?.seconds ?? 0) };
    case 'sticker':
      return { icon: 'sticker', label: t.sticker };
    case 'document':
      return { icon: 'document', label: m.media?.fileName ?? t.document };
    default:
      return { icon: 'document', label: m.text };
  }
}

const blobs = new Map();

/** A blob: URL for a generated picture, one per message id. */
function pictureUrl(key, svg) {
  let url = blobs.get(key);
  if (!url) {
    url = URL.createObjectURL(new Blob([svg()], { type: 'image/svg+xml' }));
    blobs.set(key, url);
  }
  return url;
}

const SKIES = [['#8ec5fc', '#e0c3fc'], ['#f6d365', '#fda085'], ['#84fab0', '#8fd3f4'], ['#a1c4fd', '#c2e9fb'], ['#fbc2eb', '#a6c1ee']];

function photoSvg(seed) {
  const [a, b] = SKIES[seed % SKIES.length];
  const hill = 150 + (seed % 40);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="330" height="240" viewBox="0 0 330 240">
<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs>
<rect width="330" height="240" fill="url(#s)"/><circle cx="${60 + (seed % 200)}" cy="70" r="26" fill="#fff7c2"/>
<path d="M0 ${hill} Q90 ${hill - 60} 170 ${hill} T330 ${hill - 20} V240 H0z" fill="#4f9a5b"/>
<path d="M0 ${hill + 40} Q120 ${hill} 230 ${hill + 30} T330 ${hill + 20} V240 H0z" fill="#3b7d46"/></svg>`;
}

function stickerSvg(seed) {
  const hue = seed % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
<circle cx="80" cy="80" r="70" fill="hsl(${hue} 80% 62%)" stroke="#fff" stroke-width="8"/>
<circle cx="57" cy="66" r="9" fill="#222"/><circle cx="103" cy="66" r="9" fill="#222"/>
<path d="M48 98 Q80 130 112 98" stroke="#222" stroke-width="8" fill="none" stroke-linecap="round"/></svg>`;
}

const caption = (text) => h('span', { c: 'msg-text media-caption', k: 'selectable-text copyable-text', dir: 'ltr' }, h('span', { text }));

/** The bubble's content for a media message; `meta` is the time (and status) element. */
export function mediaContent(m, meta) {
  const seed = hash(m.id);
  switch (m.kind) {
    case 'image': {
      const img = h('img', { c: 'media-img', src: pictureUrl(m.id, () => photoSvg(seed)), alt: '', draggable: 'false', width: 330, height: 240 });
      if (!m.text) return [h('div', { c: 'media-image', role: 'button', tabindex: 0 }, img, h('div', { c: 'media-meta-overlay' }, meta))];
      return [h('div', { c: 'media-image', role: 'button', tabindex: 0 }, img), h('div', { c: 'msg-text-wrap' }, caption(m.text), meta)];
    }
    case 'voice': {
      const bars = Array.from({ length: 36 }, (_, i) => h('span', { c: 'wave-bar', style: `height: ${4 + (hash(`${m.id}:${i}`) % 19)}px` }));
      return [
        h(
          'div',
          { c: 'voice' },
          h('button', { c: 'voice-play', type: 'button', 'aria-label': t.play }, icon('play', { size: 28 })),
          h('div', { c: 'voice-track' }, h('div', { c: 'voice-wave' }, ...bars), h('div', { c: 'voice-foot' }, h('span', { c: 'voice-dur', text: duration(m.media?.seconds ?? 0) }), meta)),
        ),
      ];
    }
    case 'sticker':
      return [h('div', { c: 'sticker' }, h('img', { c: 'sticker-img', src: pictureUrl(m.id, () => stickerSvg(seed)), alt: '', draggable: 'false', width: 160, height: 160 }), h('div', { c: 'sticker-meta' }, meta))];
    case 'document': {
      const name = m.media?.fileName ?? t.document;
      const ext = (/\.([a-z0-9]{1,5})$/i.exec(name)?.[1] ?? 'file').toUpperCase();
      const size = `${20 + (seed % 900)} kB`;
      const card = h(
        'div',
        { c: 'doc', role: 'button', tabindex: 0, title: name },
        h('span', { c: 'doc-badge', text: ext }),
        h('div', { c: 'doc-text' }, h('span', { c: 'doc-name', dir: 'auto', text: name }), h('span', { c: 'doc-info', text: `${t.pages(m.media?.pages ?? 1)} • ${ext} • ${size}` })),
        h('button', { c: 'doc-download', type: 'button', 'aria-label': t.download }, icon('download', { size: 20 })),
      );
      return [card, h('div', { c: 'msg-text-wrap' }, m.text ? caption(m.text) : null, meta)];
    }
    default:
      return [meta];
  }
}
