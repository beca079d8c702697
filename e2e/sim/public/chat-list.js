// The virtualised chat list (whatsapp-dom.md, "The chat list is virtualised"): a canvas as tall
// as all the rows, and a small pool of absolutely positioned row elements that only cover the
// viewport plus a margin (GEN.overscan: a few rows in 2024/2026, about 70 rows in all on the
// 2026b page). A row keeps its chat while that chat stays in range (as keyed React rows do, so a
// chat moving to the top slides its own row); rows that leave the range are detached and reused
// for whichever items come into range, so DOM order drifts from list order.
import { buildRow, patchRow } from './chat-row.js';
import { buildCellRow, patchCellRow } from './cell-frame-row.js';
import { setAttr } from './dom.js';
import { GEN } from './gen.js';
import { listItems } from './list-items.js';
import { params } from './params.js';
import { buildHeaderRow, buildSelfRow, patchHeaderRow, patchSelfRow } from './special-rows.js';
import { store } from './store.js';

const nolist = params.layout === 'nolist';

/** Row builders per row shape and item type; 'nolist' always uses the classic shape. */
const SHAPES = {
  classic: { chat: { build: buildRow, patch: (el, item, i, n, selected) => patchRow(el, item.chat, i, n, selected) } },
  cellFrameRow: {
    chat: { build: buildCellRow, patch: patchCellRow },
    self: { build: buildSelfRow, patch: patchSelfRow },
    header: { build: buildHeaderRow, patch: patchHeaderRow },
  },
};
const shape = SHAPES[nolist ? 'classic' : GEN.rowShape];

/** The last index whose item starts at or before `y` (strictly before with `strict`). */
function indexAt(items, y, strict) {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (strict ? items[mid].top < y : items[mid].top <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * scroller: the scrolling element (#pane-side); grid: the element with role=grid and
 * aria-rowcount (the scroller itself on the 2026b page); canvas: the rows' parent.
 */
export function createChatList({ scroller, grid, canvas, emptyNote, onOpen }) {
  /** item key → row element currently showing that item. */
  const live = new Map();
  /** Detached rows waiting to be reused, per item type. */
  const spare = { chat: [], self: [], header: [] };
  const overscan = GEN.overscan;
  let frame = 0;

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  }

  function render() {
    const { items, height: total } = listItems(nolist);
    const n = items.length;
    canvas.style.height = `${total}px`;
    if (!nolist) setAttr(grid, 'aria-rowcount', n);
    emptyNote.hidden = n > 0 || store.chats.size === 0;

    const wanted = new Map();
    if (n > 0) {
      const top = Math.max(0, scroller.scrollTop - (canvas === scroller ? 0 : canvas.offsetTop));
      const height = scroller.clientHeight || 800;
      const first = Math.max(0, indexAt(items, top, false) - overscan);
      const last = Math.min(n - 1, indexAt(items, top + height, true) + overscan);
      for (let i = first; i <= last; i++) wanted.set(items[i].key, i);
    }

    // Rows of items that left the range are handed to items that entered it where they stand
    // in the DOM (only their transform changes), so DOM order drifts away from list order.
    const freed = { chat: [], self: [], header: [] };
    for (const [key, row] of live) {
      if (!wanted.has(key) || row._type !== items[wanted.get(key)].type) {
        live.delete(key);
        freed[row._type].push(row);
      }
    }
    for (const [key, i] of wanted) {
      const item = items[i];
      let row = live.get(key);
      if (!row) {
        row = freed[item.type].pop() ?? spare[item.type].pop() ?? shape[item.type].build();
        row._type = item.type;
        live.set(key, row);
        if (!row.isConnected) canvas.append(row);
      }
      shape[item.type].patch(row, item, i, n, !!item.chat && item.chat.jid === store.openJid);
    }
    // Left over (the list got shorter): out of the DOM, kept for later.
    for (const type of Object.keys(freed)) {
      for (const row of freed[type]) {
        row.remove();
        spare[type].push(row);
      }
    }
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  store.addEventListener('list', schedule);

  canvas.addEventListener('click', (e) => {
    // Rows carry no id: find the row element the click landed in, then the chat it shows now.
    let el = e.target;
    while (el && el.parentElement !== canvas) el = el.parentElement;
    if (el?._jid) onOpen(el._jid);
  });

  return {
    render,
    schedule,
    /** Number of row elements in the DOM (for the simulator's own checks). */
    get rowCount() {
      return live.size;
    },
  };
}
