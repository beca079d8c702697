// Reads the open conversation: its title, its JID when the page shows one, and its messages.
import type { Landmarks } from './landmarks';
import { parsePrePlainText, type MessageMeta } from './message-meta';
import { parseMessageId } from './message-id';

export interface ChatMessage {
  /** WhatsApp's message id (the bare part of `data-id`). */
  id: string;
  /** The raw `data-id`, unique on the page. */
  dataId: string;
  direction: 'in' | 'out' | null;
  /** `HH:MM`, the date when shown, and the group author, from `data-pre-plain-text`. */
  meta: MessageMeta | null;
  participant: string | null;
}

export interface OpenChat {
  title: string;
  jid: string | null;
  messages: ChatMessage[];
}

/** The open conversation's container, or null when no chat is open. */
export function findMain(root: ParentNode, landmarks: Landmarks): Element | null {
  return landmarks.first(root, 'main');
}

function direction(el: Element, fromMe: boolean | null): 'in' | 'out' | null {
  if (fromMe !== null) return fromMe ? 'out' : 'in';
  // Classes and tails, on the element or inside it (the bubble sits below the data-id wrapper).
  if (el.matches('.message-out') || el.querySelector('.message-out') || el.closest('.message-out')) return 'out';
  if (el.matches('.message-in') || el.querySelector('.message-in') || el.closest('.message-in')) return 'in';
  if (el.querySelector('[data-testid="tail-out"], [data-icon="tail-out"]')) return 'out';
  if (el.querySelector('[data-testid="tail-in"], [data-icon="tail-in"]')) return 'in';
  return null;
}

export function readOpenChat(root: ParentNode, landmarks: Landmarks, locale = 'en'): OpenChat | null {
  const main = findMain(root, landmarks);
  if (!main) return null;
  const titleEl = landmarks.first(main, 'headerTitle');
  const title = (titleEl?.getAttribute('title') || titleEl?.textContent || '').trim();
  const candidates = landmarks.all(main, 'message');
  // Wrappers and bubbles can both match: keep the outermost element of each message.
  const elements = candidates.filter((el) => !candidates.some((other) => other !== el && other.contains(el)));
  let jid: string | null = null;
  const messages: ChatMessage[] = [];
  const seen = new Set<string>();
  for (const el of elements) {
    const dataId = el.getAttribute('data-id') ?? el.querySelector('[data-id]')?.getAttribute('data-id') ?? '';
    const parsed = parseMessageId(dataId);
    if (!parsed || seen.has(dataId)) continue;
    seen.add(dataId);
    jid ??= parsed.chatJid;
    const metaEl = landmarks.first(el, 'messageMeta');
    const metaText = metaEl?.getAttribute('data-pre-plain-text');
    messages.push({
      id: parsed.id,
      dataId,
      direction: direction(el, parsed.fromMe),
      meta: metaText ? parsePrePlainText(metaText, locale) : null,
      participant: parsed.participant,
    });
  }
  return { title, jid, messages };
}
