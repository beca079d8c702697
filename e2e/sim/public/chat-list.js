// The virtualised chat list (whatsapp-dom.md, "The chat list is virtualised"): a canvas as tall
// as all the rows, and a small pool of absolutely positioned row elements that only cover the
// viewport plus a margin. A row keeps its chat while that chat stays in range (as keyed React
// rows do, so a chat moving to the top slides its own row); rows that leave the range are
// detached and reused for whichever chats come into range, so DOM order drifts from list order.
import { buildRow, patchRow, ROW_HEIGHT } from './chat-row.js';
import { setAttr } from './dom.js';
import { params } from './params.js';
import { store } from './store.js';

/** Rows kept above and below the viewport. */
const OVERSCAN = 3;

export function createChatList({ scroller, grid, emptyNote, onOpen }) {
  /** jid → row element currently showing that chat. */
  const live = new Map();
  /** Detached rows waiting to be reused. */
  const spare = [];
  let frame = 0;

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  }

  function render() {
    const list = store.visible();
    const n = list.length;
    grid.style.height = `${n * ROW_HEIGHT}px`;
    if (params.layout !== 'nolist') setAttr(grid, 'aria-rowcount', n);
    emptyNote.hidden = n > 0 || store.chats.size === 0;

    const top = Math.max(0, scroller.scrollTop - grid.offsetTop);
    const height = scroller.clientHeight || 800;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n - 1, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN - 1);

    const wanted = new Map();
    for (let i = first; i <= last; i++) wanted.set(list[i].jid, i);

    // Rows of chats that left the range are handed to chats that entered it where they stand
    // in the DOM (only their transform changes), so DOM order drifts away from list order.
    const freed = [];
    for (const [jid, row] of live) {
      if (!wanted.has(jid)) {
        live.delete(jid);
        freed.push(row);
      }
    }
    for (const [jid, i] of wanted) {
      let row = live.get(jid);
      if (!row) {
        row = freed.pop() ?? spare.pop() ?? buildRow();
        live.set(jid, row);
        if (!row.isConnected) grid.append(row);
      }
      patchRow(row, list[i], i, n, jid === store.openJid);
    }
    // Left over (the list got shorter): out of the DOM, kept for later.
    for (const row of freed) {
      row.remove();
      spare.push(row);
    }
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  store.addEventListener('list', schedule);

  grid.addEventListener('click', (e) => {
    // Rows carry no id: find the row element the click landed in, then the chat it shows now.
    let el = e.target;
    while (el && el.parentElement !== grid) el = el.parentElement;
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
