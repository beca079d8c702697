// Which conversation a chat on the page is: the cache first (the JID, else the chat's title as
// the coordinator normalises it), else the coordinator (which creates it, or says the title is
// ambiguous). Answers from the coordinator are remembered across restarts.
import type { ConversationView } from '../../shared/api';
import { jidFromPhoneTitle, matchByTitle, normalizeJid, normalizeTitle } from '../../shared/domain/identity';
import type { SeenChat } from '../messaging';
import type { BatonDb } from './db';
import { HttpError } from './http';

/** `final`: asking again will not help (ambiguous, refused); otherwise it may once the coordinator is back. */
export type Resolution = { id: string; final?: undefined } | { id: null; final: boolean };

export interface ChatResolverDeps {
  db: BatonDb;
  conversations: ReadonlyMap<string, ConversationView>;
  /** True when asking the coordinator is worth a try. */
  online(): boolean;
  /** POST /conversations. */
  upsert(chat: SeenChat): Promise<ConversationView>;
  /** A conversation the coordinator answered with (cache it and tell the tabs). */
  learned(conversation: ConversationView): void;
}

export class ChatResolver {
  private readonly memo = new Map<string, string>();
  private readonly asking = new Map<string, Promise<Resolution>>();

  constructor(private readonly deps: ChatResolverDeps) {}

  async load(): Promise<void> {
    for (const row of await this.deps.db.chats.toArray()) this.memo.set(row.key, row.conversationId);
  }

  clear(): void {
    this.memo.clear();
    void this.deps.db.chats.clear();
  }

  /** Forgets what was remembered for these conversations (the coordinator no longer knows them). */
  forget(conversationIds: string[]): void {
    const gone = new Set(conversationIds);
    for (const [key, id] of this.memo) {
      if (!gone.has(id)) continue;
      this.memo.delete(key);
      void this.deps.db.chats.delete(key);
    }
  }

  /** The id from what this device knows, without asking anyone. */
  local(chat: SeenChat): Resolution {
    const jid = chatJid(chat);
    const title = normalizeTitle(chat.title);
    const conversations = [...this.deps.conversations.values()];
    if (jid) {
      const byJid = conversations.find((c) => c.jid === jid);
      if (byJid) return { id: byJid.id };
    }
    // Two rows on this page nothing tells apart: no one can say which one this is, whatever this
    // device resolved the title to before the namesake appeared.
    if (!jid && chat.shared && !chat.avatar) return { id: null, final: true };
    const remembered = this.memo.get(keyOf(chat));
    if (remembered && this.deps.conversations.has(remembered)) return { id: remembered };
    if (!jid) {
      // The coordinator's own rule (shared/domain/identity.ts): a pick is the conversation; an
      // ambiguous shared row stays ambiguous; otherwise the coordinator may know an old alias.
      const match = matchByTitle(conversations.filter((c) => normalizeTitle(c.title) === title), (c) => c.avatar, chat);
      if ('pick' in match) return { id: match.pick.id };
      if ('ambiguous' in match && chat.shared) return { id: null, final: true };
    }
    return { id: null, final: false };
  }

  /** The id, asking the coordinator when the cache does not know (or a JID is new to it). */
  resolve(chat: SeenChat): Promise<Resolution> {
    const known = this.local(chat);
    if (known.id || known.final) return Promise.resolve(known);
    if (!this.deps.online()) return Promise.resolve(this.offlineGuess(chat));
    const key = keyOf(chat);
    let asking = this.asking.get(key);
    if (!asking) {
      asking = this.ask(chat, key).finally(() => this.asking.delete(key));
      this.asking.set(key, asking);
    }
    return asking;
  }

  private async ask(chat: SeenChat, key: string): Promise<Resolution> {
    try {
      const conversation = await this.deps.upsert(chat);
      this.memo.set(key, conversation.id);
      void this.deps.db.chats.put({ key, conversationId: conversation.id });
      this.deps.learned(conversation);
      return { id: conversation.id };
    } catch (error) {
      // 409: a title several known chats share, seen without a JID; until a JID tells them apart
      // nobody can say which one this is. Other refusals (a malformed JID) will not get better.
      if (error instanceof HttpError && error.status < 500) return { id: null, final: true };
      return this.offlineGuess(chat);
    }
  }

  /** Offline, a new JID for a chat the cache knows by its title alone is still that chat. */
  private offlineGuess(chat: SeenChat): Resolution {
    if (!chatJid(chat)) return { id: null, final: false };
    const title = normalizeTitle(chat.title);
    const named = [...this.deps.conversations.values()].filter((c) => c.jid === null && normalizeTitle(c.title) === title);
    return named.length === 1 ? { id: named[0]!.id } : { id: null, final: false };
  }
}

function chatJid(chat: SeenChat): string | null {
  return chat.jid ? normalizeJid(chat.jid) : jidFromPhoneTitle(chat.title);
}

function keyOf(chat: SeenChat): string {
  return `${chatJid(chat) ?? ''}\n${normalizeTitle(chat.title)}\n${chat.avatar ?? ''}`;
}

/** What POST /conversations takes of a chat seen on the page. */
export function upsertBody(chat: SeenChat): { jid?: string; title: string; avatar?: string; shared?: boolean; namesakes?: boolean } {
  return {
    title: chat.title,
    ...(chat.jid ? { jid: chat.jid } : {}),
    ...(chat.avatar ? { avatar: chat.avatar } : {}),
    ...(chat.shared ? { shared: true } : {}),
    ...(chat.namesakes ? { namesakes: true } : {}),
  };
}
