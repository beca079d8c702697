// Conversation identity across devices: a JID when one is known, otherwise the chat's title as an
// alias; a title-only conversation is merged into the JID's once some device learns it.
// (whatsapp-dom.md: titles repeat and change; some pages show no JID at all.)
import { and, eq, inArray } from 'drizzle-orm';
import { isJid, jidFromPhoneTitle, normalizeJid, normalizeTitle } from '../shared/domain/identity';
import type { Db, Store } from './db/open';
import { prepared } from './db/prepared';
import { conversationAliases, conversations, events, messages, notes } from './db/schema';
import type { Emit } from './events';
import { ApiError, conflict, notFound } from './lib/errors';
import { newId } from './lib/crypto';
import { conversationView } from './lib/views';

export type ConversationRow = typeof conversations.$inferSelect;

/** A conversation of the workspace, or 404. Inside a transaction, pass `deps.db`: one connection. */
export function getConversation(db: Db, workspaceId: string, id: string): ConversationRow {
  const row = prepared(db).conversation.get({ id, workspaceId });
  if (!row) throw notFound('Conversation');
  return row;
}

function byAlias(db: Store, workspaceId: string, title: string): ConversationRow[] {
  return db
    .select({ conversation: conversations })
    .from(conversationAliases)
    .innerJoin(conversations, eq(conversations.id, conversationAliases.conversationId))
    .where(and(eq(conversationAliases.workspaceId, workspaceId), eq(conversationAliases.alias, normalizeTitle(title))))
    .all()
    .map((r) => r.conversation);
}

function addAlias(db: Store, workspaceId: string, conversationId: string, title: string): void {
  db.insert(conversationAliases)
    .values({ workspaceId, alias: normalizeTitle(title), conversationId })
    .onConflictDoNothing()
    .run();
}

/**
 * Finds or creates the conversation a device sees as `{jid?, title}`. Same chat, same id, on every
 * device. A title shared by several known chats, seen without a JID, is ambiguous: 409.
 */
export function upsertConversation(
  tx: Store,
  emit: Emit,
  workspaceId: string,
  now: number,
  input: { jid?: string; title: string },
): { conversation: ConversationRow; created: boolean } {
  const title = input.title.trim();
  let jid = input.jid ? normalizeJid(input.jid) : jidFromPhoneTitle(title);
  if (jid !== null && !isJid(jid)) throw new ApiError(400, 'invalid_request', `jid: "${input.jid}" is not a WhatsApp JID`);

  const named = byAlias(tx, workspaceId, title);
  if (jid) {
    const known = tx.select().from(conversations).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.jid, jid))).get();
    const titleOnly = named.filter((c) => c.jid === null);
    if (known) {
      let conversation = known;
      // A device that could not see the JID made a title-only twin: fold it in.
      for (const twin of titleOnly) conversation = mergeConversation(tx, emit, twin, conversation, now);
      if (conversation.title !== title) conversation = rename(tx, emit, conversation, title, now);
      addAlias(tx, workspaceId, conversation.id, title);
      return { conversation, created: false };
    }
    if (titleOnly.length === 1) {
      // The JID is learnt for a chat known until now by its title.
      const conversation = tx
        .update(conversations)
        .set({ jid, title, updatedAt: now })
        .where(eq(conversations.id, titleOnly[0]!.id))
        .returning()
        .get();
      emit({ type: 'conversation.updated', conversationId: conversation.id, data: { conversation: conversationView(conversation) } });
      return { conversation, created: false };
    }
  } else if (named.length === 1) {
    return { conversation: named[0]!, created: false };
  } else if (named.length > 1) {
    throw conflict('ambiguous_title', `${named.length} chats are called "${title}": report it with its JID`, {
      candidates: named.map((c) => c.id),
    });
  }

  const conversation = tx
    .insert(conversations)
    .values({ id: newId(), workspaceId, jid, title, createdAt: now, updatedAt: now })
    .returning()
    .get();
  addAlias(tx, workspaceId, conversation.id, title);
  emit({ type: 'conversation.created', conversationId: conversation.id, data: { conversation: conversationView(conversation) } });
  return { conversation, created: true };
}

function rename(tx: Store, emit: Emit, conversation: ConversationRow, title: string, now: number): ConversationRow {
  const renamed = tx.update(conversations).set({ title, updatedAt: now }).where(eq(conversations.id, conversation.id)).returning().get();
  emit({ type: 'conversation.updated', conversationId: renamed.id, data: { conversation: conversationView(renamed) } });
  return renamed;
}

const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const latest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Moves everything of `from` onto `into` and deletes `from`. `into` keeps its owner if it has one. */
function mergeConversation(tx: Store, emit: Emit, from: ConversationRow, into: ConversationRow, now: number): ConversationRow {
  // A message reported under both ids is one message: keep the copy already on `into`.
  const intoIds = tx.select({ id: messages.waMessageId }).from(messages).where(eq(messages.conversationId, into.id)).all().map((m) => m.id);
  if (intoIds.length) tx.delete(messages).where(and(eq(messages.conversationId, from.id), inArray(messages.waMessageId, intoIds))).run();
  tx.update(messages).set({ conversationId: into.id }).where(eq(messages.conversationId, from.id)).run();
  tx.update(notes).set({ conversationId: into.id }).where(eq(notes.conversationId, from.id)).run();
  tx.update(events).set({ conversationId: into.id }).where(eq(events.conversationId, from.id)).run();
  const aliases = tx.delete(conversationAliases).where(eq(conversationAliases.conversationId, from.id)).returning().all();
  for (const { alias } of aliases) {
    tx.insert(conversationAliases).values({ workspaceId: into.workspaceId, alias, conversationId: into.id }).onConflictDoNothing().run();
  }
  tx.delete(conversations).where(eq(conversations.id, from.id)).run();
  const merged = tx
    .update(conversations)
    .set({
      assigneeId: into.assigneeId ?? from.assigneeId,
      tags: [...new Set([...into.tags, ...from.tags])],
      waitingSince: earliest(into.waitingSince, from.waitingSince),
      lastInboundAt: latest(into.lastInboundAt, from.lastInboundAt),
      lastOutboundAt: latest(into.lastOutboundAt, from.lastOutboundAt),
      updatedAt: now,
    })
    .where(eq(conversations.id, into.id))
    .returning()
    .get();
  emit({ type: 'conversation.merged', conversationId: merged.id, data: { from: from.id, conversation: conversationView(merged) } });
  return merged;
}

