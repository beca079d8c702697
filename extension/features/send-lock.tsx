// No double answers (issue #4). Presence: viewing while a chat is open, typing while the compose
// box has text, idle otherwise, so the others see it. The lock: on another agent's chat, Enter in
// the compose box and clicks on the send button are stopped before WhatsApp sees them (capture
// listeners on the window), with a notice offering "Ask for transfer" and, for owners, "Take
// over". On an unassigned chat the first reply claims it. Crediting: the outgoing message that
// appears after a send this device let through is reported as sent by this agent; every other
// message the device sees is reported too (metadata only, never text).
import { answerOf, automaticKindOf } from './automatic-sender';
import { normalizeTitle } from '../../shared/domain/identity';
import type { PresenceState } from '../../shared/domain/status';
import type { Action, MessageSeen, TeamConversation } from '../team';
import { agentName, conversationOf, type SidebarContext } from '../sidebar/context';
import { Store, useSelect, useStore } from '../sidebar/store';
import { findCompose, findSendButton, readCompose } from '../whatsapp/compose';

export const id = 'send-lock';

interface Lock {
  conversationId: string;
  owner: string;
  at: number;
}

const locks = new WeakMap<SidebarContext, Store<Lock | null>>();
function lockOf(context: SidebarContext): Store<Lock | null> {
  let store = locks.get(context);
  if (!store) locks.set(context, (store = new Store<Lock | null>(null)));
  return store;
}

/** A send this device let through is credited to the next outgoing message within this window. */
const CREDIT_WINDOW_MS = 30_000;

function currentConversation(context: SidebarContext): TeamConversation | null {
  return conversationOf(context.team.get().view, context.chat.get());
}

export function start(context: SidebarContext, signal: AbortSignal): void {
  const { doc } = context.page;
  const win = doc.defaultView!;
  const lock = lockOf(context);
  const pendingSends: number[] = [];

  /** Decides a send attempt; true when it must be stopped. */
  const blocks = (): boolean => {
    // Baton's own automatic message: nobody's reply, nobody's claim (automatic-sender.tsx).
    if (context.automaticSending.get()) return false;
    const view = context.team.get().view;
    const me = view?.me;
    const conversation = currentConversation(context);
    const box = findCompose(doc, context.page.landmarks());
    const hasText = !!box && readCompose(box).trim() !== '';
    if (!me || !conversation || !hasText) return false;
    if (conversation.assignee && conversation.assignee !== me.agentId) {
      lock.set({ conversationId: conversation.id, owner: conversation.assignee, at: context.now() });
      return true;
    }
    if (conversation.assignee === null) void context.send('act', { type: 'claim', conversationId: conversation.id }).catch(() => undefined);
    pendingSends.push(context.now());
    return false;
  };
  const stop = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const inside = (container: Element | null, target: EventTarget | null) => !!container && target instanceof win.Node && container.contains(target);

  win.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      if (!inside(findCompose(doc, context.page.landmarks()), event.target)) return;
      if (blocks()) stop(event);
    },
    { capture: true, signal },
  );
  // Pointer presses too: some generations act on mousedown; the click is where WhatsApp sends.
  for (const type of ['pointerdown', 'mousedown', 'click'] as const) {
    win.addEventListener(
      type,
      (event) => {
        if (!inside(findSendButton(doc, context.page.landmarks()), event.target)) return;
        if (type !== 'click') {
          const conversation = currentConversation(context);
          const me = context.team.get().view?.me;
          if (conversation?.assignee && me && conversation.assignee !== me.agentId && !context.automaticSending.get()) stop(event);
          return;
        }
        if (blocks()) stop(event);
      },
      { capture: true, signal },
    );
  }

  // Crediting and reporting what this device sees.
  context.pageEvents.subscribe((event) => {
    if (event.type !== 'messages') return;
    const now = context.now();
    while (pendingSends.length && now - pendingSends[0]! > CREDIT_WINDOW_MS) pendingSends.shift();
    const seen: MessageSeen[] = [];
    const open = currentConversation(context);
    const chat = context.chat.get();
    const question = open && chat && normalizeTitle(chat.title) === normalizeTitle(event.title) ? open.question : null;
    for (const message of event.messages) {
      if (!message.direction) continue;
      const automatic = automaticKindOf(context, message);
      const answer = answerOf(context, question, message);
      const sentByMe = !automatic && !event.initial && message.direction === 'out' && pendingSends.length > 0;
      if (sentByMe) pendingSends.shift();
      seen.push({
        chat: { title: event.title, jid: event.jid, avatar: event.avatar },
        waMessageId: message.id,
        direction: message.direction,
        at: new Date(message.at).toISOString(),
        timeSource: message.timeSource,
        media: message.media,
        sentByMe,
        ...(automatic ? { automatic } : {}),
        ...(answer ? { answer } : {}),
      });
    }
    if (seen.length) void context.send('messagesSeen', seen).catch(() => undefined);
  }, signal);

  // Presence: sent on change only.
  let reported: { conversationId: string; state: PresenceState } | null = null;
  const report = () => {
    const conversation = currentConversation(context);
    const hidden = doc.visibilityState === 'hidden';
    const next = conversation ? { conversationId: conversation.id, state: (hidden ? 'idle' : context.compose.get().trim() ? 'typing' : 'viewing') as PresenceState } : null;
    if (reported && (!next || next.conversationId !== reported.conversationId) && reported.state !== 'idle')
      void context.send('presence', { conversationId: reported.conversationId, state: 'idle' }).catch(() => undefined);
    if (next && (next.conversationId !== reported?.conversationId || next.state !== reported.state))
      void context.send('presence', next).catch(() => undefined);
    reported = next;
    // A lock notice belongs to the chat it was raised in, while it is still someone else's.
    const current = lock.get();
    if (current && (!conversation || conversation.id !== current.conversationId || conversation.assignee !== current.owner)) lock.set(null);
  };
  const offs = [context.chat.subscribe(report), context.compose.subscribe(report), context.team.subscribe(report)];
  doc.addEventListener('visibilitychange', report, { signal });
  win.addEventListener('pagehide', () => reported && void context.send('presence', { conversationId: reported.conversationId, state: 'idle' }).catch(() => undefined), { signal });
  signal.addEventListener('abort', () => offs.forEach((off) => off()));
  report();
}

export function SendLock({ context }: { context: SidebarContext }) {
  const { t } = context;
  const current = useStore(lockOf(context));
  useSelect(context.team, (team) => [team.view?.me, team.view?.agents]);
  const team = context.team.get();
  if (!current || !team.view?.me) return null;
  const owner = agentName(team.view, current.owner);
  const me = team.view.me;
  const act = (action: Action) => void context.send('act', action).catch(() => undefined);
  return (
    <section class="baton-lock" role="alert" data-baton-send-lock>
      <strong>{t('lockTitle', [owner])}</strong>
      <p>{t('lockBody')}</p>
      <div class="baton-row">
        <button
          type="button"
          class="baton-primary"
          data-baton-lock-action="ask"
          onClick={() => {
            act({ type: 'note', conversationId: current.conversationId, text: t('askTransferNote', [owner]) });
            lockOf(context).set(null);
          }}
        >
          {t('askTransfer')}
        </button>
        {me.role === 'owner' && (
          <button
            type="button"
            data-baton-lock-action="takeover"
            onClick={() => {
              act({ type: 'assign', conversationId: current.conversationId, to: me.agentId });
              lockOf(context).set(null);
            }}
          >
            {t('takeOver')}
          </button>
        )}
        <button type="button" aria-label={t('dismiss')} onClick={() => lockOf(context).set(null)}>
          ×
        </button>
      </div>
    </section>
  );
}
