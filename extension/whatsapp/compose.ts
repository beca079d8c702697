// The compose box is a Lexical editor (since Aug 2023): writing textContent does not reach its
// state. Insert through `beforeinput`, which Lexical handles, or `execCommand('insertText')`,
// which fires a trusted one; then wait, because Lexical applies changes asynchronously.
import type { Landmarks } from './landmarks';

export function findCompose(root: ParentNode, landmarks: Landmarks): HTMLElement | null {
  return landmarks.first(root, 'compose') as HTMLElement | null;
}

/** The send button: the clickable ancestor of the send icon. */
export function findSendButton(root: ParentNode, landmarks: Landmarks): HTMLElement | null {
  const icon = landmarks.first(root, 'sendIcon');
  return (icon?.closest('button, [role="button"]') as HTMLElement | null) ?? (icon as HTMLElement | null);
}

/** What is typed, one line per paragraph or line break, as the editor shows it. */
export function readCompose(box: Element): string {
  const paragraphs = [...box.querySelectorAll('p')];
  const blocks = paragraphs.length ? paragraphs : [box];
  return blocks
    .map((block) => {
      let text = '';
      const walker = block.ownerDocument.createTreeWalker(block, 4 /* SHOW_TEXT */ | 1 /* SHOW_ELEMENT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === 3) text += node.nodeValue ?? '';
        else if ((node as Element).tagName === 'BR') text += '\n';
      }
      return text;
    })
    .join('\n')
    .replace(/\u200b|\ufeff/g, '');
}

function fire(box: HTMLElement, inputType: string, data: string | null): boolean {
  const event = new InputEvent('beforeinput', { inputType, data, bubbles: true, cancelable: true, composed: true });
  box.dispatchEvent(event);
  return event.defaultPrevented;
}

/**
 * Inserts `text` at the caret so the editor's own state takes it; line breaks become Shift+Enter
 * breaks, never a send. Resolves once the editor shows the text, or rejects after `timeoutMs`.
 */
export async function insertText(box: HTMLElement, text: string, timeoutMs = 2000): Promise<void> {
  const before = readCompose(box);
  box.focus();
  const doc = box.ownerDocument;
  text.split('\n').forEach((line, index) => {
    if (index > 0 && !fire(box, 'insertLineBreak', null)) doc.execCommand('insertLineBreak');
    // The editor took a synthetic beforeinput when it prevented the default; otherwise let the
    // browser produce a trusted one through execCommand.
    if (line && !fire(box, 'insertText', line)) doc.execCommand('insertText', false, line);
  });
  const started = Date.now();
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  while (!flat(readCompose(box)).includes(flat(text)) || readCompose(box) === before) {
    if (Date.now() - started > timeoutMs) throw new Error('The compose box did not take the text');
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
}
