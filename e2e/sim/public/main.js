// The page's entry: start-up screen, link to the account over the sync socket, then the app.
// Server events (see ../sync.ts) are dispatched to the store, the chat list and the open chat.
import { createChatList } from './chat-list.js';
import { createConversation } from './conversation.js';
import { createDrawer } from './drawer.js';
import { htmlLang } from './i18n.js';
import { buildSearch } from './search.js';
import { buildShell, prepareRoot, showConflict, showLanding, showStartup } from './shell.js';
import { store } from './store.js';
import { injectStyles } from './styles.js';
import { connect } from './sync.js';

document.documentElement.lang = htmlLang;
injectStyles();
const root = document.getElementById('app');
prepareRoot(root);
showStartup(root);

/** The built app, or null while on the start-up, link or conflict screen. */
let ui = null;

const link = connect(onServer, (connected) => {
  if (ui) ui.banner.hidden = connected;
});

function buildApp() {
  const shell = buildShell(root, { onFilter: (f) => store.setFilter(f) });
  buildSearch(shell.searchSlot);
  const drawer = shell.drawerCol ? createDrawer(shell.drawerCol) : null;
  const conversation = createConversation({ mainCol: shell.mainCol, link, drawer });
  const list = createChatList({
    scroller: shell.scroller,
    grid: shell.grid,
    canvas: shell.canvas,
    emptyNote: shell.emptyNote,
    onOpen: (jid) => {
      void conversation.open(jid);
    },
  });
  conversation.showIntro();
  return { ...shell, list, conversation };
}

function onServer(msg) {
  switch (msg.type) {
    case 'welcome':
    case 'snapshot': {
      store.snapshot(msg);
      if (!ui) {
        ui = buildApp();
        ui.list.render();
      } else {
        ui.banner.hidden = true;
        ui.conversation.reload();
      }
      return;
    }
    case 'chat':
      store.upsert(msg.chat);
      ui?.conversation.onChat(msg.chat);
      return;
    case 'message':
      ui?.conversation.onMessage(msg.message);
      return;
    case 'ack':
      ui?.conversation.onAck(msg);
      return;
    case 'options': {
      const wasBare = Boolean(store.options.bareIds);
      store.options = msg.options;
      // Pages without ?bare= follow the server: redraw the open chat's data-ids.
      if (ui && wasBare !== Boolean(msg.options.bareIds)) ui.conversation.reload();
      return;
    }
    case 'unlinked':
      // Logged out from the phone, or a fifth device: back to the QR code. Clicking the code
      // stands for scanning it.
      ui = null;
      link.stop();
      showLanding(root, msg.reason);
      root.addEventListener('click', relinkOnQr);
      return;
    case 'conflict':
      ui = null;
      showConflict(root, () => {
        showStartup(root);
        link.takeover();
      });
      return;
    case 'error':
      console.warn('[sim]', msg.message);
      return;
    default:
  }
}

function relinkOnQr(e) {
  if (!e.target.closest('canvas')) return;
  root.removeEventListener('click', relinkOnQr);
  showStartup(root);
  link.takeover();
}

document.addEventListener('visibilitychange', () => ui?.conversation.reportFocus());
