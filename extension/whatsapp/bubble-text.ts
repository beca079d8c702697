// The text of one message bubble, read for one purpose only: telling Baton's own automatic
// messages from a person's reply (issue #8). It is compared here, in the page, and goes nowhere.
import type { Landmarks } from './landmarks';

/** The bubble with this `data-id` (ChatMessage.dataId), or null when it is not rendered. */
export function findBubble(root: ParentNode, dataId: string): Element | null {
  return root.querySelector(`[data-id="${dataId.replace(/["\\]/g, '\\$&')}"]`);
}

/**
 * What a text bubble says: its selectable text span, else what its `data-pre-plain-text` element
 * holds (which may hold the time and the delivery status too, so it comes second); null for a
 * bubble without text (media without a caption).
 */
export function bubbleText(bubble: Element, landmarks: Landmarks): string | null {
  const text = bubble.querySelector('.selectable-text') ?? landmarks.first(bubble, 'messageMeta');
  return text ? (text.textContent ?? '') : null;
}

/** Spacing and Unicode forms aside, the same text (the editor may turn a line break into a space). */
export function sameText(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b);
}
