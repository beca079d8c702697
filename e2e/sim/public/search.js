// The chat search box (whatsapp-dom.md, "search box"): a Lexical contenteditable with
// data-tab="3" until 2025, a plain <input role="textbox"> in 2026. Its generated id changes on
// every load, as WhatsApp's does.
import { createEditor } from './editor.js';
import { GEN } from './gen.js';
import { h, reactId } from './dom.js';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { store } from './store.js';

export function buildSearch(slot) {
  const glass = icon('search', { size: 20 });
  if (GEN.search === 'input') {
    const input = h('input', {
      c: 'search-input',
      type: 'text',
      role: 'textbox',
      id: reactId(),
      'aria-label': t.searchInput,
      placeholder: t.search,
      autocomplete: 'off',
      'data-tab': 3,
    });
    input.addEventListener('input', () => store.setQuery(input.value));
    slot.replaceChildren(glass, input);
    return;
  }
  const el = h('div', {
    c: 'search-editor',
    contenteditable: 'true',
    role: 'textbox',
    'data-lexical-editor': 'true',
    'data-tab': 3,
    id: reactId(),
    title: t.searchInput,
    'aria-label': t.searchInput,
    spellcheck: 'true',
    style: 'user-select: text; white-space: pre-wrap; word-break: break-word;',
  });
  const placeholder = h('div', { c: 'search-placeholder', text: t.search });
  createEditor({
    el,
    multiline: false,
    onChange: (text) => {
      placeholder.hidden = text !== '';
      store.setQuery(text);
    },
    onEnter: () => {},
  });
  slot.replaceChildren(glass, h('div', { c: 'search-wrap' }, el, placeholder));
}
