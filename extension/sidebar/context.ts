import type { AutomaticIntentView, EventView } from '../../shared/api';
import { matchByTitle, normalizeTitle } from '../../shared/domain/identity';
import type { LinkState, Send } from '../messaging';
import type { Notice, PeerPresence, TeamConversation, TeamView } from '../team';
import type { HealthState } from '../whatsapp/health';
import { Landmarks } from '../whatsapp/landmarks';
import type { AdapterEvent } from '../whatsapp/watch';
import { changedPositions } from './conversation-list';
import { Emitter, Store } from './store';

/** The chat open in WhatsApp Web, and the conversation it is once the background has said. */
export interface OpenChatState {
  title: string;
  jid: string | null;
  /** The header picture's key: tells namesakes apart. */
  avatar?: string | null;
  /** The chat list has shown another chat by this title (see OpenedChat.namesakes). */
  namesakes?: boolean;
  /** ...and no picture tells this one apart (see openChatSeen). */
  shared?: boolean;
  conversationId: string | null;
}

export interface TeamState {
  /** Null until the background's first push. */
  view: TeamView | null;
  /** Others' presence, by `${agentId}/${conversationId}`. */
  presence: Record<string, PeerPresence>;
  notices: Notice[];
}

/** What the page offers the features: its document and the adapter's current selectors. */
export interface PageAccess {
  doc: Document;
  landmarks: () => Landmarks;
}

/** Everything the sidebar's features read, written by the content script. */
export interface SidebarContext {
  health: Store<HealthState>;
  link: Store<LinkState | null>;
  t: (key: string, substitutions?: string[]) => string;
  team: Store<TeamState>;
  chat: Store<OpenChatState | null>;
  /** What is typed in the compose box (from the adapter's compose events). */
  compose: Store<string>;
  /** The sidebar's visible tab, and whether it is folded away. */
  tab: Store<'chat' | 'queue'>;
  collapsed: Store<boolean>;
  /** The adapter's events, as they happen. */
  pageEvents: Emitter<AdapterEvent>;
  /** The coordinator's events, as the background pushes them (timelines grow live). */
  teamEvents: Emitter<EventView>;
  /** Automatic messages this tab is to send (issue #8), as the background hands them over. */
  automaticIntents: Emitter<AutomaticIntentView>;
  /** The one being sent now: the send lock lets it through, and the sidebar says so. */
  automaticSending: Store<AutomaticIntentView | null>;
  send: Send;
  page: PageAccess;
  now: () => number;
}

export interface ContextDeps {
  send?: Send;
  page?: PageAccess;
  now?: () => number;
}

const offline: Send = () => Promise.reject(new Error('Not connected to the extension background'));

export function createSidebarContext(t: SidebarContext['t'], deps: ContextDeps = {}): SidebarContext {
  const doc = deps.page?.doc ?? globalThis.document;
  return {
    health: new Store<HealthState>({ missing: [], matched: {} }),
    link: new Store<LinkState | null>(null),
    t,
    team: new Store<TeamState>({ view: null, presence: {}, notices: [] }),
    chat: new Store<OpenChatState | null>(null),
    compose: new Store(''),
    tab: new Store<'chat' | 'queue'>('chat'),
    collapsed: new Store(false),
    pageEvents: new Emitter<AdapterEvent>(),
    teamEvents: new Emitter<EventView>(),
    automaticIntents: new Emitter<AutomaticIntentView>(),
    automaticSending: new Store<AutomaticIntentView | null>(null),
    send: deps.send ?? offline,
    page: deps.page ?? { doc, landmarks: () => new Landmarks({}, doc) },
    now: deps.now ?? Date.now,
  };
}

interface ConversationIndex {
  byId: Map<string, TeamConversation>;
  byTitle: Map<string, TeamConversation[]>;
}

// Badges look up every visible row on every frame of a scroll, against every chat the team has
// seen (bench/content.ts: a linear scan was most of the content script's time). The view's
// conversation list is replaced, never changed in place, so an index per list stays true.
const indexes = new WeakMap<TeamConversation[], ConversationIndex>();
// A new list keeps most conversation objects of the old one: their normalised titles are kept too.
const titleKeys = new WeakMap<TeamConversation, string>();
function titleKey(c: TeamConversation): string {
  let key = titleKeys.get(c);
  if (key === undefined) titleKeys.set(c, (key = normalizeTitle(c.title)));
  return key;
}

function addTo(index: ConversationIndex, c: TeamConversation): void {
  index.byId.set(c.id, c);
  const key = titleKey(c);
  const same = index.byTitle.get(key);
  if (same) same.push(c);
  else index.byTitle.set(key, [c]);
}

function removeFrom(index: ConversationIndex, c: TeamConversation): void {
  index.byId.delete(c.id);
  const key = titleKey(c);
  const same = index.byTitle.get(key)?.filter((x) => x !== c);
  if (same?.length) index.byTitle.set(key, same);
  else index.byTitle.delete(key);
}

// The list the last index was made for: every message pushes a list with one conversation
// replaced where it stood, and the index follows it in a walk instead of being rebuilt.
let latest: { list: TeamConversation[]; index: ConversationIndex } | null = null;

function indexOf(conversations: TeamConversation[]): ConversationIndex {
  let index = indexes.get(conversations);
  if (index) return index;
  const before = latest?.list;
  // The step from the last list, as the push noted it: only those positions (a walk otherwise).
  const step = before ? changedPositions(before, conversations) : null;
  if (before && (step || (conversations.length >= before.length && before.every((c, i) => conversations[i]!.id === c.id)))) {
    // The previous index is handed over: the old list's lookups are not asked again.
    index = latest!.index;
    indexes.delete(before);
    const update = (i: number) => {
      const c = conversations[i]!;
      if (before[i] === c) return;
      if (before[i]) removeFrom(index!, before[i]!);
      addTo(index!, c);
    };
    if (step) step.forEach(update);
    else for (let i = 0; i < conversations.length; i++) update(i);
  } else {
    index = { byId: new Map(), byTitle: new Map() };
    for (const c of conversations) addTo(index, c);
  }
  indexes.set(conversations, index);
  latest = { list: conversations, index };
  return index;
}

/** A chat as the page shows it: its title, and what may tell it from a namesake. */
export interface ChatOnPage {
  title: string;
  conversationId?: string | null;
  avatar?: string | null;
  /** Another visible row has this title (a picture not met yet is someone else). */
  namesakes?: boolean;
  /** ... and nothing tells this one apart. */
  shared?: boolean;
}

/**
 * The conversation a chat is: by the id the background gave, else by its title when exactly one
 * conversation can be it (the picture tells namesakes apart). 'ambiguous' when several could
 * be: two chats called "John" never show each other's owner (issue #7).
 */
export function lookupConversation(view: TeamView | null, chat: ChatOnPage | null): TeamConversation | 'ambiguous' | null {
  if (!view || !chat) return null;
  const index = indexOf(view.conversations);
  if (chat.conversationId) {
    const byId = index.byId.get(chat.conversationId);
    if (byId) return byId;
  }
  const match = matchByTitle(index.byTitle.get(normalizeTitle(chat.title)) ?? [], (c) => c.avatar, chat);
  if ('pick' in match) return match.pick;
  // Nothing known by this title is nothing to mix up: unknown, not ambiguous.
  return 'ambiguous' in match && match.ambiguous.length ? 'ambiguous' : null;
}

/** The conversation a chat is, or null when unknown or ambiguous (see lookupConversation). */
export function conversationOf(view: TeamView | null, chat: ChatOnPage | null): TeamConversation | null {
  const found = lookupConversation(view, chat);
  return found === 'ambiguous' ? null : found;
}

/** An agent's display name, or a short stand-in. */
export function agentName(view: TeamView | null, agentId: string | null): string {
  if (!agentId) return '';
  return view?.agents.find((a) => a.id === agentId)?.name ?? agentId.slice(0, 6);
}
