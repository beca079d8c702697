// What this page knows of the account: chat summaries in list order, the list filter, the open
// chat and unsent drafts. Changes are announced as events; views redraw on the next frame.

export const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

class Store extends EventTarget {
  chats = new Map();
  /** The account's chat with itself (kept apart: only some generations list it). */
  self = null;
  account = { name: '' };
  options = { bareIds: false };
  /** Sorted list (pinned first, then by last activity), rebuilt lazily. */
  #sorted = null;
  #visible = null;
  query = '';
  /** 'all' | 'unread' | 'groups' */
  filter = 'all';
  openJid = null;
  drafts = new Map();

  snapshot(msg) {
    this.chats = new Map(msg.chats.map((c) => [c.jid, c]));
    this.self = msg.self ?? null;
    this.account = msg.account;
    this.options = msg.options;
    this.#changed();
  }

  upsert(chat) {
    if (chat.self) this.self = chat;
    else this.chats.set(chat.jid, chat);
    this.#changed();
  }

  /** A chat by JID, the self chat included. */
  chat(jid) {
    return this.chats.get(jid) ?? (this.self?.jid === jid ? this.self : undefined);
  }

  /** The search query folded for comparison ('' when not searching). */
  get folded() {
    return fold(this.query.trim());
  }

  /** Groups not among `shown` with a participant whose name matches the query ("Groups in common"). */
  groupsInCommon(shown) {
    const q = this.folded;
    if (!q) return [];
    const listed = new Set(shown.map((c) => c.jid));
    return this.visibleAll().filter((c) => c.kind === 'group' && !listed.has(c.jid) && c.participants.some((p) => fold(p.title).includes(q)));
  }

  setQuery(query) {
    this.query = query;
    this.#visible = null;
    this.dispatchEvent(new Event('list'));
  }

  setFilter(filter) {
    this.filter = filter;
    this.#visible = null;
    this.dispatchEvent(new Event('list'));
  }

  /** Chats in list order after the filter chips only. */
  visibleAll() {
    return this.#order().filter((c) => this.#passesFilter(c));
  }

  #order() {
    if (!this.#sorted) {
      this.#sorted = [...this.chats.values()].sort((a, b) => b.pinnedAt - a.pinnedAt || b.t - a.t);
    }
    return this.#sorted;
  }

  #passesFilter(c) {
    if (this.filter === 'unread' && c.unread === 0) return false;
    if (this.filter === 'groups' && c.kind !== 'group') return false;
    return true;
  }

  /** Chats in list order after search and filter chips. */
  visible() {
    this.#order();
    if (!this.#visible) {
      const q = fold(this.query.trim());
      this.#visible = this.#sorted.filter((c) => {
        if (this.filter === 'unread' && c.unread === 0) return false;
        if (this.filter === 'groups' && c.kind !== 'group') return false;
        if (!q) return true;
        return fold(c.title).includes(q) || (c.last && fold(c.last.text).includes(q));
      });
    }
    return this.#visible;
  }

  #changed() {
    this.#sorted = null;
    this.#visible = null;
    this.dispatchEvent(new Event('list'));
  }
}

export const store = new Store();
