// What this page knows of the account: chat summaries in list order, the list filter, the open
// chat and unsent drafts. Changes are announced as events; views redraw on the next frame.

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

class Store extends EventTarget {
  chats = new Map();
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
    this.account = msg.account;
    this.options = msg.options;
    this.#changed();
  }

  upsert(chat) {
    this.chats.set(chat.jid, chat);
    this.#changed();
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

  /** Chats in list order after search and filter chips. */
  visible() {
    if (!this.#sorted) {
      this.#sorted = [...this.chats.values()].sort((a, b) => b.pinnedAt - a.pinnedAt || b.t - a.t);
    }
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
