// The control API tests drive the account with: JSON over HTTP under /__sim/, and the same
// handlers in-process (`startSim().control`), so both paths behave identically.
import { isMessageId } from './ids';
import { contentOf, type MessageKind } from './media';
import { SEEDS, applySeed, generateChats, type SeedName } from './seed';
import { SimError, type AccountState, type ChatSpec, type ChatSummary, type MessageView, type Options } from './state';
import type { DeviceView, SyncHub } from './sync';

export interface ChatRef {
  /** A JID, or a title if it is unique. */
  chat: string;
}

/** A message's content: text, or media with an optional caption in `text` (image, document). */
export interface ContentBody {
  /** 'text' (default), 'image', 'voice', 'sticker' or 'document'. */
  kind?: MessageKind;
  text?: string;
  /** Voice notes: seconds (default 7). */
  seconds?: number;
  /** Documents: file name (default "Documento.pdf") and pages (default 1). */
  fileName?: string;
  pages?: number;
}

export interface SimControl {
  state(): Promise<{ account: AccountState['account']; options: Options; chats: ChatSummary[]; self: ChatSummary; devices: DeviceView[] }>;
  reset(body?: { seed?: SeedName }): Promise<{ chats: ChatSummary[] }>;
  chats(): Promise<ChatSummary[]>;
  createChats(body: { count?: number; chats?: ChatSpec[] }): Promise<{ chats: ChatSummary[] }>;
  updateChat(body: ChatRef & { name?: string | null; muted?: boolean; pinned?: boolean; unread?: number; avatar?: boolean }): Promise<ChatSummary>;
  incoming(body: ChatRef & ContentBody & { author?: string | number }): Promise<MessageView>;
  /** From the phone; `chat: "self"` writes a note to self. */
  phoneSend(body: ChatRef & ContentBody): Promise<MessageView>;
  receipt(body: ChatRef & { ack?: 'delivered' | 'read' }): Promise<{ ids: string[] }>;
  messages(query?: { chat?: string; fromMe?: boolean; since?: number; limit?: number }): Promise<MessageView[]>;
  options(patch?: Partial<Options>): Promise<Options>;
  devices(): Promise<DeviceView[]>;
  unlink(body?: { device?: string }): Promise<{ unlinked: number }>;
}

/** Route table: `METHOD path` → control method; GET routes take the query string as input. */
export const ROUTES: Record<string, keyof SimControl> = {
  'GET /__sim/state': 'state',
  'POST /__sim/reset': 'reset',
  'GET /__sim/chats': 'chats',
  'POST /__sim/chats': 'createChats',
  'POST /__sim/chats/update': 'updateChat',
  'POST /__sim/incoming': 'incoming',
  'POST /__sim/phone': 'phoneSend',
  'POST /__sim/receipt': 'receipt',
  'GET /__sim/messages': 'messages',
  'GET /__sim/options': 'options',
  'POST /__sim/options': 'options',
  'GET /__sim/devices': 'devices',
  'POST /__sim/devices/unlink': 'unlink',
};

const MAX_BULK = 20_000;

export function createControl(state: AccountState, hub: SyncHub): SimControl {
  const summaries = () => state.ordered().map((c) => state.summary(c));
  return {
    async state() {
      return { account: state.account, options: state.options, chats: summaries(), self: state.summary(state.self), devices: hub.list() };
    },
    async reset(body = {}) {
      const seed = body.seed ?? 'default';
      if (!SEEDS.includes(seed)) throw new SimError(400, `seed is one of ${SEEDS.join(', ')}`);
      applySeed(state, seed);
      hub.forgetDisconnected();
      state.emit('snapshot');
      return { chats: summaries() };
    },
    async chats() {
      return summaries();
    },
    async createChats(body) {
      const count = body.count ?? 0;
      if (!Number.isInteger(count) || count < 0 || count > MAX_BULK) throw new SimError(400, `count is 0..${MAX_BULK}`);
      if (body.chats !== undefined && !Array.isArray(body.chats)) throw new SimError(400, '`chats` is an array');
      for (const spec of body.chats ?? []) checkSpec(spec);
      const specs = [...(body.chats ?? []), ...generateChats(state, count)];
      const now = Date.now();
      const created = specs.map((spec) => state.createChat(spec, now));
      // One snapshot instead of a thousand row updates, as WhatsApp's initial sync does.
      state.emit('snapshot');
      return { chats: created.map((c) => state.summary(c)) };
    },
    async updateChat(body) {
      return state.summary(state.update(body.chat, body));
    },
    async incoming(body) {
      return state.incoming(body.chat, body);
    },
    async phoneSend(body) {
      return state.outgoing(body.chat, body, { kind: 'phone' });
    },
    async receipt(body) {
      const ack = body.ack ?? 'read';
      if (ack !== 'read' && ack !== 'delivered') throw new SimError(400, 'ack is "delivered" or "read"');
      return { ids: state.receipt(body.chat, ack === 'read' ? 3 : 2) };
    },
    async messages(query = {}) {
      for (const key of ['since', 'limit'] as const) {
        const v = query[key];
        if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new SimError(400, `\`${key}\` is a whole number >= 0`);
      }
      return state.messages(query);
    },
    async options(patch) {
      return patch && Object.keys(patch).length ? state.setOptions(patch) : state.options;
    },
    async devices() {
      return hub.list();
    },
    async unlink(body = {}) {
      return { unlinked: hub.unlink(body.device) };
    },
  };
}

/** Turns a GET query string into the typed input of the GET handlers. */
export function queryInput(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    if (k === 'fromMe') out[k] = v === 'true' || v === '1';
    else if (k === 'since' || k === 'limit') out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}

/** Rejects chat specs a test would only write by mistake, before anything is created. */
function checkSpec(spec: unknown): void {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new SimError(400, 'each chat is an object');
  const s = spec as Record<string, unknown>;
  for (const key of ['name', 'phone', 'jid'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'string') throw new SimError(400, `\`${key}\` is a string`);
  }
  if (typeof s.phone === 'string' && !/^\d{8,15}$/.test(s.phone)) throw new SimError(400, '`phone` is 8 to 15 digits with the country code');
  if (s.avatar !== undefined && typeof s.avatar !== 'boolean') throw new SimError(400, '`avatar` is true or false');
  if (s.messages !== undefined && !Array.isArray(s.messages)) throw new SimError(400, '`messages` is an array');
  for (const m of (s.messages as unknown[] | undefined) ?? []) {
    if (typeof m === 'string') continue;
    if (typeof m !== 'object' || m === null) throw new SimError(400, 'each message is a string or an object');
    const item = m as Record<string, unknown>;
    contentOf(item);
    if (item.id !== undefined && !isMessageId(item.id)) throw new SimError(400, '`id` is 8 to 64 upper-case hex digits');
  }
  if (s.participants !== undefined && !Array.isArray(s.participants)) throw new SimError(400, '`participants` is an array');
}
