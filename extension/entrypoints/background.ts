import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BatonDb } from '../background/db';
import type { Stored } from '../background/link';
import { Background } from '../background/service';
import { replyTo, type Request, type TabMessage } from '../messaging';
import { TEAM_PORT } from '../team';

const KEY = 'baton.link';

export default defineBackground(() => {
  const background = new Background({
    db: new BatonDb(),
    load: async () => ((await browser.storage.local.get(KEY))[KEY] as Stored | undefined) ?? null,
    save: (stored) => (stored ? browser.storage.local.set({ [KEY]: stored }) : browser.storage.local.remove(KEY)),
    fetch: (...args) => fetch(...args),
    WebSocket,
    extensionVersion: browser.runtime.getManifest().version,
    // Firefox: the health report is optional data the user must agree to (wxt.config.ts).
    healthAllowed: import.meta.env.FIREFOX
      ? () => browser.permissions.contains({ data_collection: ['technicalAndInteraction'] } as unknown as Parameters<typeof browser.permissions.contains>[0])
      : undefined,
    onOverrides: async (overrides) => {
      const message: TabMessage = { type: 'overridesChanged', overrides };
      for (const tab of await browser.tabs.query({ url: 'https://web.whatsapp.com/*' })) {
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
      }
    },
  });

  browser.runtime.onMessage.addListener((message: unknown) => {
    const { type, args } = message as Request;
    return replyTo(background.handle(type, args as never));
  });

  // Each WhatsApp tab holds a port: the team view first, then every change as it happens.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === TEAM_PORT) background.connectPort(port);
  });

  // Consent given in the popup: the health report waiting for it goes now.
  if (import.meta.env.FIREFOX) browser.permissions.onAdded.addListener(() => void background.healthConsentChanged());

  // A suspended MV3 service worker loses its socket; the alarm wakes it to reconnect (the socket's
  // 25 s heartbeat keeps it awake while connected). Everything else comes back from IndexedDB.
  browser.alarms.create('baton.keepalive', { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener(() => void background.wake());
});
