// What the background tells the WhatsApp tabs about the team, and what the tabs ask it to do.
// The background holds the only coordinator connection and the Dexie cache and outbox; a tab
// holds a `TeamView` it keeps current from `TeamPush` messages on a long-lived port, and asks
// for changes with `Action`s (sent through `ProtocolMap.act`, written to the outbox first).
import type {
  AgentView,
  AutomaticIntentView,
  CannedResponseView,
  ConversationView,
  EventView,
  NoteView,
  TagView,
} from '../shared/api';
import type { AutomaticKind } from '../shared/domain/automatic';
import type { AgentStatus, PresenceState, Role } from '../shared/domain/status';
import type { AutomaticSettings } from '../shared/settings';
import type { LinkState, SeenChat } from './messaging';

/** The runtime.Port name a WhatsApp tab connects with to receive `TeamPush` messages. */
export const TEAM_PORT = 'baton.team';

export interface Me {
  agentId: string;
  name: string;
  role: Role;
  deviceId: string;
}

/** A conversation as the sidebar shows it: the coordinator's view with this device's unsent actions applied. */
export interface TeamConversation extends ConversationView {
  /** Actions on it still in the outbox (shown as "saving..." / "will be sent"). */
  pending: number;
}

export interface TeamView {
  me: Me | null;
  connection: LinkState['connection'];
  /** Actions written locally and not yet accepted by the coordinator. */
  outbox: number;
  agents: AgentView[];
  conversations: TeamConversation[];
  cannedResponses: CannedResponseView[];
  tags: TagView[];
  /** The workspace's automatic messages: an outgoing bubble with one of these texts is not a human reply. */
  automatic: AutomaticSettings | null;
}

/** Someone else's presence in a conversation, as the coordinator relays it (never stored). */
export interface PeerPresence {
  agentId: string;
  deviceId: string | null;
  conversationId: string;
  state: PresenceState;
  /** Milliseconds since the epoch, on this device's clock, when it was received. */
  at: number;
}

/** Something the agent must be told: a lost claim, a mention, an action the coordinator refused. */
export interface Notice {
  id: string;
  kind: 'mentioned' | 'claim_lost' | 'refused' | 'transfer_requested' | 'transferred_to_me' | 'sla_breached' | 'no_reply';
  conversationId: string | null;
  /** Already in the agent's language where the background knows the words; the tab may re-render by kind. */
  text: string;
  at: number;
}

/**
 * The events a conversation's timeline shows (features/open-chat.tsx), the only ones a tab is
 * pushed: a message event a second per busy chat would cost WhatsApp Web's page a port message
 * each for nothing (bench/content.ts).
 */
export const TIMELINE_EVENTS: ReadonlySet<string> = new Set([
  'assignee.changed',
  'conversation.status_changed',
  'conversation.tags_changed',
  'note.created',
  'conversation.merged',
  'sla.breached',
  'conversation.no_reply',
  'automatic.sent',
  'automatic.failed',
  'menu.answered',
  'satisfaction.rated',
]);

/** Background → tab, on the TEAM_PORT. The first message after connecting is always `team`. */
export type TeamPush =
  | { type: 'team'; team: TeamView }
  | { type: 'conversation'; conversation: TeamConversation }
  /** Several at once: what the coordinator changed within a few milliseconds (a burst of new chats). */
  | { type: 'conversations'; conversations: TeamConversation[] }
  | { type: 'agent'; agent: AgentView }
  | { type: 'connection'; connection: LinkState['connection']; outbox: number }
  | { type: 'presence'; presence: PeerPresence }
  | { type: 'notice'; notice: Notice }
  /** Each TIMELINE_EVENTS event as it arrives, so an open timeline grows live. */
  | { type: 'event'; event: EventView }
  /** To one tab only: send this automatic message (this device holds the lease). */
  | { type: 'automatic'; intent: AutomaticIntentView };

/** What an agent does. Each is written to the outbox with its idempotency key, applied locally, then sent in order. */
export type Action =
  | { type: 'claim'; conversationId: string }
  | { type: 'release'; conversationId: string }
  | { type: 'transfer'; conversationId: string; to: string; note?: string }
  /** Owner only: assign to anyone (take over = assign to self), or back to the queue (null). */
  | { type: 'assign'; conversationId: string; to: string | null }
  | { type: 'resolve'; conversationId: string }
  | { type: 'reopen'; conversationId: string }
  | { type: 'snooze'; conversationId: string; until: string }
  | { type: 'tags'; conversationId: string; tags: string[] }
  | { type: 'note'; conversationId: string; text: string }
  | { type: 'status'; status: AgentStatus };

/** A conversation's history for the sidebar: its events oldest first, its notes, and the customer's context. */
export interface Timeline {
  conversationId: string;
  events: EventView[];
  notes: NoteView[];
  /** Notes written on this device and not yet accepted by the coordinator. */
  pendingNotes: { text: string; at: string }[];
  /** Earlier conversations with this customer: how many times it was resolved before. */
  earlierConversations: number;
  /** False when it came from the cache because the coordinator is unreachable. */
  live: boolean;
}

/** A message the adapter saw in an open chat (metadata only: never its text). */
export interface MessageSeen {
  chat: SeenChat;
  waMessageId: string;
  direction: 'in' | 'out';
  /** ISO time: from `data-pre-plain-text`, else the bubble's time label and day, else its neighbours'. */
  at: string;
  timeSource?: 'meta' | 'label' | 'neighbour';
  /** An image, voice note, sticker or document (no `data-pre-plain-text`). */
  media?: boolean;
  /** True only on the device whose agent just sent it (it credits the reply to that agent). */
  sentByMe: boolean;
  /** An outgoing bubble showing one of the workspace's automatic texts: never a human reply. */
  automatic?: AutomaticKind;
  /** An incoming bubble that is nothing but the number the conversation's question asks for. */
  answer?: number;
}
