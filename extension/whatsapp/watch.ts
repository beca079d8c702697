// One observer for the whole page, turning DOM changes into adapter events. Work is batched to
// one read per frame (with a timer fallback: background tabs get no animation frames), the
// readers touch attributes and inline styles only (no layout), and an AbortSignal stops it all.
import { readChatList, type ChatRow } from './chat-list';
import { findCompose, readCompose } from './compose';
import type { Landmarks } from './landmarks';
import { readOpenChat, type ChatMessage } from './open-chat';

export type AdapterEvent =
  | { type: 'rows'; rows: ChatRow[] }
  | { type: 'chatOpened'; title: string; jid: string | null }
  | { type: 'messages'; title: string; jid: string | null; messages: ChatMessage[]; initial: boolean }
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
}

export interface Watcher {
  /** Reads now instead of at the next frame (tests, and start-up). */
  flush(): void;
}

export function watch(doc: Document, options: WatchOptions): Watcher {
  const win = doc.defaultView!;
  let scheduled = false;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rowsKey = '';
  let chatKey = '';
  let composeText = '';
  let seenIds = new Set<string>();

  function flush() {
    scheduled = false;
    win.cancelAnimationFrame?.(frame);
    clearTimeout(timer);
    if (options.signal.aborted) return;
    const landmarks = options.landmarks();

    const rows = readChatList(doc, landmarks);
    const key = JSON.stringify(rows);
    if (key !== rowsKey) {
      rowsKey = key;
      options.onEvent({ type: 'rows', rows });
    }

    const chat = readOpenChat(doc, landmarks, options.locale);
    const nextChatKey = chat ? `${chat.title}\n${chat.jid ?? ''}` : '';
    const opened = nextChatKey !== chatKey;
    if (opened) {
      chatKey = nextChatKey;
      seenIds = new Set();
      if (chat) options.onEvent({ type: 'chatOpened', title: chat.title, jid: chat.jid });
    }
    if (chat) {
      const fresh = chat.messages.filter((m) => !seenIds.has(m.dataId));
      for (const m of fresh) seenIds.add(m.dataId);
      if (fresh.length) options.onEvent({ type: 'messages', title: chat.title, jid: chat.jid, messages: fresh, initial: opened });
    }

    const box = findCompose(doc, landmarks);
    const text = box ? readCompose(box) : '';
    if (text !== composeText) {
      composeText = text;
      options.onEvent({ type: 'compose', text });
    }
    options.onRead?.();
  }

  function schedule() {
    if (scheduled || options.signal.aborted) return;
    scheduled = true;
    frame = win.requestAnimationFrame?.(flush) ?? 0;
    timer = setTimeout(flush, options.fallbackMs ?? 250);
  }

  const observer = new win.MutationObserver((records) => {
    // Our own UI lives in a shadow root outside WhatsApp's tree; ignore changes to it.
    if (records.every((r) => (r.target as Element).closest?.('[data-baton]'))) return;
    schedule();
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['aria-selected', 'style', 'title', 'data-id', 'data-icon'],
  });
  options.signal.addEventListener('abort', () => {
    observer.disconnect();
    win.cancelAnimationFrame?.(frame);
    clearTimeout(timer);
  });
  schedule();
  return { flush };
}
