// The typed message layer inside the extension (content script <-> background). Kept apart from
// the wire protocol to the coordinator (shared/protocol.ts); see CONVENTIONS.md #7.
import type { AutomaticResultBody, SelectorOverrides } from '../shared/api';
import type { LandmarkId } from '../shared/domain/landmarks';
import type { PresenceState } from '../shared/domain/status';
import type { Action, MessageSeen, Timeline } from './team';
import type { OpenedChat } from './whatsapp/watch';

export interface SeenChat {
  title: string;
  jid: string | null;
  /** The picture's key (whatsapp/avatar.ts), which tells namesakes apart; null when none shows. */
  avatar?: string | null;
  /** The page shows another chat by this title (a picture not met yet is then someone else). */
  namesakes?: boolean;
  /** The page shows another chat by this title that nothing tells apart from this one. */
  shared?: boolean;
}

/** The open chat as reported: without a picture, a namesake in the list leaves only its number to tell. */
export function openChatSeen(chat: OpenedChat): SeenChat {
  return { title: chat.title, jid: chat.jid, avatar: chat.avatar, namesakes: chat.namesakes, shared: chat.namesakes && !chat.avatar };
}

/** A row that says a customer wrote, as this device saw it. */
export interface InboundSignal {
  chat: SeenChat;
  /** ISO time this device saw it. */
  at: string;
  unread: number;
  /**
   * The preview's text, for the background to triage (language, the routing rules' keywords):
   * it goes no further than the background, which sends only the outcome (issue #8).
   */
  text?: string;
}

export interface LinkState {
  coordinatorUrl: string | null;
  linked: boolean;
  signedIn: { agentId: string; name: string; workspace: string } | null;
  connection: 'offline' | 'connecting' | 'live';
  lastError: string | null;
}

/** Requests the content script or popup sends, and what the background answers. */
export interface ProtocolMap {
  getOverrides: { args: null; result: SelectorOverrides };
  chatsSeen: { args: SeenChat[]; result: null };
  reportHealth: { args: { missing: LandmarkId[]; matched: Partial<Record<LandmarkId, string | null>>; undirected?: number }; result: null };
  /** What became of an automatic message this tab was handed (issue #8). */
  automaticResult: { args: { id: string } & AutomaticResultBody; result: null };
  /** Rows that say a customer wrote (issue #7): the coordinator keeps the earliest across devices. */
  inboundSignals: { args: InboundSignal[]; result: null };
  getState: { args: null; result: LinkState };
  link: { args: { coordinatorUrl: string; code: string; name: string }; result: LinkState };
  signIn: { args: { email: string; password: string }; result: LinkState };
  signOut: { args: null; result: LinkState };
  // Issue #4: the team (extension/team.ts).
  /** Writes an action to the outbox (applied locally at once) and sends it when the coordinator is reachable. */
  act: { args: Action; result: null };
  /** The id of the conversation a chat is, asking the coordinator if need be; null when unknown offline or ambiguous. */
  conversationFor: { args: SeenChat; result: string | null };
  timeline: { args: { conversationId: string }; result: Timeline };
  /** Viewing / typing / idle in a conversation, relayed to the other devices (never stored). */
  presence: { args: { conversationId: string; state: PresenceState }; result: null };
  /** Messages the adapter saw; each is reported once per device, batched. */
  messagesSeen: { args: MessageSeen[]; result: null };
  /** Drops a notice the agent has read. */
  dismissNotice: { args: { id: string }; result: null };
  /** Several reports in one message (content/later.ts), each answered as if sent alone, in order. */
  reports: { args: Report[]; result: Reply<ReportType>[] };
}

/** What the device saw, sent together from a timer (content/later.ts); never an agent's action. */
export type ReportType = 'chatsSeen' | 'inboundSignals' | 'messagesSeen' | 'reportHealth';
export type Report = { [K in ReportType]: { type: K; args: ProtocolMap[K]['args'] } }[ReportType];

/** Pushed from the background to WhatsApp tabs. */
export type TabMessage = { type: 'overridesChanged'; overrides: SelectorOverrides };

export type Request = { [K in keyof ProtocolMap]: { type: K; args: ProtocolMap[K]['args'] } }[keyof ProtocolMap];
export type Reply<K extends keyof ProtocolMap> = { ok: true; result: ProtocolMap[K]['result'] } | { ok: false; error: string };

export type Send = <K extends keyof ProtocolMap>(type: K, args: ProtocolMap[K]['args']) => Promise<ProtocolMap[K]['result']>;

/** The answer to a request: its result, or the message of the error it failed with. */
export function replyTo(work: Promise<unknown>): Promise<{ ok: true; result: unknown } | { ok: false; error: string }> {
  return work.then(
    (result) => ({ ok: true, result }),
    (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}

/** Wraps a raw sendMessage into a typed call that throws the background's error message. */
export function typedSender(sendMessage: (message: Request) => Promise<unknown>): Send {
  return async (type, args) => {
    const reply = (await sendMessage({ type, args } as Request)) as Reply<typeof type> | undefined;
    if (!reply) throw new Error('The extension background did not answer');
    if (!reply.ok) throw new Error(reply.error);
    return reply.result as never;
  };
}
