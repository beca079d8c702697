// Runs the WhatsApp adapter in the page: watches, reports every chat seen and every inbound
// signal, and keeps the health verdict. Pure wiring of extension/whatsapp/ to injected
// callbacks; no browser.* here.
import type { SelectorOverrides } from '../../shared/api';
import { findChatList } from '../whatsapp/chat-list';
import { HealthMonitor, type HealthState } from '../whatsapp/health';
import { Landmarks } from '../whatsapp/landmarks';
import { watch, type AdapterEvent } from '../whatsapp/watch';
import { openChatSeen, type InboundSignal, type SeenChat } from '../messaging';
import { InboundDetector } from './inbound';

export interface AdapterOptions {
  signal: AbortSignal;
  locale: string;
  overrides: SelectorOverrides;
  chatsSeen(chats: SeenChat[]): void;
  inboundSignals?(signals: InboundSignal[]): void;
  healthChanged(health: HealthState): void;
  onEvent?(event: AdapterEvent): void;
  now?: () => number;
}

const REPORT_AGAIN_MS = 60_000;

export function startAdapter(doc: Document, options: AdapterOptions) {
  let landmarks = new Landmarks(options.overrides, doc);
  const now = options.now ?? Date.now;
  const monitor = new HealthMonitor(now);
  let deadline: ReturnType<typeof setTimeout> | undefined;
  /** The deadline the pending timer is for: every frame reads, and mostly for the same one (or none). */
  let deadlineAt: number | null = null;
  let health: HealthState | null = null;
  let undirected = 0;

  function checkHealth() {
    const list = findChatList(doc, landmarks);
    const changed = monitor.update(landmarks, { listHasChildren: !!list?.firstElementChild });
    if (changed) {
      health = { ...changed, undirected };
      options.healthChanged(health);
    }
    // A landmark that went missing turns into a warning only after the grace period: look again
    // then. The timer is set again only when that moment moved (a timer a frame cost the page).
    const next = options.signal.aborted ? null : monitor.nextDeadline();
    if (next === deadlineAt) return;
    clearTimeout(deadline);
    deadlineAt = next;
    if (next !== null) {
      deadline = setTimeout(() => {
        deadlineAt = null;
        checkHealth();
      }, next - now() + 10);
    }
  }

  // Messages waiting for the evidence of their direction are part of the device's health.
  function setUndirected(count: number) {
    if (count === undirected) return;
    undirected = count;
    if (health) {
      health = { ...health, undirected };
      options.healthChanged(health);
    }
  }

  // A scroll shows the same rows frame after frame: each chat goes to the background once a
  // minute at most, not once a frame (a message to the background costs the page's main thread;
  // bench/content.ts). Repeats after a minute cover a background that was offline the first time.
  // A read's reports are handed over as it makes them: the content script's sender gathers them
  // all into one message to the background (content/later.ts).
  const reportedAt = new Map<string, number>();
  let lastFullReport = -Infinity;
  function report(chats: SeenChat[]) {
    const t = now();
    const fresh = chats.filter((chat) => {
      const key = `${chat.jid ?? ''}\n${chat.title}\n${chat.avatar ?? ''}\n${chat.shared ? 1 : 0}${chat.namesakes ? 1 : 0}`;
      if (t - (reportedAt.get(key) ?? -Infinity) < REPORT_AGAIN_MS) return false;
      reportedAt.set(key, t);
      return true;
    });
    if (fresh.length) options.chatsSeen(fresh);
  }

  const inbound = new InboundDetector(now);
  const watcher = watch(doc, {
    landmarks: () => landmarks,
    locale: options.locale,
    signal: options.signal,
    now,
    onRead: checkHealth,
    onEvent: (event) => {
      if (event.type === 'rows') {
        // Rows read afresh are what changed; every row again once a minute (see report).
        const t = now();
        const all = t - lastFullReport >= REPORT_AGAIN_MS;
        if (all) lastFullReport = t;
        const changed = all ? event.rows : event.rows.filter((row) => row.fresh);
        report(changed.map((row) => ({ title: row.title, jid: null, avatar: row.avatar, namesakes: row.namesakes, shared: row.shared })));
        const signals = inbound.read(event.rows.filter((row) => row.fresh));
        if (signals.length) options.inboundSignals?.(signals);
      }
      if (event.type === 'chatOpened' && event.title) report([openChatSeen(event)]);
      if (event.type === 'messages') setUndirected(event.undecided);
      options.onEvent?.(event);
    },
  });
  options.signal.addEventListener('abort', () => clearTimeout(deadline));

  return {
    /** Swaps in the owner's new selectors without a reload. */
    setOverrides(overrides: SelectorOverrides) {
      landmarks = new Landmarks(overrides, doc);
      watcher.flush();
    },
    flush: () => watcher.flush(),
    /** The selectors in use now (the owner's overrides first), for the sidebar's page helpers. */
    landmarks: () => landmarks,
  };
}
