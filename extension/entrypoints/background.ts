import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { CoordinatorLink, type Stored } from '../background/link';
import type { Request, TabMessage } from '../messaging';

const KEY = 'baton.link';

export default defineBackground(() => {
  const link = new CoordinatorLink({
    load: async () => ((await browser.storage.local.get(KEY))[KEY] as Stored | undefined) ?? null,
    save: (stored) => (stored ? browser.storage.local.set({ [KEY]: stored }) : browser.storage.local.remove(KEY)),
    fetch: (...args) => fetch(...args),
    WebSocket,
    extensionVersion: browser.runtime.getManifest().version,
    onOverrides: async (overrides) => {
      const message: TabMessage = { type: 'overridesChanged', overrides };
      for (const tab of await browser.tabs.query({ url: 'https://web.whatsapp.com/*' })) {
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
      }
    },
  });

  browser.runtime.onMessage.addListener((message: unknown) => {
    const { type, args } = message as Request;
    return link.handle(type, args as never).then(
      (result) => ({ ok: true, result }),
      (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });

  // A suspended MV3 service worker loses its socket; the alarm wakes it to reconnect.
  browser.alarms.create('baton.keepalive', { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener(() => void link.wake());
});
