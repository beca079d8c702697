// The coordinator's whole schema. Times are integer milliseconds since the epoch (UTC).
// Change this file, then `npm run db:generate` writes the migration that start-up applies.
import { sql } from 'drizzle-orm';
import { HELD_SQL } from './held';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { LandmarkId } from '../../shared/domain/landmarks';
import { MESSAGE_TIME_SOURCES, WAITING_SOURCES } from '../../shared/domain/waiting';
import { AUTOMATIC_KINDS, type QuestionKind } from '../../shared/domain/automatic';
import type { BusinessHours } from '../../shared/domain/hours';
import type { AutomaticSettings, RoutingSettings, SlaSettings } from '../../shared/settings';

const json = <T>(column: string) => text(column, { mode: 'json' }).$type<T>();

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  maxDevices: integer('max_devices').notNull().default(4),
  // The owner's hot-fix: extra selectors per landmark, pushed to every device (data, never code).
  selectorOverrides: json<Partial<Record<LandmarkId, string[]>>>('selector_overrides').notNull().default(sql`'{}'`),
  // Issue #8; null until the owner sets them: the defaults are in shared/domain/defaults.ts.
  // The hours are in `workspace_hours`, with when each schedule came into force.
  routing: json<RoutingSettings>('routing'),
  sla: json<SlaSettings>('sla'),
  automatic: json<AutomaticSettings>('automatic'),
  createdAt: integer('created_at').notNull(),
});

// Every schedule a workspace has had, from when it was in force: changing the hours never
// rewrites the past (issue #8). No row: always open (ALWAYS_OPEN).
export const workspaceHours = sqliteTable(
  'workspace_hours',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    effectiveFrom: integer('effective_from').notNull(),
    hours: json<BusinessHours>('hours').notNull(),
  },
  (t) => [uniqueIndex('workspace_hours_from').on(t.workspaceId, t.effectiveFrom)],
);

export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    // Unique across the coordinator: sign-in is by email alone.
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['owner', 'agent'] }).notNull(),
    skills: json<string[]>('skills').notNull().default(sql`'[]'`),
    capacity: integer('capacity').notNull().default(5),
    status: text('status', { enum: ['online', 'away', 'on_break', 'offline'] }).notNull().default('offline'),
    statusChangedAt: integer('status_changed_at').notNull(),
    // Set when the presence sweep (not the agent) went offline, so the next heartbeat brings them back.
    autoOffline: integer('auto_offline', { mode: 'boolean' }).notNull().default(false),
    // The last automatic or manual assignment to this agent: round robin's turn (shared/domain/routing.ts).
    lastAssignedAt: integer('last_assigned_at'),
    lastSeenAt: integer('last_seen_at'),
    removedAt: integer('removed_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('agents_workspace').on(t.workspaceId)],
);

export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    linkedAt: integer('linked_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    // What the device last said of its WhatsApp Web: which landmarks it cannot read.
    // `counts`: messages it holds back (direction unknown yet; refused reports), absent from older extensions.
    health: json<{
      missing: LandmarkId[];
      matched: Partial<Record<LandmarkId, string | null>>;
      extensionVersion: string;
      counts?: { undirected: number; refused: number };
    }>('health'),
    healthAt: integer('health_at'),
  },
  (t) => [index('devices_workspace').on(t.workspaceId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    agentId: text('agent_id').notNull().references(() => agents.id),
    deviceId: text('device_id').references(() => devices.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_agent').on(t.agentId), index('sessions_device').on(t.deviceId)],
);

export const pairingCodes = sqliteTable('pairing_codes', {
  codeHash: text('code_hash').primaryKey(),
  workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
  createdBy: text('created_by').notNull().references(() => agents.id),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/** A question an automatic message asked (stored on the conversation, shown as ConversationView.question). */
export interface Question {
  kind: QuestionKind;
  automaticId: string;
  options: number;
  askedAt: number;
  answer: number | null;
  answeredAt: number | null;
}

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    jid: text('jid'),
    title: text('title').notNull(),
    status: text('status', { enum: ['open', 'pending', 'snoozed', 'resolved'] }).notNull().default('open'),
    assigneeId: text('assignee_id').references(() => agents.id),
    tags: json<string[]>('tags').notNull().default(sql`'[]'`),
    waitingSince: integer('waiting_since'),
    // What started the clock: a real customer message, or a chat list signal (issue #7).
    waitingSource: text('waiting_source', { enum: WAITING_SOURCES }),
    lastInboundAt: integer('last_inbound_at'),
    lastOutboundAt: integer('last_outbound_at'),
    snoozedUntil: integer('snoozed_until'),
    // Set while resolved. `lastResolvedAt` outlives a reopen: what the customer wrote before the
    // last resolution is history (a device scrolling up), and never reopens or starts a clock.
    resolvedAt: integer('resolved_at'),
    lastResolvedAt: integer('last_resolved_at'),
    // The key of the profile picture the devices see (null: not known). It tells apart two chats
    // with the same title on a page that shows no JID.
    avatarKey: text('avatar_key'),
    // ---- routing and SLA clocks (issue #8)
    assignedAt: integer('assigned_at'),
    // Who had the customer at the last resolution: a returning customer can go back to them.
    lastAgentId: text('last_agent_id'),
    // The customer wrote while the business was closed: pending until the day starts.
    afterHours: integer('after_hours', { mode: 'boolean' }).notNull().default(false),
    // Held from automatic routing until then (waiting for a device's rules outcome; just released).
    routeAfter: integer('route_after'),
    // What the browser read of this episode's first message: rule ids, language. Never text.
    // The triage menu's answer (`menuOption`, from 1) joins it when the customer gives one.
    triage: json<{ ruleIds: string[]; language: string | null; at: number; menuOption?: number }>('triage'),
    language: text('language'),
    // The episode: from its first customer message (after creation or a resolution) to its resolution.
    episodeStartedAt: integer('episode_started_at'),
    firstReplyAt: integer('first_reply_at'),
    firstResponseDueAt: integer('first_response_due_at'),
    nextResponseDueAt: integer('next_response_due_at'),
    resolutionDueAt: integer('resolution_due_at'),
    // The clocks already recorded as breached in this episode ("first_response", "resolution",
    // "next_response:<waitingSince>"), and the next instant one of them can breach (an index).
    slaBreaches: json<string[]>('sla_breaches').notNull().default(sql`'[]'`),
    slaCheckAt: integer('sla_check_at'),
    // The no-reply timer told the owner already (onNoReply: notify), for this assignment.
    noReplyNotifiedAt: integer('no_reply_notified_at'),
    // The menu or satisfaction question sent in this episode and, once given, its answer
    // (automatic.ts); cleared when the episode it belongs to ends.
    question: json<Question>('question'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversations_jid').on(t.workspaceId, t.jid),
    index('conversations_workspace').on(t.workspaceId),
    // Routing counts each agent's open conversations on every assignment: a partial index of
    // only those, so the count never reads an agent's resolved history (bench/routing.ts: the
    // count grew with it). The condition must be written the same way in the query (HELD_SQL).
    index('conversations_held').on(t.workspaceId, t.assigneeId).where(HELD_SQL),
    index('conversations_sla_check').on(t.slaCheckAt),
    index('conversations_route_after').on(t.routeAfter),
  ],
);

// Every title a conversation has been seen under, so a device that cannot see the JID still
// finds the same conversation (whatsapp-dom.md: bare message ids, no JID on the page).
export const conversationAliases = sqliteTable(
  'conversation_aliases',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    alias: text('alias').notNull(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
  },
  (t) => [uniqueIndex('aliases_unique').on(t.workspaceId, t.alias, t.conversationId)],
);

export const notes = sqliteTable(
  'notes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    authorId: text('author_id').notNull().references(() => agents.id),
    text: text('text').notNull(),
    mentions: json<string[]>('mentions').notNull().default(sql`'[]'`),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('notes_conversation').on(t.conversationId)],
);

export const cannedResponses = sqliteTable(
  'canned_responses',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    shortcut: text('shortcut').notNull(),
    text: text('text').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('canned_shortcut').on(t.workspaceId, t.shortcut)],
);

export const tags = sqliteTable(
  'tags',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    color: text('color').notNull(),
  },
  (t) => [uniqueIndex('tags_name').on(t.workspaceId, t.name)],
);

// Messages the devices report: metadata only, never the text.
export const messages = sqliteTable(
  'messages',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    waMessageId: text('wa_message_id').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    at: integer('at').notNull(),
    // How the device read `at` (meta: data-pre-plain-text, label, neighbour), and whether it is media.
    timeSource: text('time_source', { enum: MESSAGE_TIME_SOURCES }).notNull().default('meta'),
    media: integer('media', { mode: 'boolean' }).notNull().default(false),
    agentId: text('agent_id').references(() => agents.id),
    // Sent by Baton's automatic sender (greeting, away, menu, satisfaction): never a human reply.
    automatic: text('automatic', { enum: AUTOMATIC_KINDS }),
  },
  (t) => [uniqueIndex('messages_unique').on(t.workspaceId, t.conversationId, t.waMessageId)],
);

// Automatic messages to send (issue #8): decided by the coordinator when a customer starts an
// episode, sent through WhatsApp Web by the one device that holds the lease. `episode` is the
// resolution the episode follows (0 for a chat's first): one intent per conversation and episode,
// however many devices report the same message.
export const automaticMessages = sqliteTable(
  'automatic_messages',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    kind: text('kind', { enum: AUTOMATIC_KINDS }).notNull(),
    // The owner's text when it was decided (the business's own words, never a customer's).
    text: text('text').notNull(),
    status: text('status', { enum: ['pending', 'leased', 'sent', 'failed', 'cancelled'] }).notNull().default('pending'),
    episode: integer('episode').notNull(),
    episodeStartedAt: integer('episode_started_at').notNull(),
    // The device holding the lease, or that held the last one (so the next goes elsewhere).
    deviceId: text('device_id'),
    leaseUntil: integer('lease_until'),
    // Not leased before then: the satisfaction question waits until a while after the agent's last reply.
    sendAfter: integer('send_after'),
    attempts: integer('attempts').notNull().default(0),
    // Why the last attempt failed or the intent was cancelled, in a few words (never message text).
    reason: text('reason'),
    waMessageId: text('wa_message_id'),
    // The last result reported, so the same device reporting the same outcome again changes nothing.
    reportedBy: text('reported_by'),
    reportedOutcome: text('reported_outcome', { enum: ['sent', 'already_sent', 'failed'] }),
    // The satisfaction question: the agent who resolved the episode, credited with its rating.
    agentId: text('agent_id'),
    // A menu or satisfaction question's answer (a number, never text) and when it came.
    answer: integer('answer'),
    answeredAt: integer('answered_at'),
    createdAt: integer('created_at').notNull(),
    doneAt: integer('done_at'),
  },
  (t) => [
    // One of each kind per episode: its greeting (or menu, or away message), and its satisfaction question.
    uniqueIndex('automatic_one_per_episode_kind').on(t.conversationId, t.episode, t.kind),
    index('automatic_workspace_status').on(t.workspaceId, t.status),
    // The clock looks for what waits or whose lease ran out, among every message ever sent.
    index('automatic_due').on(t.status, t.leaseUntil),
  ],
);

// The append-only event log. `seq` orders everything; devices resume from it.
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    type: text('type').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    deviceId: text('device_id'),
    conversationId: text('conversation_id'),
    data: json<Record<string, unknown>>('data').notNull(),
  },
  (t) => [index('events_workspace_seq').on(t.workspaceId, t.seq), index('events_conversation').on(t.conversationId)],
);

// Responses to mutations that carried an Idempotency-Key, so a replay changes nothing.
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  scope: text('scope').primaryKey(), // workspace or caller, route and key
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
});
