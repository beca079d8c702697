// REST request and response schemas. The coordinator validates with them and generates its
// OpenAPI document from them; the extension builds its requests from them. One place per shape.
import { z } from 'zod';
import { AGENT_STATUSES, CONVERSATION_STATUSES, PRESENCE_STATES, ROLES } from './domain/status';
import { MAX_LINKED_DEVICES, MAX_MESSAGE_BATCH } from './domain/limits';
import { LANDMARK_IDS } from './domain/landmarks';
import { MAX_SIGNAL_BATCH, MESSAGE_TIME_SOURCES, WAITING_SOURCES } from './domain/waiting';
import { AUTOMATIC_KINDS, MAX_MENU_OPTIONS } from './domain/automatic';
import { AutomaticSettings, RoutingSettings, TriageBody } from './settings';

const name = z.string().trim().min(1).max(80);
const email = z.email().max(254).transform((value) => value.toLowerCase());
const password = z.string().min(8, 'Password must be at least 8 characters').max(200);
const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });
const tagName = z.string().trim().min(1).max(40);

export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export const AgentStatus = z.enum(AGENT_STATUSES);
export const Role = z.enum(ROLES);
export const PresenceState = z.enum(PRESENCE_STATES);
export const WaitingSource = z.enum(WAITING_SOURCES);
export const MessageTimeSource = z.enum(MESSAGE_TIME_SOURCES);

// ---- errors
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  // With 409 not_yours: who owns the conversation. With 409 ambiguous_title: the possible ids.
  assignee: z.string().nullable().optional(),
  candidates: z.array(z.string()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---- views (what the coordinator returns)
export const AgentView = z.object({
  id,
  name: z.string(),
  email: z.string(),
  role: Role,
  skills: z.array(z.string()),
  capacity: z.number().int(),
  status: AgentStatus,
  statusChangedAt: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type AgentView = z.infer<typeof AgentView>;

export const LandmarkId = z.enum(LANDMARK_IDS);
const css = z.string().trim().min(1).max(500);
export const SelectorOverrides = z.partialRecord(LandmarkId, z.array(css).max(10));
export type SelectorOverrides = z.infer<typeof SelectorOverrides>;

export const WorkspaceView = z.object({
  id,
  name: z.string(),
  maxDevices: z.number().int(),
  selectorOverrides: SelectorOverrides,
  /** Devices evaluate the rules' text conditions on new chats (issue #8); only outcomes come back. */
  routing: RoutingSettings,
  /** Devices flag outgoing bubbles with these texts as automatic (never a human reply). */
  automatic: AutomaticSettings,
});
export type WorkspaceView = z.infer<typeof WorkspaceView>;

// The customer's answer to the question the conversation shows (`question`): sent only while one
// is asked and only when the message is nothing but that number, read in the browser.
const ANSWER = "A customer message that is nothing but a number, sent only while the conversation's `question` asks for one";

/** An automatic message that asked the customer for a number (issue #8). */
export const QuestionView = z.object({
  kind: z.enum(['menu', 'satisfaction']),
  /** The answers that count: 1 to `options`. */
  options: z.number().int(),
  askedAt: z.string(),
  /** The number the customer answered, once they have (later copies of the same answer change nothing). */
  answer: z.number().int().nullable(),
  answeredAt: z.string().nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const ConversationView = z.object({
  id,
  jid: z.string().nullable(),
  title: z.string(),
  status: ConversationStatus,
  assignee: z.string().nullable(),
  tags: z.array(z.string()),
  waitingSince: z.string().nullable(),
  /** What started the waiting clock: a real customer message, or a chat list signal (null: not waiting). */
  waitingSource: WaitingSource.nullable(),
  /** The key of the chat's profile picture (see ConversationUpsertBody.avatar), null when not known. */
  avatar: z.string().nullable(),
  lastInboundAt: z.string().nullable(),
  lastOutboundAt: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  /** The customer wrote while the business was closed; waits at the top of the queue (issue #8). */
  afterHours: z.boolean(),
  /** The first message's language, as a device detected it (ISO 639-1), null when not known. */
  language: z.string().nullable(),
  /** The running SLA clocks' deadlines (null: that clock is not running). */
  sla: z.object({
    /** When this episode's clocks started (its first customer message); null between episodes. */
    startedAt: z.string().nullable(),
    firstResponseDueAt: z.string().nullable(),
    nextResponseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    /** Clocks of this episode already recorded as breached. */
    breached: z.array(z.string()),
  }),
  /** The triage menu or satisfaction question asked in this episode, while its answer counts (null: none). */
  question: QuestionView.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConversationView = z.infer<typeof ConversationView>;

export const NoteView = z.object({
  id,
  conversationId: id,
  authorId: id,
  text: z.string(),
  mentions: z.array(z.string()),
  createdAt: z.string(),
});
export type NoteView = z.infer<typeof NoteView>;

export const CannedResponseView = z.object({ id, shortcut: z.string(), text: z.string(), updatedAt: z.string() });
export type CannedResponseView = z.infer<typeof CannedResponseView>;

export const TagView = z.object({ id, name: z.string(), color: z.string() });
export type TagView = z.infer<typeof TagView>;

export const DeviceView = z.object({
  id,
  name: z.string(),
  linkedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  signedIn: z.array(z.object({ agentId: id, name: z.string() })),
  health: z
    .object({
      missing: z.array(LandmarkId),
      /** The missing landmarks in plain words, for the owner. */
      cannotRead: z.array(z.string()),
      extensionVersion: z.string(),
      checkedAt: z.string(),
      /** What the device holds back: messages of unknown direction, reports the coordinator refused. */
      counts: z.object({ undirected: z.number().int(), refused: z.number().int() }),
    })
    .nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const EventView = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  deviceId: z.string().nullable(),
  conversationId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type EventView = z.infer<typeof EventView>;

// ---- requests
export const SetupBody = z.strictObject({ workspace: name, name, email, password });
/** `npm run workspace -- reset-password`: the same password rule as everywhere else. */
export const PasswordReset = z.strictObject({ email, password });
export const SessionBody = z.strictObject({
  email,
  password: z.string().min(1).max(200),
  // The linked device this sign-in happens on; the owner's page signs in without one.
  deviceToken: z.string().min(1).max(200).optional(),
});
export const TokenResponse = z.object({ token: z.string(), agent: AgentView, workspace: WorkspaceView });

export const AgentCreateBody = z.strictObject({
  name,
  email,
  password,
  role: Role.default('agent'),
  skills: z.array(tagName).max(20).default([]),
  capacity: z.number().int().min(0).max(100).default(5),
});
export const AgentPatchBody = z
  .strictObject({
    name: name.optional(),
    role: Role.optional(),
    skills: z.array(tagName).max(20).optional(),
    capacity: z.number().int().min(0).max(100).optional(),
    password: password.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Nothing to change');
export const StatusBody = z.strictObject({ status: AgentStatus });

export const WorkspacePatchBody = z
  .strictObject({ name: name.optional(), maxDevices: z.number().int().min(1).max(MAX_LINKED_DEVICES).optional() })
  .refine((body) => Object.keys(body).length > 0, 'Nothing to change');

export const SelectorOverridesBody = z.strictObject({ selectorOverrides: SelectorOverrides });
export const DeviceHealthBody = z.strictObject({
  /** Required landmarks the device has not been able to read for a while. */
  missing: z.array(LandmarkId).max(LANDMARK_IDS.length),
  /** Per landmark, the selector that matched (null: none did). */
  matched: z.partialRecord(LandmarkId, css.nullable()),
  extensionVersion: z.string().trim().min(1).max(40),
  /** Messages seen whose direction is not known yet; message reports refused and kept. Zeros when absent. */
  counts: z.strictObject({ undirected: z.number().int().min(0), refused: z.number().int().min(0) }).optional(),
});

export const PairingCodeResponse = z.object({ code: z.string(), expiresAt: z.string() });
export const DeviceLinkBody = z.strictObject({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(80),
});
export const DeviceLinkResponse = z.object({ id, deviceToken: z.string() });

export const ConversationUpsertBody = z.strictObject({
  jid: z.string().trim().min(3).max(120).optional(),
  title: z.string().trim().min(1).max(200),
  /** An opaque key of the chat's profile picture, computed by the device, stable per photo. */
  avatar: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, '1 to 64 letters, digits, ":", "_" or "-"')
    .optional(),
  /** True when the device sees two or more rows with this title now and nothing tells them apart. */
  shared: z.boolean().default(false),
  /**
   * True when the device sees other rows with this title now, told apart or not: a picture it
   * has not met is then another person, not a namesake's new photo.
   */
  namesakes: z.boolean().default(false),
});
export const ConversationListQuery = z.strictObject({
  status: ConversationStatus.optional(),
  assignee: z.string().max(64).optional(), // an agent id, `me`, or `none`
});
export const TransferBody = z.strictObject({ to: id, note: z.string().trim().min(1).max(2000).optional() });
export const AssignBody = z.strictObject({ to: id.nullable() });
export const SnoozeBody = z.strictObject({ until: isoTime });
export const TagsBody = z.strictObject({ tags: z.array(tagName).max(20) });

export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(4000) });

export const CannedResponseBody = z.strictObject({
  shortcut: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,32}$/, 'Shortcut: 1 to 32 lower-case letters, digits, - or _'),
  text: z.string().trim().min(1).max(4000),
});
export const TagBody = z.strictObject({
  name: tagName,
  color: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'Colour as #rrggbb')
    .default('#64748b'),
});

export const MessageReport = z.strictObject({
  conversationId: id,
  waMessageId: z.string().trim().min(1).max(200),
  direction: z.enum(['in', 'out']),
  at: isoTime,
  // True only on the device whose agent sent this reply: it credits the reply to that agent.
  sentByMe: z.boolean().default(false),
  /** How `at` was read: `meta` (data-pre-plain-text), `label` (time label and day separators), `neighbour`. */
  timeSource: MessageTimeSource.default('meta'),
  /** A photo, video, document, voice note or sticker (never its content). */
  media: z.boolean().default(false),
  /** Sent by Baton's automatic sender: never a human reply, stops no SLA clock (issue #8). */
  automatic: z.enum(AUTOMATIC_KINDS).optional(),
  answer: z.number().int().min(1).max(MAX_MENU_OPTIONS).optional().describe(ANSWER),
});
export const MessagesBody = z.strictObject({ messages: z.array(MessageReport).min(1).max(MAX_MESSAGE_BATCH) });
export const MessagesResponse = z.object({ recorded: z.number().int(), duplicates: z.number().int() });

// ---- automatic messages (issue #8)
/** One automatic message to send, leased to one device at a time until it reports the outcome. */
export const AutomaticIntentView = z.object({
  id,
  conversationId: id,
  kind: z.enum(AUTOMATIC_KINDS),
  text: z.string(),
  /** The chat as the device finds it in WhatsApp Web. */
  chat: z.object({ title: z.string(), jid: z.string().nullable(), avatar: z.string().nullable() }),
  /** When it was decided: a bubble with this text sent since then means it went already. */
  createdAt: z.string(),
  /** Until then the lease is this device's; afterwards another device may be asked. */
  leaseUntil: z.string(),
  attempt: z.number().int(),
});
export type AutomaticIntentView = z.infer<typeof AutomaticIntentView>;
export const AutomaticResultBody = z.strictObject({
  /** `sent`: this device sent it; `already_sent`: the chat showed it, sent by an earlier holder; `failed`: could not. */
  outcome: z.enum(['sent', 'already_sent', 'failed']),
  waMessageId: z.string().trim().min(1).max(200).optional(),
  /** For `failed`: why, in a few words (no message text). */
  reason: z.string().max(200).optional(),
});
export type AutomaticResultBody = z.infer<typeof AutomaticResultBody>;

// A customer wrote and nobody opened the chat: a chat list row changed (issue #7). Not a message.
export const InboundSignal = z.strictObject({
  conversationId: id,
  /** When the device saw it. */
  at: isoTime,
  unread: z.number().int().min(0).optional(),
  /** What the device's rules read of the row's preview (outcomes only): routes a new chat at once. */
  triage: TriageBody.optional(),
  answer: z.number().int().min(1).max(MAX_MENU_OPTIONS).optional().describe(ANSWER),
});
export const SignalsBody = z.strictObject({ signals: z.array(InboundSignal).min(1).max(MAX_SIGNAL_BATCH) });
export const SignalsResponse = z.object({ applied: z.number().int(), ignored: z.number().int() });

// ---- reports (issue #9)
const dayOrTime = z.union([z.iso.date(), isoTime]);
export const ReportQuery = z.strictObject({
  /** A date (that day's start in the workspace's time zone) or a date-time. Episodes that start in [from, to) count. */
  from: dayOrTime,
  /** A date (the end of that day, in the workspace's time zone) or a date-time. */
  to: dayOrTime,
  hours: z.enum(['wall', 'business']).default('wall'),
});

const seconds = z.number().nullable();
/** A time metric in seconds: median, 90th percentile (nearest rank), mean, count, and the distribution's buckets. */
const TimeFigure = z.object({ median: seconds, p90: seconds, mean: seconds, count: z.number().int(), buckets: z.record(z.string(), z.number().int()) });
const Met = z.object({ met: z.number().int(), of: z.number().int() });
export const AgentReportView = z.object({
  agentId: id,
  firstResponse: TimeFigure,
  assignmentToReply: TimeFigure,
  reply: TimeFigure,
  resolution: TimeFigure,
  conversationsHandled: z.number().int(),
  businessOpened: z.number().int(),
  messagesSent: z.number().int(),
  transfersIn: z.number().int(),
  transfersOut: z.number().int(),
  resolutions: z.number().int(),
  conversationsResolved: z.number().int(),
  reopened: z.number().int(),
  reopenRate: z.number().nullable(),
  sla: z.object({ firstResponse: Met, resolution: Met }),
  satisfaction: z.object({
    ratings: z.number().int(),
    satisfied: z.number().int(),
    asked: z.number().int(),
    satisfiedShare: z.number().nullable(),
    responseRate: z.number().nullable(),
  }),
  outcomes: z.number().int(),
});
export const EpisodesQuery = ReportQuery.extend({
  /** Only episodes where this agent is credited with `metric` (or, without a metric, involved). */
  agent: id.optional(),
  metric: z.enum(['firstResponse', 'assignmentToReply', 'reply', 'resolution']).optional(),
  /** With `metric`: only times of at least this many seconds (the drill-down from a bucket or a slow figure). */
  min: z.coerce.number().min(0).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const EpisodeView = z.object({
  conversationId: id,
  title: z.string(),
  startedAt: z.string(),
  openedBy: z.enum(['customer', 'business']),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  agents: z.array(z.string()),
  /** The episode's times in seconds, each with the agent credited. */
  times: z.record(z.string(), z.array(z.object({ agentId: z.string(), seconds: z.number() }))),
  reopened: z.boolean(),
  satisfaction: z.number().nullable(),
  breaches: z.array(z.string()),
  tags: z.array(z.string()),
});
export type EpisodeView = z.infer<typeof EpisodeView>;
export const EpisodesPage = z.object({ total: z.number().int(), offset: z.number().int(), episodes: z.array(EpisodeView) });

export const AgentReportsView = z.object({ from: z.string(), to: z.string(), hours: z.enum(['wall', 'business']), episodes: z.number().int(), agents: z.array(AgentReportView) });

export const EventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  conversationId: id.optional(),
});
