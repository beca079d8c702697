// The background's IndexedDB, on the extension's origin (CONVENTIONS.md #6): the team cache the
// sidebar shows, the outbox of actions not yet accepted, notices, and what this device reported.
import type { AutomaticKind } from '../../shared/domain/automatic';
import { Dexie, type EntityTable } from 'dexie';
import type { AgentView, CannedResponseView, ConversationView, EventView, NoteView, TagView } from '../../shared/api';
import type { Action, Notice } from '../team';
import type { SeenChat } from '../messaging';

/** Small values: the sequence number the cache is at, who is signed in. */
export interface MetaRow {
  key: 'lastSeq' | 'owner';
  value: unknown;
}

/** An action written before it is sent; `order` is the order the agent did things in. */
export interface OutboxRow {
  key: string; // the Idempotency-Key
  order: number;
  action: Action;
  createdAt: string;
  attempts: number;
}

/** The conversation a chat (jid + title as seen on this device) turned out to be. */
export interface ChatRow {
  key: string;
  conversationId: string;
}

/**
 * A message this device saw; `sent` 1 once the coordinator has it. A report the coordinator
 * refused, or whose chat cannot be told apart yet, stays with `held` saying why (issue #7: no
 * report is dropped in silence) until it can succeed; the device's health counts them.
 */
export interface SeenRow {
  id: string;
  chat: SeenChat;
  waMessageId: string;
  direction: 'in' | 'out';
  at: string;
  timeSource?: 'meta' | 'label' | 'neighbour';
  media?: boolean;
  sentByMe: boolean;
  automatic?: AutomaticKind;
  /** The number a customer's bubble answered the conversation's question with (never its text). */
  answer?: number;
  sent: 0 | 1;
  seenAt: number;
  held?: 'ambiguous' | 'unknown_conversation' | 'refused';
}

/** The last timeline fetched for a conversation, shown when the coordinator is unreachable. */
export interface TimelineRow {
  conversationId: string;
  events: EventView[];
  notes: NoteView[];
}

export class BatonDb extends Dexie {
  conversations!: EntityTable<ConversationView, 'id'>;
  agents!: EntityTable<AgentView, 'id'>;
  cannedResponses!: EntityTable<CannedResponseView, 'id'>;
  tags!: EntityTable<TagView, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'key'>;
  notices!: EntityTable<Notice, 'id'>;
  chats!: EntityTable<ChatRow, 'key'>;
  seen!: EntityTable<SeenRow, 'id'>;
  timelines!: EntityTable<TimelineRow, 'conversationId'>;

  /** `options` lets tests pass fake-indexeddb; the extension uses the worker's own IndexedDB. */
  constructor(name = 'baton', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      conversations: 'id, jid',
      agents: 'id',
      cannedResponses: 'id',
      tags: 'id',
      meta: 'key',
      outbox: 'key, order',
      notices: 'id',
      chats: 'key',
      seen: 'id, sent, seenAt',
      timelines: 'conversationId',
    });
  }
}
