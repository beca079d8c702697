// Conversation identity across devices: a JID when one is known, otherwise the chat's title as an
// alias and its profile picture's key; a title-only conversation is merged into the JID's once
// some device learns it. (whatsapp-dom.md: titles repeat and change; some pages show no JID at all;
// issue #7: two customers called "John" stay two conversations.)
import { and, eq, inArray } from 'drizzle-orm';
import { cleanTitle, isJid, jidFromPhoneTitle, matchByTitle, normalizeJid, normalizeTitle } from '../shared/domain/identity';
import type { Db, Store } from './db/open';
import { prepared } from './db/prepared';
import { automaticMessages, conversationAliases, conversations, events, messages, notes } from './db/schema';
import type { Emit } from './events';
import { ApiError, conflict, notFound } from './lib/errors';
import { newId } from './lib/crypto';
import { conversationView } from './lib/views';

export type ConversationRow = typeof conversations.$inferSelect;

/** The resolution an episode follows (0 for a chat's first): with the conversation, the episode's key. */
export const episodeOf = (c: Pick<ConversationRow, 'lastResolvedAt'>) => c.lastResolvedAt ?? 0;

/**
 * The workspace's conversations by id, for reports that name them (messages, signals); 422
 * `unknown_conversation` naming those it does not have (merged away, or another workspace's).
 */
export function workspaceConversations(tx: Store, workspaceId: string, wanted: string[]): Map<string, ConversationRow> {
  const ids = [...new Set(wanted)];
  const found = new Map(
    tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids)))
      .all()
      .map((row) => [row.id, row]),
  );
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new ApiError(422, 'unknown_conversation', `No such conversation: ${missing.join(', ')}`);
  return found;
}

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

export interface ChatReport {
  jid?: string;
  title: string;
  /** The device's key of the chat's profile picture. */
  avatar?: string;
  /** The device sees two or more rows with this title now, and nothing tells them apart. */
  shared?: boolean;
  /** The device sees other rows with this title now (told apart by their pictures or not). */
  namesakes?: boolean;
}

/**
 * Title-only conversations that are this chat, for a report that names its JID: the one with
 * its picture, or else the only title-only chat with this title that could be it. Two chats with
 * the same name are never folded together on a guess (issue #7).
 */
function twinsOf(titleOnly: ConversationRow[], avatar: string | null, shared: boolean): ConversationRow[] {
  const samePicture = avatar === null ? [] : titleOnly.filter((c) => c.avatarKey === avatar);
  if (samePicture.length) return samePicture;
  const couldBe = titleOnly.filter((c) => avatar === null || c.avatarKey === null);
  return !shared && titleOnly.length === 1 && couldBe.length === 1 ? couldBe : [];
}

const ambiguous = (title: string, candidates: ConversationRow[]) =>
  conflict(
    'ambiguous_title',
    candidates.length === 1
      ? `More than one chat may be called "${title}": report it with its JID or its picture`
      : `${candidates.length || 'Several'} chats are called "${title}": report it with its JID or its picture`,
    { candidates: candidates.map((c) => c.id) },
  );

/**
 * Finds or creates the conversation a device sees as `{jid?, title, avatar?, shared?}`. Same chat,
 * same id, on every device. Without a JID, the picture tells same-name chats apart: a known
 * picture finds its chat, a new one among chats whose pictures are all known is a new chat, and
 * anything that could be either of two chats is ambiguous: 409, never a guess.
 */
export function upsertConversation(
  tx: Store,
  emit: Emit,
  workspaceId: string,
  now: number,
  input: ChatReport,
): { conversation: ConversationRow; created: boolean } {
  const title = cleanTitle(input.title);
  if (!title) throw new ApiError(400, 'invalid_request', 'title: a chat title with something visible in it');
  const avatar = input.avatar ?? null;
  const shared = input.shared ?? false;
  let jid = input.jid ? normalizeJid(input.jid) : jidFromPhoneTitle(title);
  if (jid !== null && !isJid(jid)) throw new ApiError(400, 'invalid_request', `jid: "${input.jid}" is not a WhatsApp JID`);

  const named = byAlias(tx, workspaceId, title);
  if (jid) {
    const known = tx.select().from(conversations).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.jid, jid))).get();
    const twins = twinsOf(
      named.filter((c) => c.jid === null),
      avatar ?? known?.avatarKey ?? null,
      shared,
    );
    if (known) {
      let conversation = known;
      // A device that could not see the JID made a title-only twin: fold it in.
      for (const twin of twins) conversation = mergeConversation(tx, emit, twin, conversation, now);
      if (conversation.title !== title || (avatar !== null && conversation.avatarKey !== avatar)) {
        conversation = update(tx, emit, conversation, { title, avatarKey: avatar ?? conversation.avatarKey }, now);
      }
      addAlias(tx, workspaceId, conversation.id, title);
      return { conversation, created: false };
    }
    if (twins.length === 1) {
      // The JID (and the picture) is learnt for a chat known until now by its title.
      const conversation = update(tx, emit, twins[0]!, { jid, title, avatarKey: avatar ?? twins[0]!.avatarKey }, now);
      return { conversation, created: false };
    }
  } else {
    const match = matchByTitle(named, (c) => c.avatarKey, input);
    if ('ambiguous' in match) throw ambiguous(title, match.ambiguous);
    if ('pick' in match) {
      // The one chat of this name learns its picture, or its new one (people change photos).
      const conversation = avatar !== null && match.pick.avatarKey !== avatar ? update(tx, emit, match.pick, { avatarKey: avatar }, now) : match.pick;
      return { conversation, created: false };
    }
  }

  const conversation = tx
    .insert(conversations)
    .values({ id: newId(), workspaceId, jid, title, avatarKey: avatar, createdAt: now, updatedAt: now })
    .returning()
    .get();
  addAlias(tx, workspaceId, conversation.id, title);
  emit({ type: 'conversation.created', conversationId: conversation.id, data: { conversation: conversationView(conversation) } });
  return { conversation, created: true };
}

function update(tx: Store, emit: Emit, conversation: ConversationRow, patch: Partial<ConversationRow>, now: number): ConversationRow {
  const after = tx
    .update(conversations)
    .set({ ...patch, updatedAt: now })
    .where(eq(conversations.id, conversation.id))
    .returning()
    .get();
  emit({ type: 'conversation.updated', conversationId: after.id, data: { conversation: conversationView(after) } });
  return after;
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
  // Automatic messages follow, one per episode: where both chats have one for an episode, `into`'s stays.
  const episodes = tx.select({ episode: automaticMessages.episode }).from(automaticMessages).where(eq(automaticMessages.conversationId, into.id)).all().map((r) => r.episode);
  if (episodes.length) tx.delete(automaticMessages).where(and(eq(automaticMessages.conversationId, from.id), inArray(automaticMessages.episode, episodes))).run();
  tx.update(automaticMessages).set({ conversationId: into.id }).where(eq(automaticMessages.conversationId, from.id)).run();
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
      waitingSource: earliest(into.waitingSince, from.waitingSince) === into.waitingSince ? into.waitingSource : from.waitingSource,
      lastInboundAt: latest(into.lastInboundAt, from.lastInboundAt),
      lastOutboundAt: latest(into.lastOutboundAt, from.lastOutboundAt),
      lastResolvedAt: latest(into.lastResolvedAt, from.lastResolvedAt),
      avatarKey: into.avatarKey ?? from.avatarKey,
      updatedAt: now,
    })
    .where(eq(conversations.id, into.id))
    .returning()
    .get();
  emit({ type: 'conversation.merged', conversationId: merged.id, data: { from: from.id, conversation: conversationView(merged) } });
  return merged;
}

