// The conversation pane. `#main` is rebuilt from nothing on every chat switch, as WhatsApp
// re-creates it (whatsapp-dom.md, "open conversation"): nothing inside it survives a switch.
//   #main ([data-testid="conversation-panel-wrapper"] in 2026)
//     header: avatar, title span[dir=auto][title] (2026: inside
//             [data-testid="conversation-info-header-chat-title"]; 2026b: header is
//             [data-testid="conversation-header"], clicking it opens the contact drawer)
//     message list: [role=application] > [role=row] rows (see message-row.js); 2026b: inside
//             [data-testid="conversation-panel-messages"]
//     footer: compose box (see compose.js)
// The header carries no JID: the only JIDs on the page are inside message data-ids, and on the
// 2026b page there are none at all (data-id is the bare message id).
import { avatar, avatarKey } from './avatar.js';
import { buildFooter } from './compose.js';
import { GEN, T, hasTestid } from './gen.js';
import { h } from './dom.js';
import { dayLabel, sameDay, t } from './i18n.js';
import { icon } from './icons.js';
import { buildMessage, dayRow, unreadRow } from './message-row.js';
import { params } from './params.js';
import { iconButton, intro } from './shell.js';
import { store } from './store.js';
import { newMessageId } from './sync.js';
import { shownName, shownTitle } from './titles.js';

const PAGE = 100;

/** drawer: the contact info drawer (drawer.js) where the generation has one, else null. */
export function createConversation({ mainCol, link, drawer }) {
  /** The open chat's view state; replaced on every switch. */
  let cur = null;

  // 2026b: bare ids whatever bare= and the bareIds option say.
  const bare = () => GEN.bareIds || (params.bare ?? Boolean(store.options.bareIds));
  const didOf = (m) => (bare() ? m.id : m.dataId);

  function showIntro() {
    drawer?.hide();
    cur = null;
    store.openJid = null;
    mainCol.replaceChildren(intro());
    store.dispatchEvent(new Event('list'));
    reportFocus();
  }

  function reportFocus() {
    link.send({ type: 'focus', chat: cur?.jid ?? null, visible: document.visibilityState === 'visible' });
  }

  function header(chat) {
    // The title is the first span[title] of the header in every generation; the subtitle has no
    // title attribute so it cannot be mistaken for it.
    const shown = shownTitle(chat);
    const span = h('span', { c: 'conv-title', dir: 'auto', title: shown, text: shown });
    const title = hasTestid('conversation-info-header-chat-title') ? h('div', { ...T('conversation-info-header-chat-title') }, span) : span;
    const subtitle = h('div', { c: 'conv-subtitle' }, h('span', { text: subtitleOf(chat) }));
    const actions = h('div', { c: 'header-actions' }, iconButton('search', t.search), iconButton('menu', t.menu));
    const el = h(
      'header',
      { c: 'conv-header', ...T('conversation-header') },
      h('div', { c: 'conv-avatar', role: 'button' }, avatar(chat, 40)),
      h('div', { c: 'conv-info', role: 'button', tabindex: 0, title: chat.kind === 'group' ? t.groupInfo : t.contactInfo }, title, subtitle),
      actions,
    );
    // Clicking the header (not its buttons) opens the contact info drawer.
    if (drawer) el.addEventListener('click', (e) => !actions.contains(e.target) && cur && drawer.show(cur.chat));
    return el;
  }

  function subtitleOf(chat) {
    if (chat.kind === 'group') return [...chat.participants.map((p) => shownName(p.title)), t.you].join(', ');
    if (chat.self) return t.messageYourself;
    return t.contactInfo;
  }

  async function open(jid) {
    const chat = store.chat(jid);
    if (!chat) return;
    if (cur?.jid === jid) return cur.focus();
    if (drawer && drawer.jid !== jid) drawer.hide();
    const list = h('div', { c: 'msg-list', role: 'application', tabindex: -1 });
    const scroll = h(
      'div',
      { c: 'conv-scroll', tabindex: 0, 'data-tab': 8, ...T('conversation-panel-messages') },
      h('div', { c: 'e2e-note' }, h('span', { c: 'e2e-pill' }, icon('lock', { size: 12 }), ` ${t.encrypted}`)),
      list,
    );
    const { footer, focus, setName } = buildFooter({
      name: shownTitle(chat),
      draft: store.drafts.get(jid) ?? '',
      onSend: (text) => sendLocal(jid, text),
      onDraft: (text) => (text ? store.drafts.set(jid, text) : store.drafts.delete(jid)),
    });
    const main = h('div', { id: 'main', c: 'main', ...T('conversation-panel-wrapper') }, header(chat), h('div', { c: 'conv-body' }, scroll), footer);
    const session = { jid, chat, main, list, scroll, focus, setName, messages: [], rows: new Map(), buffer: [], loading: true, hasMore: false, loadingOlder: false, firstUnreadId: null };
    cur = session;
    store.openJid = jid;
    store.dispatchEvent(new Event('list'));
    mainCol.replaceChildren(main);
    focus();
    reportFocus();
    scroll.addEventListener('scroll', () => {
      if (scroll.scrollTop < 150) loadOlder(session);
    });

    const unread = chat.unread;
    let page;
    try {
      page = await link.request({ type: 'open', chat: jid, limit: Math.max(PAGE, unread + 20) });
    } catch (err) {
      console.warn('[sim] could not load the chat', err);
      page = { messages: [], hasMore: false };
    }
    if (cur !== session) return;
    session.loading = false;
    session.hasMore = page.hasMore;
    session.messages = page.messages;
    for (const m of session.buffer) upsert(session, m);
    session.buffer = [];
    const incoming = session.messages.filter((m) => !m.fromMe);
    if (unread > 0 && incoming.length) session.firstUnreadId = incoming[Math.max(0, incoming.length - unread)].id;
    render(session, 'bottom');
  }

  async function loadOlder(session) {
    if (!session.hasMore || session.loadingOlder || session.loading) return;
    const oldest = session.messages.find((m) => !m.local);
    if (!oldest) return;
    session.loadingOlder = true;
    try {
      const page = await link.request({ type: 'open', chat: session.jid, before: oldest.id, limit: PAGE });
      if (cur !== session) return;
      session.hasMore = page.hasMore;
      const known = new Set(session.messages.map((m) => m.id));
      session.messages = [...page.messages.filter((m) => !known.has(m.id)), ...session.messages];
      render(session, 'keep');
    } finally {
      session.loadingOlder = false;
    }
  }

  /** An echo of a message we show already replaces it in place; anything else is appended. */
  function upsert(session, m) {
    const i = session.messages.findIndex((x) => x.id === m.id);
    if (i >= 0) session.messages[i] = m;
    else session.messages.push(m);
  }

  function render(session, scrollMode) {
    const { scroll, list, messages, rows } = session;
    const nearBottom = scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 120;
    const oldHeight = scroll.scrollHeight;
    const group = session.chat.kind === 'group';
    const out = [];
    const same = (a, b) => a && b && a.fromMe === b.fromMe && a.author === b.author && sameDay(a.t, b.t);
    const keep = new Set();
    messages.forEach((m, i) => {
      const prev = messages[i - 1];
      const next = messages[i + 1];
      if (!prev || !sameDay(prev.t, m.t)) out.push(dayRow(dayLabel(m.t)));
      const divider = m.id === session.firstUnreadId;
      if (divider) out.push(unreadRow(messages.slice(i).filter((x) => !x.fromMe).length));
      const runPrev = !divider && same(prev, m);
      const runNext = next && next.id !== session.firstUnreadId && same(m, next);
      // The tail marks one end of a run of same-direction bubbles (a day divider breaks a run):
      // the last bubble in 2024/2026, the first on the 2026b page.
      const tail = GEN.tail === 'first' ? !runPrev : !runNext;
      const opts = { did: didOf(m), tail, showAuthor: group && !m.fromMe && !runPrev, gap: !runPrev };
      const key = JSON.stringify([opts, m.ack, m.t, m.text, m.sender, m.kind]);
      let row = rows.get(m.id);
      if (!row || row.key !== key) {
        row = { key, el: buildMessage(m, opts) };
        rows.set(m.id, row);
      }
      keep.add(m.id);
      out.push(row.el);
    });
    for (const id of rows.keys()) if (!keep.has(id)) rows.delete(id);
    list.replaceChildren(...out);
    if (scrollMode === 'bottom' || (scrollMode !== 'keep' && nearBottom)) scroll.scrollTop = scroll.scrollHeight;
    else if (scrollMode === 'keep') scroll.scrollTop += scroll.scrollHeight - oldHeight;
  }

  /** Shows the message at once with a clock icon; the server's echo (same id) turns it sent. */
  function sendLocal(jid, text) {
    const session = cur?.jid === jid ? cur : null;
    const chat = store.chat(jid);
    if (!chat) return;
    const id = newMessageId();
    const author = chat.kind === 'group' ? store.account.jid : null;
    const base = `true_${jid}_${id}`;
    const m = {
      id,
      chat: jid,
      fromMe: true,
      author,
      kind: 'text',
      text,
      media: null,
      t: Date.now(),
      ack: 0,
      sender: store.account.name,
      dataId: author ? `${base}_${author}` : base,
      local: true,
    };
    link.send({ type: 'send', chat: jid, text, id });
    if (!session) return;
    session.firstUnreadId = null; // replying dismisses the unread divider
    if (session.loading) session.buffer.push(m);
    else {
      upsert(session, m);
      render(session, 'bottom');
    }
  }

  return {
    open,
    showIntro,
    reportFocus,
    get openJid() {
      return cur?.jid ?? null;
    },
    onMessage(m) {
      if (!cur || m.chat !== cur.jid) return;
      if (cur.loading) return void cur.buffer.push(m);
      upsert(cur, m);
      render(cur, m.fromMe ? 'bottom' : 'auto');
    },
    onAck({ chat, ids, ack }) {
      if (!cur || chat !== cur.jid) return;
      const set = new Set(ids);
      cur.messages = cur.messages.map((m) => (set.has(m.id) && m.ack < ack ? { ...m, ack } : m));
      if (!cur.loading) render(cur, 'auto');
    },
    /** The open chat's summary changed (renamed, new participants): redraw the header. */
    onChat(chat) {
      if (!cur || chat.jid !== cur.jid) return;
      const old = cur.chat;
      cur.chat = chat;
      if (old.title !== chat.title || old.participants.length !== chat.participants.length || avatarKey(old) !== avatarKey(chat)) {
        cur.main.querySelector('header').replaceWith(header(chat));
        cur.setName(shownTitle(chat));
      }
      drawer?.update(chat);
    },
    /** After a reconnect or a reset: reload the open chat, or close it if it is gone. */
    reload() {
      const jid = cur?.jid;
      const pending = cur ? cur.messages.filter((m) => m.local) : [];
      // Messages still waiting for their echo are sent again (the server ignores known ids).
      for (const m of pending) link.send({ type: 'send', chat: m.chat, text: m.text, id: m.id });
      cur = null;
      if (jid && store.chat(jid)) void open(jid);
      else showIntro();
    },
  };
}
