// The account: one WhatsApp number, its chats and messages. Every linked device (browser page)
// shows this same state; the sync hub broadcasts the events this class emits.
import { EventEmitter } from 'node:events';
import { PhotoSigner, newPhotoPath } from './avatars';
import { SimError } from './errors';
import { Rng, dataId, formatPhone, groupJid, isMessageId, lidJid, messageId, userJid } from './ids';
import { contentOf, type ContentInput, type MediaInfo, type MessageKind } from './media';

export { SimError };

/** 0 pending (clock), 1 sent (one tick), 2 delivered (two ticks), 3 read (two blue ticks). */
export type Ack = 0 | 1 | 2 | 3;
export type Origin = { kind: 'customer' } | { kind: 'phone' } | { kind: 'device'; deviceId: string };

export interface Participant {
  jid: string;
  name: string | null;
  phone: string | null;
}

export interface Message {
  /** Account-wide sequence number (sim only), for `since=` queries. */
  seq: number;
  id: string;
  chat: string;
  fromMe: boolean;
  /** Participant JID in groups (ours for our own messages), null in 1:1 chats. */
  author: string | null;
  /** 'text', or a media kind (image, voice, sticker, document). */
  kind: MessageKind;
  /** The text, or a media caption ('' when none). */
  text: string;
  /** Voice length, document name and pages; null for text. */
  media: MediaInfo | null;
  t: number;
  ack: Ack;
  /** Sim only: who really sent it. WhatsApp shows every outgoing message as the account's. */
  origin: Origin;
}

export interface Chat {
  jid: string;
  kind: 'user' | 'group';
  name: string | null;
  phone: string | null;
  /** Stable path of the profile photo ("v/t61.24694-24/…_n.jpg"), or null: the default icon. */
  avatar: string | null;
  muted: boolean;
  /** Time it was pinned; 0 when not pinned. Pinned chats sort first, latest pin on top. */
  pinnedAt: number;
  unread: number;
  /** Last activity: the list is ordered by it. */
  t: number;
  participants: Participant[];
  messages: Message[];
}

/** What devices receive about a chat: enough to draw its row and header. */
export interface ChatSummary {
  jid: string;
  kind: 'user' | 'group';
  title: string;
  name: string | null;
  phone: string | null;
  /** The number as the contact info drawer shows it ("+55 11 98765-4321"); null for groups. */
  formattedPhone: string | null;
  /** Signed photo URL (https://pps.whatsapp.net/v/t61.24694-24/…_n.jpg?ccb=11-4&oh=…&oe=…), or null. */
  avatar: string | null;
  /** The account's chat with itself ("Message yourself"); it is not in `chats` lists. */
  self: boolean;
  muted: boolean;
  pinnedAt: number;
  unread: number;
  t: number;
  participants: { jid: string; title: string }[];
  last: MessageView | null;
  count: number;
}

/** A message as sent to devices and returned by the control API. */
export interface MessageView extends Omit<Message, 'author'> {
  author: string | null;
  /** Display name of the sender (contact name, formatted number, or the account's name). */
  sender: string;
  dataId: string;
}

export interface Account {
  jid: string;
  phone: string;
  name: string;
}

export interface Options {
  /** Delay before a message a page sent comes back as a bubble, like a server round trip. */
  sendDelayMs: [number, number];
  /** Default for pages without `bare=`: `data-id` is the bare message id (2026 Business). */
  bareIds: boolean;
  /** Linked (companion) devices allowed; WhatsApp allows 4. */
  maxDevices: number;
  /** When a customer writes, our earlier messages turn read (blue ticks). */
  autoReadReceipts: boolean;
}

export const DEFAULT_OPTIONS: Options = {
  sendDelayMs: [50, 150],
  bareIds: false,
  maxDevices: 4,
  autoReadReceipts: true,
};

export interface ChatSpec {
  /** Saved contact or group name; omit for an unsaved number (shown formatted). */
  name?: string;
  /** Digits with country code, e.g. "5511999990000". Generated when omitted. */
  phone?: string;
  /** Use a privacy id (`@lid`) instead of the phone number JID. */
  lid?: boolean;
  jid?: string;
  group?: boolean;
  participants?: { name?: string; phone?: string }[];
  muted?: boolean;
  pinned?: boolean;
  unread?: number;
  /** Minutes ago of the last activity (default: now, later specs older). */
  minutesAgo?: number;
  /** A profile photo (true) or the default icon (false, the default). */
  avatar?: boolean;
  /** History: texts, or objects; `fromMe` defaults to false, `author` is a participant index or phone. */
  messages?: (string | SeedMessage)[];
}

/** One message of a chat spec's history. `kind` defaults to text; media may have a caption in `text`. */
export interface SeedMessage extends ContentInput {
  text?: string;
  kind?: MessageKind;
  fromMe?: boolean;
  author?: number | string;
  minutesAgo?: number;
  /** A fixed message id (hex), e.g. a `3EB0…` id sent long ago from an older Web client. */
  id?: string;
}

export class AccountState extends EventEmitter {
  account: Account = { jid: '5511900000000@c.us', phone: '5511900000000', name: 'Loja Exemplo' };
  options: Options = { ...DEFAULT_OPTIONS };
  chats = new Map<string, Chat>();
  /** The chat with the account itself; every message in it is ours. */
  self: Chat = this.newSelf();
  /** Signs photo URLs; a new key on every reset and server start. */
  readonly photos = new PhotoSigner();
  private seq = 0;
  rng = new Rng(1);
  /** Photo ids come from their own generator, so photos do not change the seeds' chats. */
  private photoRng = new Rng(0x9e3779b9);

  clear(seed = 1): void {
    this.chats.clear();
    this.seq = 0;
    this.rng = new Rng(seed);
    this.photoRng = new Rng(0x9e3779b9 ^ seed);
    this.photos.rotate();
    this.self = this.newSelf();
  }

  private newSelf(): Chat {
    const a = this.account;
    return { jid: a.jid, kind: 'user', name: a.name, phone: a.phone, avatar: null, muted: false, pinnedAt: 0, unread: 0, t: 0, participants: [], messages: [] };
  }

  newPhoto(): string {
    return newPhotoPath(this.photoRng);
  }

  /** A chat by JID, the self chat included. */
  byJid(jid: string): Chat | undefined {
    return this.chats.get(jid) ?? (jid === this.self.jid ? this.self : undefined);
  }

  // ---- reading -------------------------------------------------------------------------------

  chatTitle(c: Chat): string {
    return c.name ?? (c.phone ? formatPhone(c.phone) : c.jid.split('@')[0]!);
  }

  participantTitle(p: Participant): string {
    return p.name ?? (p.phone ? formatPhone(p.phone) : p.jid.split('@')[0]!);
  }

  senderName(c: Chat, m: Message): string {
    if (m.fromMe) return this.account.name;
    if (c.kind === 'group') {
      const p = c.participants.find((x) => x.jid === m.author);
      return p ? this.participantTitle(p) : (m.author ?? '');
    }
    return this.chatTitle(c);
  }

  view(m: Message): MessageView {
    const c = this.byJid(m.chat)!;
    return { ...m, sender: this.senderName(c, m), dataId: dataId(m) };
  }

  summary(c: Chat): ChatSummary {
    const last = c.messages[c.messages.length - 1];
    return {
      jid: c.jid,
      kind: c.kind,
      title: this.chatTitle(c),
      name: c.name,
      phone: c.phone,
      formattedPhone: c.phone ? formatPhone(c.phone) : null,
      avatar: c.avatar ? this.photos.url(c.avatar) : null,
      self: c === this.self,
      muted: c.muted,
      pinnedAt: c.pinnedAt,
      unread: c.unread,
      t: c.t,
      participants: c.participants.map((p) => ({ jid: p.jid, title: this.participantTitle(p) })),
      last: last ? this.view(last) : null,
      count: c.messages.length,
    };
  }

  /** Chats in list order: pinned first (latest pin on top), then by last activity. */
  ordered(): Chat[] {
    return [...this.chats.values()].sort((a, b) => b.pinnedAt - a.pinnedAt || b.t - a.t);
  }

  /** A chat by JID, "self", or by title when the title is unique (titles are not: "John" twice). */
  find(ref: unknown): Chat {
    if (typeof ref !== 'string' || !ref) throw new SimError(400, '`chat` must be a JID or a unique title');
    if (ref === 'self') return this.self;
    const byJid = this.byJid(ref);
    if (byJid) return byJid;
    const byTitle = [...this.chats.values()].filter((c) => this.chatTitle(c) === ref);
    if (byTitle.length === 1) return byTitle[0]!;
    if (byTitle.length > 1)
      throw new SimError(409, `title "${ref}" is ambiguous: ${byTitle.map((c) => c.jid).join(', ')}`);
    throw new SimError(404, `no chat ${ref}`);
  }

  /** Last `limit` messages before message `before` (or the newest), oldest first. */
  history(jid: string, before: string | null, limit: number): { messages: MessageView[]; hasMore: boolean } {
    const c = this.byJid(jid);
    if (!c) return { messages: [], hasMore: false };
    let end = c.messages.length;
    if (before) {
      const i = c.messages.findIndex((m) => m.id === before);
      if (i >= 0) end = i;
    }
    const start = Math.max(0, end - limit);
    return { messages: c.messages.slice(start, end).map((m) => this.view(m)), hasMore: start > 0 };
  }

  messages(q: { chat?: string; fromMe?: boolean; since?: number; limit?: number }): MessageView[] {
    const chats = q.chat ? [this.find(q.chat)] : [...this.chats.values(), this.self];
    let all = chats.flatMap((c) => c.messages);
    if (q.fromMe !== undefined) all = all.filter((m) => m.fromMe === q.fromMe);
    if (q.since !== undefined) all = all.filter((m) => m.seq > q.since!);
    all.sort((a, b) => a.seq - b.seq);
    if (q.limit !== undefined) all = all.slice(-q.limit);
    return all.map((m) => this.view(m));
  }

  // ---- building ------------------------------------------------------------------------------

  private newPhone(): string {
    // Mostly Brazilian mobiles (+55 AA 9NNNN-NNNN), some US and UK numbers.
    const r = this.rng.next();
    if (r < 0.75) return `55${this.rng.pick(['11', '21', '31', '41', '51', '61', '71', '81'])}9${this.rng.digits(8)}`;
    if (r < 0.9) return `1${this.rng.pick(['415', '212', '305', '617'])}555${String(this.rng.int(100, 9999)).padStart(4, '0')}`;
    return `447700${this.rng.digits(6)}`;
  }

  createChat(spec: ChatSpec, now = Date.now()): Chat {
    const group = spec.group ?? Boolean(spec.participants);
    let jid: string;
    let phone: string | null = null;
    if (group) {
      jid = spec.jid ?? groupJid(this.rng);
      if (!spec.name) throw new SimError(400, 'a group needs a name');
    } else {
      phone = spec.phone ?? this.newPhone();
      jid = spec.jid ?? (spec.lid ? lidJid(this.rng) : userJid(phone));
    }
    if (this.chats.has(jid) || jid === this.account.jid) throw new SimError(409, `chat ${jid} exists`);
    const participants: Participant[] = group
      ? (spec.participants ?? [{}, {}]).map((p) => {
          const ph = p.phone ?? this.newPhone();
          return { jid: userJid(ph), name: p.name ?? null, phone: ph };
        })
      : [];
    const t = now - (spec.minutesAgo ?? 0) * 60_000;
    const chat: Chat = {
      jid,
      kind: group ? 'group' : 'user',
      name: spec.name ?? null,
      phone,
      avatar: spec.avatar ? this.newPhoto() : null,
      muted: spec.muted ?? false,
      pinnedAt: spec.pinned ? t : 0,
      unread: 0,
      t,
      participants,
      messages: [],
    };
    this.chats.set(jid, chat);
    this.addHistory(chat, spec.messages ?? [], spec.minutesAgo ?? 0, now);
    chat.t = Math.max(t, chat.messages.at(-1)?.t ?? 0);
    if (spec.pinned) chat.pinnedAt = now + this.chats.size; // later pins sort above earlier ones
    chat.unread = spec.unread ?? 0;
    return chat;
  }

  /** Seeds a chat's history (the self chat's too: there every message is ours). */
  addHistory(chat: Chat, history: (string | SeedMessage)[], minutesAgo: number, now = Date.now()): void {
    const group = chat.kind === 'group';
    history.forEach((h, i) => {
      const item: SeedMessage = typeof h === 'string' ? { text: h } : h;
      // Spread history over the minutes before the last activity, oldest first.
      const minutes = item.minutesAgo ?? minutesAgo + (history.length - 1 - i) * 7;
      const fromMe = chat === this.self || (item.fromMe ?? false);
      if (item.id !== undefined && (!isMessageId(item.id) || chat.messages.some((m) => m.id === item.id)))
        throw new SimError(400, '`id` is 8 to 64 upper-case hex digits, unique in its chat');
      this.addMessage(chat, {
        id: item.id ?? (fromMe ? messageId.outgoing() : messageId.incoming()),
        fromMe,
        author: group ? (fromMe ? this.account.jid : this.participantRef(chat, item.author, i)) : null,
        ...contentOf(item),
        t: now - minutes * 60_000,
        ack: fromMe ? 3 : 0,
        origin: fromMe ? { kind: 'phone' } : { kind: 'customer' },
      });
    });
    if (chat === this.self) chat.t = Math.max(chat.t, chat.messages.at(-1)?.t ?? 0);
  }

  private participantRef(chat: Chat, author: number | string | undefined, i: number): string {
    if (typeof author === 'string') {
      const digits = author.replace(/\D/g, '');
      const p = chat.participants.find((x) => x.jid === author || x.phone === digits || x.name === author);
      if (!p) throw new SimError(400, `no participant ${author} in ${chat.jid}`);
      return p.jid;
    }
    const list = chat.participants;
    if (list.length === 0) throw new SimError(400, `group ${chat.jid} has no participants`);
    return list[(author ?? i) % list.length]!.jid;
  }

  private addMessage(chat: Chat, m: Omit<Message, 'seq' | 'chat'>): Message {
    const msg: Message = { ...m, seq: ++this.seq, chat: chat.jid };
    chat.messages.push(msg);
    return msg;
  }

  // ---- live changes (each emits what devices need) ----------------------------------------------

  /** A customer writes (1:1), or a participant writes in a group: text or media. */
  incoming(ref: unknown, input: ContentInput & { author?: unknown }, id?: string): MessageView {
    const chat = this.find(ref);
    if (chat === this.self) throw new SimError(400, 'nobody else writes in the self chat: use /phone');
    const content = contentOf(input);
    let authorJid: string | null = null;
    if (chat.kind === 'group') {
      const author = input.author;
      authorJid = this.participantRef(chat, typeof author === 'number' || typeof author === 'string' ? author : 0, 0);
    }
    const msg = this.addMessage(chat, {
      id: id ?? messageId.incoming(),
      fromMe: false,
      author: authorJid,
      ...content,
      t: Date.now(),
      ack: 0,
      origin: { kind: 'customer' },
    });
    chat.t = msg.t;
    chat.unread += 1;
    if (this.options.autoReadReceipts) this.receipt(chat.jid, 3, false);
    this.emit('message', this.view(msg));
    this.emitChat(chat);
    return this.view(msg);
  }

  /** An outgoing message (text or media), from a linked device or from the phone itself. */
  outgoing(ref: unknown, input: ContentInput, origin: Origin, id?: string): MessageView {
    const chat = this.find(ref);
    const content = contentOf(input, true);
    const msg = this.addMessage(chat, {
      id: id ?? messageId.outgoing(),
      fromMe: true,
      author: chat.kind === 'group' ? this.account.jid : null,
      ...content,
      t: Date.now(),
      // A note to self has nobody to wait for.
      ack: chat === this.self ? 3 : 1,
      origin,
    });
    chat.t = msg.t;
    // Answering from any device means the chat has been seen: WhatsApp clears the badge.
    chat.unread = 0;
    this.emit('message', this.view(msg));
    this.emitChat(chat);
    return this.view(msg);
  }

  /** The customer's phone acknowledges our messages: delivered (2) or read (3). */
  receipt(ref: unknown, ack: 2 | 3, emitChat = true): string[] {
    const chat = this.find(ref);
    const changed: string[] = [];
    for (const m of chat.messages) {
      if (m.fromMe && m.ack < ack) {
        m.ack = ack;
        changed.push(m.id);
      }
    }
    if (changed.length) {
      this.emit('ack', { chat: chat.jid, ids: changed, ack });
      if (emitChat) this.emitChat(chat);
    }
    return changed;
  }

  markRead(ref: unknown): void {
    const chat = this.find(ref);
    if (chat.unread === 0) return;
    chat.unread = 0;
    this.emitChat(chat);
  }

  update(ref: unknown, patch: { name?: string | null; muted?: boolean; pinned?: boolean; unread?: number; avatar?: boolean | null }): Chat {
    const chat = this.find(ref);
    if (chat === this.self && (patch.name !== undefined || patch.pinned !== undefined || patch.unread !== undefined))
      throw new SimError(400, 'the self chat only takes `avatar` and `muted`');
    if (patch.avatar !== undefined && patch.avatar !== null && typeof patch.avatar !== 'boolean')
      throw new SimError(400, '`avatar` is true (a new photo) or false (none)');
    // A new photo is a new path: readers keyed by photo lose the chat, as on the real page.
    if (patch.avatar !== undefined) chat.avatar = patch.avatar ? this.newPhoto() : null;
    if (patch.name !== undefined) chat.name = patch.name || null;
    if (patch.muted !== undefined) chat.muted = Boolean(patch.muted);
    if (patch.pinned !== undefined) chat.pinnedAt = patch.pinned ? Date.now() : 0;
    if (patch.unread !== undefined) chat.unread = Math.max(0, Math.floor(Number(patch.unread)) || 0);
    this.emitChat(chat);
    return chat;
  }

  setOptions(patch: Partial<Options>): Options {
    const o = this.options;
    if (patch.sendDelayMs !== undefined) {
      const d = patch.sendDelayMs as unknown;
      const pair = typeof d === 'number' ? [d, d] : Array.isArray(d) ? d : null;
      if (!pair || pair.length !== 2 || !pair.every((x) => typeof x === 'number' && x >= 0))
        throw new SimError(400, '`sendDelayMs` is a number or [min, max]');
      o.sendDelayMs = [Math.min(pair[0], pair[1]), Math.max(pair[0], pair[1])];
    }
    if (patch.bareIds !== undefined) o.bareIds = Boolean(patch.bareIds);
    if (patch.maxDevices !== undefined) o.maxDevices = Math.max(1, Math.floor(Number(patch.maxDevices)) || 4);
    if (patch.autoReadReceipts !== undefined) o.autoReadReceipts = Boolean(patch.autoReadReceipts);
    this.emit('options', o);
    return o;
  }

  private emitChat(chat: Chat): void {
    this.emit('chat', this.summary(chat));
  }
}
