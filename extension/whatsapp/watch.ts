// One observer for the whole page, turning DOM changes into adapter events. Work is batched to
// one read per frame (read at once when the last read is a frame old, else at the next frame, with
// a timer fallback: background tabs get no animation frames), the readers touch attributes and
// text only (no layout), and an AbortSignal stops it all.
import { normalizeTitle } from '../../shared/domain/identity';
import { findChatList, RowReader, type ReadRow } from './chat-list';
import { findCompose, readCompose } from './compose';
import type { Landmarks } from './landmarks';
import { DirectionMemory } from './direction';
import { findMain, readOpenChat, type Bubble, type ChatMessage, type PhoneMemo } from './open-chat';
import { ElementCache } from './read-cache';

/** The open chat as the adapter tells it: its title and what tells it apart from a namesake. */
export interface OpenedChat {
  title: string;
  jid: string | null;
  avatar: string | null;
  /** The list has shown two rows with this title (for as long as the page lives): namesakes. */
  namesakes: boolean;
}

export type AdapterEvent =
  /** The rendered rows (in page order, `top` -1), each with the element it was read from (for badges). */
  | { type: 'rows'; rows: ReadRow[] }
  | ({ type: 'chatOpened' } & OpenedChat)
  /** Messages newly decided (direction known); `undecided` counts those still waiting for evidence. */
  | ({ type: 'messages'; messages: ChatMessage[]; initial: boolean; undecided: number } & OpenedChat)
  | { type: 'compose'; text: string };

export interface WatchOptions {
  landmarks: () => Landmarks;
  locale: string;
  signal: AbortSignal;
  onEvent: (event: AdapterEvent) => void;
  /** Called after every read, so the health monitor sees which landmarks matched. */
  onRead?: () => void;
  /** Longest wait for a frame before reading anyway. */
  fallbackMs?: number;
  now?: () => number;
}

export interface Watcher {
  /** Reads now instead of at the next frame (tests, and start-up). */
  flush(): void;
}

/**
 * Marks what Baton adds to the page: `data-baton` on our host and on the badges we put in rows.
 * Our own elements never nest WhatsApp's, so the node itself (or a text node's parent) says it:
 * no walk up the tree for each of the hundreds of records a frame of a scroll brings.
 */
function isBaton(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el && (el.hasAttribute('data-baton') || el.hasAttribute('data-baton-badge'));
}

/** Every node of the list is ours (hundreds of records a frame: a loop, not a spread into an array). */
function allBaton(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (!isBaton(nodes[i]!)) return false;
  return true;
}

/** A change Baton made: inside our own elements, or only adding and removing them. */
function isOurs(record: MutationRecord): boolean {
  if (isBaton(record.target)) return true;
  if (record.type !== 'childList' || record.addedNodes.length + record.removedNodes.length === 0) return false;
  return allBaton(record.addedNodes) && allBaton(record.removedNodes);
}

/** The rows show the same: the same content, namesake and shared marks, in the same places. */
function sameRows(a: ReadRow[], b: ReadRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.version !== y.version || x.shared !== y.shared || x.namesakes !== y.namesakes) return false;
  }
  return true;
}

/** A frame at 60 Hz, in milliseconds: the least time between two reads of a burst of changes. */
const FRAME_MS = 16;

export function watch(doc: Document, options: WatchOptions): Watcher {
  const win = doc.defaultView!;
  let scheduled = false;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The fallback timer stays armed across frames: setting and clearing a timer (and cancelling
  // a frame already run) on every frame of a scroll was a measurable part of each (bench/content.ts).
  let timerArmed = false;
  const clock = () => win.performance?.now() ?? Date.now();
  /** When the last read began: a change coming within a frame of it waits for the next frame. */
  let lastRead = -Infinity;
  let chatKey = '';
  let lastMain: Element | null = null;
  let openTitle: string | null = null;
  let known: { jid: string | null; avatar: string | null } = { jid: null, avatar: null };
  // Titles the list has shown on two rows at once. An open chat by such a title, without a
  // picture, cannot be told from its namesake but by its number (issue #7).
  const namesakeTitles = new Set<string>();
  let composeText = '';
  let seenIds = new Set<string>();
  let undecidedKey = '';
  // What the device learns about this account's page (its own name, the words of its language)
  // outlives chat switches.
  const memory = new DirectionMemory();
  // The containers found at the last read, and which of them changed since: a scroll touches
  // only the list and a message only the conversation, so each frame re-reads just that part
  // (bench/content.ts). A change anywhere else may have replaced a container: read everything.
  let listEl: Element | null = null;
  let mainEl: Element | null = null;
  let dirty = { all: true, list: false, main: false };
  const rowReader = new RowReader();
  const bubbles = new ElementCache<Bubble | null>();
  let bubblesRead: Landmarks | null = null;
  // The phone number of the open chat is searched for in the whole page: kept while only the
  // messages change (a message arriving), forgotten at any other change (open-chat.ts PhoneMemo).
  const phone: PhoneMemo = {};
  // The rows last reported. What they show is compared cheaply: each row's content version and
  // namesake marks, not where it is (a scroll alone is no news), row by row rather than through
  // a string made of them all on every frame.
  let reported: ReadRow[] = [];

  function flush() {
    scheduled = false;
    lastRead = clock();
    if (frame) {
      win.cancelAnimationFrame?.(frame);
      frame = 0;
    }
    if (options.signal.aborted) return;
    const landmarks = options.landmarks();
    const changed = dirty;
    dirty = { all: false, list: false, main: false };

    if (changed.all || changed.list) {
      listEl = findChatList(doc, landmarks);
      const rows = rowReader.read(doc, landmarks, false);
      if (!sameRows(rows, reported)) {
        reported = rows;
        let grew = false;
        for (const row of rows) {
          if (!row.namesakes) continue;
          const title = normalizeTitle(row.title);
          if (!namesakeTitles.has(title)) {
            namesakeTitles.add(title);
            grew = true;
          }
        }
        // The open chat's namesake may have just scrolled into view: announce it again.
        if (grew && openTitle !== null && namesakeTitles.has(normalizeTitle(openTitle))) changed.main = true;
        options.onEvent({ type: 'rows', rows });
      }
    }
    if (changed.all) phone.read = undefined;
    if (changed.all || changed.main) readConversation(landmarks);
    options.onRead?.();
  }

  function readConversation(landmarks: Landmarks) {
    mainEl = findMain(doc, landmarks);
    if (landmarks !== bubblesRead) {
      bubblesRead = landmarks; // the owner's overrides changed: read every message afresh
      bubbles.clear();
      phone.read = undefined;
    }
    const read = readOpenChat(doc, landmarks, { locale: options.locale, memory, now: (options.now ?? Date.now)(), cache: bubbles, phone });
    // WhatsApp re-creates #main on every chat switch (two "John"s have the same title).
    const opened = mainEl !== lastMain || read?.title !== openTitle;
    lastMain = mainEl;
    openTitle = read?.title ?? null;
    // The phone number shows while the drawer is open and the picture once it loads: what told
    // this chat apart stays known until another chat opens.
    if (opened) known = { jid: null, avatar: null };
    const chat = read && { ...read, jid: read.jid ?? known.jid, avatar: read.avatar ?? known.avatar, namesakes: namesakeTitles.has(normalizeTitle(read.title)) };
    if (chat) known = { jid: chat.jid, avatar: chat.avatar };
    const nextChatKey = chat ? `${chat.title}\n${chat.jid ?? ''}\n${chat.avatar ?? ''}\n${chat.namesakes}` : '';
    if (nextChatKey !== chatKey) {
      chatKey = nextChatKey;
      if (opened) seenIds = new Set();
      if (chat) options.onEvent({ type: 'chatOpened', title: chat.title, jid: chat.jid, avatar: chat.avatar, namesakes: chat.namesakes });
    }
    if (chat) {
      // A message no clue decides yet is read again on the next change, not reported as a guess.
      const fresh = chat.messages.filter((m) => m.direction && !seenIds.has(m.dataId));
      for (const m of fresh) seenIds.add(m.dataId);
      const undecided = chat.messages.filter((m) => !m.direction).map((m) => m.dataId);
      const key = undecided.join();
      if (fresh.length || key !== undecidedKey) {
        undecidedKey = key;
        options.onEvent({ type: 'messages', title: chat.title, jid: chat.jid, avatar: chat.avatar, namesakes: chat.namesakes, messages: fresh, initial: opened, undecided: undecided.length });
      }
    } else if (undecidedKey) {
      undecidedKey = '';
    }

    const box = findCompose(doc, landmarks);
    const text = box ? readCompose(box) : '';
    if (text !== composeText) {
      composeText = text;
      options.onEvent({ type: 'compose', text });
    }
  }

  function onFrame() {
    frame = 0;
    if (scheduled) flush();
  }

  function onTimer() {
    timerArmed = false;
    if (scheduled) flush();
  }

  function schedule() {
    if (scheduled || options.signal.aborted) return;
    scheduled = true;
    frame = win.requestAnimationFrame?.(onFrame) ?? 0;
    if (!timerArmed) {
      timerArmed = true;
      timer = setTimeout(onTimer, options.fallbackMs ?? 250);
    }
  }

  function note(records: MutationRecord[]): boolean {
    let relevant = false;
    for (const record of records) {
      const target = record.target;
      // Most records of a scroll: inside a row the list had, which is then all that changed. The
      // row's child holding the change says whether it is ours (our badge is one), without looking
      // at the target and every node the record adds or removes.
      const inRow = listEl && rowReader.rowHolding(target, listEl);
      if (inRow) {
        if (inRow.part ? isBaton(inRow.part) : isOurs(record)) continue;
        relevant = true;
        rowReader.rowChanged(inRow.row);
        dirty.list = true;
        continue;
      }
      // Our own UI (the shadow root's host, badges we put in rows) is not WhatsApp changing.
      if (isOurs(record)) continue;
      relevant = true;
      const inList = !!listEl?.contains(target);
      const inMain = !inList && !!mainEl?.contains(target);
      if (!inList && !phone.messages?.contains(target)) phone.read = undefined;
      // Each part is re-read by its own reader: rows are not in #main, messages not in the list.
      if (inList && record.type === 'childList') rowReader.childrenChanged(record);
      else if (!inMain) rowReader.changed(target);
      if (!inList) bubbles.changed(target);
      if (inList) dirty.list = true;
      else if (inMain) dirty.main = true;
      else dirty.all = true;
    }
    return relevant;
  }

  // A change is read at once, in the observer's callback, when nothing was read for a frame:
  // right after WhatsApp's own change, in its task. Asking for a frame (and arming the timer) on
  // every change was a measurable part of each frame of a scroll, and the badges then change in
  // the frame the rows did, not one later (bench/content.ts). Changes coming faster wait for the
  // next frame, so a burst is still read once a frame.
  const observer = new win.MutationObserver((records) => {
    if (!note(records)) return;
    if (!scheduled && clock() - lastRead >= FRAME_MS) flush();
    else schedule();
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    // Not `style`: the readers read no inline style (rows are reported without their positions),
    // so a row moving in the list (its transform, ~70 rows on every frame of a scroll) is no news
    // and need not even wake the observer (bench/content.ts).
    attributeFilter: ['aria-selected', 'title', 'data-id', 'data-icon', 'src', 'aria-label'],
  });
  options.signal.addEventListener('abort', () => {
    observer.disconnect();
    win.cancelAnimationFrame?.(frame);
    clearTimeout(timer);
  });
  schedule();
  return {
    flush() {
      // Changes not yet delivered to the observer still count; everything is looked for afresh.
      note(observer.takeRecords());
      rowReader.changed(doc);
      dirty.all = true;
      flush();
    },
  };
}
