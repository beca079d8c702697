import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startAdapter } from '../../content/adapter';
import { sendReportsLater } from '../../content/later';
import { startFeatures } from '../../features';
import { typedSender, type Request, type TabMessage } from '../../messaging';
import { createSidebarContext } from '../../sidebar/context';
import { connectTeam, followPage } from '../../sidebar/session';
import { Sidebar } from '../../sidebar/Sidebar';
import { TEAM_PORT } from '../../team';
import { Landmarks } from '../../whatsapp/landmarks';
import { makeRoom } from '../../whatsapp/page';
import { SIDEBAR_WIDTH } from '../../sidebar/ui';
import { memoize } from '../../sidebar/translate';
import '../../sidebar/style.css';

export default defineContentScript({
  matches: ['https://web.whatsapp.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const send = typedSender(sendReportsLater((message: Request) => browser.runtime.sendMessage(message)));
    let landmarks = () => new Landmarks({}, document);
    const context = createSidebarContext(memoize((key, substitutions) => browser.i18n.getMessage(key as never, substitutions)), {
      send,
      page: { doc: document, landmarks: () => landmarks() },
    });

    // Mounted once; features render into it (CONVENTIONS.md #5).
    const ui = await createShadowRootUi(ctx, {
      name: 'baton-sidebar',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      onMount: (container) => {
        container.setAttribute('data-baton', '');
        container.dir = browser.i18n.getMessage('dir') === 'rtl' ? 'rtl' : 'ltr';
        container.lang = browser.i18n.getUILanguage();
        render(<Sidebar context={context} />, container);
      },
      onRemove: (container) => container && render(null, container),
    });
    ui.mount();
    ui.shadowHost.setAttribute('data-baton', '');

    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    // The stores and features listen before the adapter's first read.
    followPage(context, controller.signal);
    startFeatures(context, controller.signal);
    connectTeam(context, () => browser.runtime.connect({ name: TEAM_PORT }), controller.signal);
    const adapter = startAdapter(document, {
      signal: controller.signal,
      locale: document.documentElement.lang || navigator.language,
      overrides: await send('getOverrides', null).catch(() => ({})),
      chatsSeen: (chats) => void send('chatsSeen', chats).catch(() => undefined),
      inboundSignals: (signals) => void send('inboundSignals', signals).catch(() => undefined),
      healthChanged: (health) => {
        context.health.set(health);
        void send('reportHealth', health).catch(() => undefined);
      },
      onEvent: (event) => context.pageEvents.emit(event),
    });
    landmarks = adapter.landmarks;
    // WhatsApp's app makes room for the open panel, and gets it back when the panel folds.
    const room = () => makeRoom(document, adapter.landmarks(), context.collapsed.get() ? 0 : SIDEBAR_WIDTH);
    room();
    const stopRoom = context.collapsed.subscribe(room);
    const stopRoomEvents = context.pageEvents.subscribe(room);
    ctx.onInvalidated(() => {
      stopRoom();
      stopRoomEvents();
      makeRoom(document, adapter.landmarks(), 0);
    });
    const onMessage = (message: unknown) => {
      const msg = message as TabMessage;
      if (msg.type === 'overridesChanged') adapter.setOverrides(msg.overrides);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
