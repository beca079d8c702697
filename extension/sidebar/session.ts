// Keeps the sidebar's stores current: the team from the background's pushes on the TEAM_PORT
// (reconnecting when the background's service worker restarts), and the open chat and compose
// text from the adapter's events. No browser.* here: the port comes from the entry point.
import { openChatSeen } from '../messaging';
import type { TeamPush, TeamView } from '../team';
import type { SidebarContext, TeamState } from './context';
import { handOverPositions, noteStep, positionsOf } from './conversation-list';

/** The part of runtime.Port the tab uses. */
export interface PortLike {
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** Presence older than this is dropped even if no `idle` arrived (a tab that closed hard). */
const PRESENCE_TTL_MS = 5 * 60 * 1000;

export function applyPush(state: TeamState, push: TeamPush, now: number): TeamState {
  const view = state.view;
  const withView = (next: TeamView): TeamState => ({ ...state, view: next });
  switch (push.type) {
    case 'team':
      return withView(push.team);
    case 'conversation':
    case 'conversations': {
      if (!view) return state;
      // Replaced where they stand: the list keeps its order, and the step is noted for those who
      // follow it (conversation-list.ts), so nothing here or there walks every conversation.
      const changed = push.type === 'conversation' ? [push.conversation] : push.conversations;
      const conversations = view.conversations.slice();
      const at = positionsOf(view.conversations);
      const touched = new Set<number>();
      for (const c of changed) {
        let i = at.get(c.id);
        if (i === undefined) at.set(c.id, (i = conversations.push(c) - 1));
        else conversations[i] = c;
        touched.add(i);
      }
      handOverPositions(view.conversations, conversations, at);
      noteStep(view.conversations, conversations, [...touched]);
      return withView({ ...view, conversations });
    }
    case 'agent': {
      if (!view) return state;
      const others = view.agents.filter((a) => a.id !== push.agent.id);
      const me = view.me && view.me.agentId === push.agent.id ? { ...view.me, name: push.agent.name, role: push.agent.role } : view.me;
      return withView({ ...view, me, agents: [...others, push.agent] });
    }
    case 'connection':
      return view ? withView({ ...view, connection: push.connection, outbox: push.outbox }) : state;
    case 'presence': {
      const presence: TeamState['presence'] = {};
      for (const [key, value] of Object.entries(state.presence)) if (now - value.at < PRESENCE_TTL_MS) presence[key] = value;
      const key = `${push.presence.agentId}/${push.presence.conversationId}`;
      if (push.presence.state === 'idle') delete presence[key];
      else presence[key] = push.presence;
      return { ...state, presence };
    }
    case 'notice':
      if (state.notices.some((n) => n.id === push.notice.id)) return state;
      return { ...state, notices: [...state.notices, push.notice] };
    case 'event':
    case 'automatic':
      return state;
  }
}

/** Connects the team port and keeps `context.team` current until `signal` aborts. */
export function connectTeam(context: SidebarContext, connect: () => PortLike, signal: AbortSignal): void {
  let delay = 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: PortLike | null = null;

  const open = () => {
    if (signal.aborted) return;
    try {
      port = connect();
    } catch {
      retry();
      return;
    }
    port.onMessage.addListener((message) => {
      delay = 250;
      const push = message as TeamPush;
      if (push.type === 'event') context.teamEvents.emit(push.event);
      if (push.type === 'automatic') context.automaticIntents.emit(push.intent);
      context.team.set(applyPush(context.team.get(), push, context.now()));
      if (push.type === 'team' || push.type === 'conversation' || push.type === 'conversations') resolveOpenChat(context);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      retry();
    });
  };
  const retry = () => {
    if (signal.aborted) return;
    // The background restarted (or is waking up): show the last view as not live until it answers.
    const state = context.team.get();
    if (state.view && state.view.connection === 'live') context.team.set({ ...state, view: { ...state.view, connection: 'connecting' } });
    clearTimeout(timer);
    timer = setTimeout(open, delay);
    delay = Math.min(delay * 2, 5000);
  };
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    port?.disconnect();
  });
  open();
}

/** Asks the background which conversation the open chat is, when it is not known yet. */
function resolveOpenChat(context: SidebarContext) {
  const chat = context.chat.get();
  if (!chat || chat.conversationId) return;
  const asked = chat;
  context
    .send('conversationFor', { title: chat.title, jid: chat.jid, avatar: chat.avatar ?? null, namesakes: !!chat.namesakes, shared: !!chat.shared })
    .then((id) => {
      const now = context.chat.get();
      if (id && now && now.title === asked.title && now.jid === asked.jid && now.avatar === asked.avatar && !now.conversationId) context.chat.set({ ...now, conversationId: id });
    })
    .catch(() => undefined);
}

/** Follows the adapter: the open chat (and which conversation it is) and the compose text. */
export function followPage(context: SidebarContext, signal: AbortSignal): void {
  context.pageEvents.subscribe((event) => {
    if (event.type === 'chatOpened') {
      context.chat.set({ ...openChatSeen(event), conversationId: null });
      resolveOpenChat(context);
    } else if (event.type === 'messages') {
      // The JID can show up only once messages are read.
      const chat = context.chat.get();
      if (chat && chat.title === event.title && !chat.jid && event.jid) {
        context.chat.set({ ...chat, jid: event.jid });
        resolveOpenChat(context);
      }
    } else if (event.type === 'compose') {
      context.compose.set(event.text);
    }
  }, signal);
}
