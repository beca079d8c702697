// The adapter's own modules, bundled for a test to call inside a real page: the extension runs
// them in its isolated world, where a test cannot reach.
import { readChatList } from '../../extension/whatsapp/chat-list';
import { findCompose, findSendButton, insertText, readCompose } from '../../extension/whatsapp/compose';
import { Landmarks } from '../../extension/whatsapp/landmarks';
import { readOpenChat } from '../../extension/whatsapp/open-chat';
import { watch, type AdapterEvent } from '../../extension/whatsapp/watch';

const landmarks = new Landmarks({}, document);
const events: AdapterEvent[] = [];
const controller = new AbortController();
watch(document, { landmarks: () => landmarks, locale: document.documentElement.lang || 'en', signal: controller.signal, onEvent: (e) => events.push(e) });

Object.assign(globalThis, {
  batonAdapter: {
    events,
    rows: () => readChatList(document, landmarks),
    openChat: () => readOpenChat(document, landmarks, document.documentElement.lang || 'en'),
    insert: (text: string) => insertText(findCompose(document, landmarks)!, text),
    compose: () => readCompose(findCompose(document, landmarks)!),
    clickSend: () => findSendButton(document, landmarks)!.click(),
  },
});
