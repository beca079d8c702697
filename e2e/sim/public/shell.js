// The page frame: start-up screen, link (QR) screen, "open in another window" dialog, and the
// two-column app (side pane with the chat list, conversation pane). Landmark ids (#app, #side,
// #pane-side) are the stable hooks of whatsapp-dom.md; the rest is generation styling.
import { GEN, T } from './gen.js';
import { classes, h, reactId } from './dom.js';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { params } from './params.js';

const nolist = params.layout === 'nolist';

/** #app gets generation classes only (hashed, like everything else). */
export function prepareRoot(root) {
  root.className = classes(`app g${GEN.id}`);
  root.setAttribute('tabindex', '-1');
}

export function showStartup(root) {
  const bar = h('div', { c: 'startup-bar-fill' });
  root.replaceChildren(
    h(
      'div',
      { c: 'startup' },
      h('div', { c: 'startup-logo' }, icon('chats', { size: 64 })),
      h('div', { c: 'startup-bar' }, bar),
      h('div', { c: 'startup-title', text: 'WhatsApp' }),
      h('div', { c: 'startup-e2e' }, icon('lock', { size: 12 }), h('span', { text: ` ${t.encrypted}` })),
    ),
  );
  requestAnimationFrame(() => (bar.style.width = '80%'));
}

/** The link screen: a device that is not (or no longer) linked sees a QR code. */
export function showLanding(root, reason) {
  const canvas = h('canvas', { width: 228, height: 228, 'aria-label': t.scanMe, role: 'img' });
  drawFakeQr(canvas);
  root.replaceChildren(
    h(
      'div',
      { c: 'landing' },
      h(
        'div',
        { c: 'landing-card' },
        h(
          'div',
          { c: 'landing-text' },
          h('h1', { c: 'landing-title', text: t.linkTitle }),
          h('ol', { c: 'landing-steps' }, ...t.linkSteps.map((s) => h('li', { text: s }))),
          reason === 'max-devices' ? h('p', { c: 'landing-warn', text: t.maxDevices }) : null,
        ),
        h('div', { c: 'landing-qr', 'data-ref': `2@${crypto.randomUUID()}` }, canvas),
      ),
    ),
  );
}

function drawFakeQr(canvas) {
  const ctx = canvas.getContext('2d');
  const n = 33;
  const s = canvas.width / n;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#122e31';
  const finder = (x, y) => {
    ctx.fillRect(x * s, y * s, 7 * s, 7 * s);
    ctx.clearRect((x + 1) * s, (y + 1) * s, 5 * s, 5 * s);
    ctx.fillRect((x + 2) * s, (y + 2) * s, 3 * s, 3 * s);
  };
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (Math.random() < 0.45) ctx.fillRect(x * s, y * s, s, s);
  for (const [x, y] of [[0, 0], [n - 7, 0], [0, n - 7]]) {
    ctx.fillStyle = '#fff';
    ctx.fillRect((x - 1) * s, (y - 1) * s, 9 * s, 9 * s);
    ctx.fillStyle = '#122e31';
    finder(x, y);
  }
}

/** "WhatsApp is open in another window": this tab holds no session until "Use here". */
export function showConflict(root, onUseHere) {
  root.replaceChildren(
    h(
      'div',
      { c: 'popup-backdrop' },
      h(
        'div',
        { c: 'popup', role: 'dialog', 'data-animate-modal-popup': 'true' },
        h('div', { c: 'popup-body', text: t.conflict }),
        h(
          'div',
          { c: 'popup-actions' },
          h('button', { c: 'popup-btn', type: 'button', text: t.close, onclick: () => window.close() }),
          h('button', { c: 'popup-btn popup-btn-primary', type: 'button', text: t.useHere, onclick: onUseHere }),
        ),
      ),
    ),
  );
}

const iconButton = (key, label, extra = {}) =>
  h('div', { c: 'icon-btn', role: 'button', tabindex: 0, title: label, 'aria-label': label, ...extra }, icon(key));

/** The left navigation rail of the 2025/2026 design. */
function rail() {
  const item = (key, label, active) =>
    h('div', { c: active ? 'rail-item rail-item-active' : 'rail-item', role: 'button', tabindex: 0, 'aria-label': label, 'aria-pressed': active ? 'true' : 'false' }, icon(key));
  return h(
    'div',
    { c: 'rail' },
    h('div', { c: 'rail-top' }, item('chats', t.chats, true), item('status', t.status), item('channels', t.channels), item('communities', t.communities)),
    h('div', { c: 'rail-bottom' }, item('settings', t.settings), h('div', { c: 'rail-me', role: 'button', 'aria-label': t.profile }, icon('user', { size: 28 }))),
  );
}

function sideHeader() {
  if (GEN.rail) {
    return h(
      'header',
      { c: 'side-header side-header-2026' },
      h('h1', { c: 'brand', text: 'WhatsApp' }),
      h('div', { c: 'header-actions' }, iconButton('newChat', t.newChat), iconButton('menu', t.menu)),
    );
  }
  return h(
    'header',
    { c: 'side-header' },
    h('div', { c: 'me-avatar', role: 'button', 'aria-label': t.profile }, icon('user', { size: 40 })),
    h(
      'div',
      { c: 'header-actions' },
      iconButton('communities', t.communities),
      iconButton('status', t.status),
      iconButton('channels', t.channels),
      iconButton('newChat', t.newChat),
      iconButton('menu', t.menu),
    ),
  );
}

function filterChips(onFilter) {
  const chips = [['all', t.all], ['unread', t.unread], ['favourites', t.favourites], ['groups', t.groups]].map(([key, label]) =>
    h('button', { c: key === 'all' ? 'chip chip-active' : 'chip', type: 'button', 'aria-pressed': key === 'all' ? 'true' : 'false', text: label, 'data-filter': key }),
  );
  const bar = h('div', { c: 'chips', role: 'tablist' }, ...chips);
  bar.addEventListener('click', (e) => {
    const chip = e.target.closest('button');
    if (!chip) return;
    for (const c of chips) {
      const on = c === chip;
      c.className = classes(on ? 'chip chip-active' : 'chip');
      c.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    onFilter(chip.getAttribute('data-filter'));
  });
  return bar;
}

/** The scrolling chat list: { scroller, grid, canvas, emptyNote }. */
function chatListFrame() {
  const emptyNote = h('div', { c: 'empty-note', text: t.noResults, hidden: true });
  const gridProps = (cols) => ({ role: 'grid', 'aria-label': t.chatList, 'aria-rowcount': 0, 'aria-colcount': cols, ...T('chat-list') });
  if (GEN.paneIsGrid && !nolist) {
    // 2026b: #pane-side is the same node as [data-testid="chat-list"] and [role="grid"]; the
    // rows sit in a plain canvas inside it.
    const canvas = h('div', { c: 'list-canvas' });
    const scroller = h('div', { id: 'pane-side', c: 'pane-side', tabindex: -1, ...gridProps(3) }, canvas, emptyNote);
    return { scroller, grid: scroller, canvas, emptyNote };
  }
  const grid = nolist ? h('div', { c: 'list-canvas' }) : h('div', { c: 'list-canvas', ...gridProps(1) });
  // In the 'nolist' layout the side pane loses #side, the scroller #pane-side and the list its
  // roles: a reader must notice it cannot find the chat list.
  const scroller = h('div', nolist ? { c: 'pane-side' } : { id: 'pane-side', c: 'pane-side', tabindex: -1 }, h('div', { tabindex: -1, 'data-tab': 4 }, grid), emptyNote);
  return { scroller, grid, canvas: grid, emptyNote };
}

/**
 * Builds the app into #app and returns the parts other modules fill:
 * { side, searchSlot, scroller, grid, canvas, emptyNote, mainCol, drawerCol, banner }.
 */
export function buildShell(root, { onFilter }) {
  const searchSlot = h('div', { c: 'search-slot' });
  const { scroller, grid, canvas, emptyNote } = chatListFrame();
  const banner = h('div', { c: 'banner', hidden: true, text: t.notConnected });
  const side = h('div', nolist ? { c: 'side' } : { id: 'side', c: 'side' }, sideHeader(), banner, h('div', { c: 'search-bar' }, searchSlot), filterChips(onFilter), scroller);
  const mainCol = h('div', { c: 'main-col' });
  // The right-hand drawer (contact info) where the generation has one; empty until opened.
  const drawerCol = GEN.contactDrawer ? h('div', { c: 'drawer-col', hidden: true }) : null;
  const app = h('div', { c: 'two', tabindex: -1 }, GEN.rail ? rail() : null, h('div', { c: 'side-col' }, side), mainCol, drawerCol);
  root.replaceChildren(h('div', { c: 'app-wrapper' }, GEN.rail ? null : h('div', { c: 'band' }), app));
  return { side, searchSlot, scroller, grid, canvas, emptyNote, mainCol, drawerCol, banner };
}

/** What the conversation pane shows with no chat open. */
export function intro() {
  return h(
    'div',
    { c: 'intro', ...T('intro-md-beta-logo-light') },
    h('div', { c: 'intro-art' }, icon('chats', { size: 120 })),
    h('h1', { c: 'intro-title', text: t.introTitle }),
    h('div', { c: 'intro-text', text: t.introText }),
    h('div', { c: 'intro-e2e' }, icon('lock', { size: 12 }), h('span', { text: ` ${t.encrypted}` })),
  );
}

export { iconButton, reactId };
