// The adapter's own modules, bundled for a test to call inside a real page: the extension runs
// them in its isolated world, where a test cannot reach.
import { readChatList } from '../../extension/whatsapp/chat-list';
import { findCompose, findSendButton, insertText, readCompose } from '../../extension/whatsapp/compose';
import { DirectionMemory } from '../../extension/whatsapp/direction';
import { Landmarks } from '../../extension/whatsapp/landmarks';
import { readOpenChat } from '../../extension/whatsapp/open-chat';
import { watch, type AdapterEvent } from '../../extension/whatsapp/watch';

const landmarks = new Landmarks({}, document);
const events: AdapterEvent[] = [];
// What the device learns while reading (the account's own name), as the extension's watcher keeps it.
const memory = new DirectionMemory();
const controller = new AbortController();
// Row events carry the row elements (for badges): kept out, so the events can leave the page.
watch(document, { landmarks: () => landmarks, locale: document.documentElement.lang || 'en', signal: controller.signal, onEvent: (e) => events.push(e.type === 'rows' ? { ...e, rows: e.rows.map(({ element: _element, ...row }) => ({ ...row, element: null as never })) } : e) });

Object.assign(globalThis, {
  batonAdapter: {
    events,
    rows: () => readChatList(document, landmarks),
    openChat: () => readOpenChat(document, landmarks, { locale: document.documentElement.lang || 'en', memory }),
    insert: (text: string) => insertText(findCompose(document, landmarks)!, text),
    compose: () => readCompose(findCompose(document, landmarks)!),
    clickSend: () => findSendButton(document, landmarks)!.click(),
  },
});
