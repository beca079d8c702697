// The compose footer (whatsapp-dom.md, "compose box", "send button", "Typing into the compose
// box"): a Lexical-like editor that only takes text through input events, Enter to send,
// Shift+Enter for a new line, and a send button that replaces the microphone while there is text.
//   2024: footer [contenteditable][role=textbox][data-lexical-editor][data-tab=10],
//         button > span[data-icon="send"]
//   2026: the same editor with data-testid="conversation-compose-box-input",
//         div[role=button][data-testid="send"] > span[data-icon="wds-ic-send-filled"]
//   2026b: aria-label "Type a message to <name>" (the chat's title, bidi marks and all),
//         footer button[aria-label="Send"] > span[data-icon="wds-ic-send-filled"] only while
//         the box holds text, button[aria-label="Voice message"] in its place when empty
import { createEditor } from './editor.js';
import { GEN, T } from './gen.js';
import { h, reactId } from './dom.js';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { iconButton } from './shell.js';

const labelFor = (name) => (GEN.composeLabel === 'to-name' ? t.typeMessageTo(name) : t.typeMessage);

/** buildFooter({ name, draft, onSend(text), onDraft(text) }) → { footer, focus(), setName(name) } */
export function buildFooter({ name = '', draft = '', onSend, onDraft }) {
  const el = h('div', {
    c: 'compose',
    k: 'selectable-text copyable-text',
    contenteditable: 'true',
    role: 'textbox',
    spellcheck: 'true',
    'data-lexical-editor': 'true',
    'data-tab': 10,
    tabindex: 10,
    id: reactId(),
    // 2026b has the chat's name in the label only (no title attribute).
    title: GEN.composeLabel === 'to-name' ? null : t.typeMessage,
    'aria-label': labelFor(name),
    'aria-placeholder': t.typeMessage,
    'aria-autocomplete': 'list',
    'aria-owns': 'emoji-suggestion',
    ...T('conversation-compose-box-input'),
  });
  const placeholder = h('div', { c: 'compose-placeholder', 'aria-hidden': 'true', text: t.typeMessage });
  const sendSlot = h('div', { c: 'send-slot' });

  const sendButton = () => {
    const label = { 'aria-label': t.send, title: t.send, 'data-tab': 11 };
    if (GEN.sendTag === 'button') return h('button', { c: 'send-btn', type: 'button', ...label }, icon('send'));
    return h('div', { c: 'send-btn', role: 'button', tabindex: 0, ...label, ...T('send') }, icon('send', { size: 20 }));
  };
  const micButton = () =>
    h('button', { c: 'send-btn send-btn-idle', type: 'button', 'aria-label': t.voice, title: t.voice, 'data-tab': 11 }, icon('mic'));

  let hasText = null;
  function showSend(text) {
    const now = text.trim() !== '';
    placeholder.hidden = text !== '';
    if (now === hasText) return;
    hasText = now;
    sendSlot.replaceChildren(now ? sendButton() : micButton());
  }

  function send() {
    const text = editor.getText().trim();
    if (!text) return;
    editor.setText('');
    onSend(text);
  }

  const editor = createEditor({
    el,
    multiline: true,
    onChange: (text) => {
      showSend(text);
      onDraft?.(text);
    },
    onEnter: send,
  });
  sendSlot.addEventListener('click', (e) => {
    const btn = e.target.closest('[aria-label]');
    if (btn?.getAttribute('aria-label') === t.send) send();
  });
  if (draft) editor.setText(draft);
  showSend(draft);

  const footer = h(
    'footer',
    { c: 'footer', tabindex: -1 },
    iconButton('attach', t.attach),
    GEN.emojiButton ? iconButton('emoji', t.emojis) : null,
    h('div', { c: 'input-wrap', k: 'lexical-rich-text-input' }, el, placeholder),
    sendSlot,
  );
  return { footer, focus: () => editor.focus(), setName: (n) => el.setAttribute('aria-label', labelFor(n)) };
}
