// The open chat: who owns it and its status; claim, release, transfer, resolve, reopen, snooze;
// tags; internal notes with @mentions; the timeline, live; and the customer's context.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { EventView, NoteView } from '../../shared/api';
import { TIMELINE_EVENTS, type Action, type TeamConversation, type TeamView, type Timeline } from '../team';
import { agentName, lookupConversation, type SidebarContext } from '../sidebar/context';
import { useSelect, useStore } from '../sidebar/store';
import { agentColor, clockWords, duration, initials, pressingClock, SLA_KIND_KEYS, waitingMs, when } from '../sidebar/ui';
import type { SlaKind } from '../../shared/domain/sla';

export const id = 'open-chat';

/** Tomorrow at 9:00 local time, or in an hour. */
export function snoozeUntil(choice: '1h' | 'tomorrow', now: number): string {
  if (choice === '1h') return new Date(now + 60 * 60 * 1000).toISOString();
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date.toISOString();
}

function useTimeline(context: SidebarContext, conversationId: string | null) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setTimeline(null);
    if (!conversationId) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      context
        .send('timeline', { conversationId })
        .then((loaded) => alive && setTimeline(loaded))
        .catch(() => undefined);
    void load();
    const off = context.teamEvents.subscribe((event) => {
      // Messages are not in the timeline: a busy chat's every message need not reload it.
      if (event.conversationId !== conversationId || !TIMELINE_EVENTS.has(event.type)) return;
      // Grow at once from the pushed event, then reload for anything derived (notes, counts).
      setTimeline((current) => (current ? merge(current, event) : current));
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 300);
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      off();
    };
  }, [context, conversationId, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { timeline, reload };
}


/** Why the coordinator assigned a chat on its own (shared/domain/routing.ts RoutingReason), in words. */
function routingWords(t: SidebarContext['t'], routing: unknown): string {
  const reason = (routing ?? {}) as { kind?: string; ruleName?: string; skill?: string; afterMinutes?: number; text?: string };
  switch (reason.kind) {
    case 'round_robin':
      return t('routingRoundRobin');
    case 'balanced':
      return t('routingBalanced');
    case 'rule':
      return t('routingRule', [reason.ruleName ?? '']);
    case 'menu':
      return t('routingMenu', [reason.skill ?? '']);
    case 'last_agent':
      return t('routingLastAgent');
    case 'reassigned':
      return t('routingReassigned', [String(reason.afterMinutes ?? '')]);
    case 'rerouted_owner_offline':
      return t('routingOwnerOffline');
    default:
      // A reason newer than this extension: the coordinator's own words.
      return reason.text ?? '';
  }
}

/** The name of an automatic message's kind, as it goes into "Baton sent the … message". */
export function automaticWord(t: SidebarContext['t'], kind: string | undefined): string {
  const keys: Record<string, string> = { away: 'automaticAway', greeting: 'automaticGreeting', menu: 'automaticMenu', satisfaction: 'automaticSatisfaction' };
  return t(keys[kind ?? ''] ?? 'automaticGreeting');
}

function merge(timeline: Timeline, event: EventView): Timeline {
  if (timeline.events.some((e) => e.seq === event.seq)) return timeline;
  const events = [...timeline.events, event].sort((a, b) => a.seq - b.seq);
  const note = event.type === 'note.created' ? (event.data.note as NoteView | undefined) : undefined;
  const notes = note && !timeline.notes.some((n) => n.id === note.id) ? [...timeline.notes, note] : timeline.notes;
  return { ...timeline, events, notes };
}

interface Entry {
  key: string;
  at: string;
  text: string;
  note?: string;
  kind: string;
  pending?: boolean;
}

/** The timeline in words, oldest first. */
export function timelineEntries(context: SidebarContext, view: TeamView | null, timeline: Timeline): Entry[] {
  const { t } = context;
  const name = (agentId: unknown) => (typeof agentId === 'string' ? agentName(view, agentId) : t('someone'));
  const entries: Entry[] = [];
  for (const event of timeline.events) {
    const who = event.actorId ? name(event.actorId) : t('someone');
    const data = event.data;
    let text: string | null = null;
    if (event.type === 'assignee.changed') {
      const reason = data.reason;
      if (reason === 'claim') text = t('eventClaimed', [who]);
      else if (reason === 'release') text = t('eventReleased', [who]);
      else if (reason === 'transfer') text = t('eventTransferred', [who, name(data.to)]);
      else if (reason === 'auto') text = data.to ? t('eventAutoAssigned', [name(data.to), routingWords(t, data.routing)]) : t('eventAutoUnassigned', [name(data.from), routingWords(t, data.routing)]);
      else text = data.to ? t('eventAssigned', [who, name(data.to)]) : t('eventUnassigned', [who]);
    } else if (event.type === 'conversation.status_changed') {
      if (data.reason === 'customer_wrote') text = t('eventCustomerWrote');
      else if (data.to === 'resolved') text = t('eventResolved', [who]);
      else if (data.to === 'snoozed') text = t('eventSnoozed', [who]);
      else if (data.to === 'open') text = t('eventReopened', [who]);
      else text = t('eventStatus', [who, String(data.to)]);
    } else if (event.type === 'sla.breached') {
      const kind = SLA_KIND_KEYS[data.kind as SlaKind];
      if (kind) text = t('eventSlaBreached', [t(kind)]);
    } else if (event.type === 'automatic.sent' || event.type === 'automatic.failed') {
      const which = automaticWord(t, (data.automatic as { kind?: string } | undefined)?.kind);
      text = t(event.type === 'automatic.sent' ? 'eventAutomaticSent' : 'eventAutomaticFailed', [which]);
    } else if (event.type === 'menu.answered') {
      text = t('eventMenuAnswered', [String(data.option), typeof data.label === 'string' ? data.label : '']);
    } else if (event.type === 'satisfaction.rated') {
      text = t('eventRated', [String(data.rating), name(data.agentId)]);
    } else if (event.type === 'conversation.no_reply') {
      text = t('eventNoReply', [name(data.assignee), String(data.minutes)]);
    } else if (event.type === 'conversation.tags_changed') {
      const tags = (data.conversation as { tags?: string[] } | undefined)?.tags ?? [];
      text = t('eventTags', [who, tags.join(', ') || '—']);
    }
    if (text) entries.push({ key: `e${event.seq}`, at: event.at, text, note: typeof data.note === 'string' ? data.note : undefined, kind: event.type });
  }
  for (const note of timeline.notes) entries.push({ key: `n${note.id}`, at: note.createdAt, text: t('eventNote', [name(note.authorId)]), note: note.text, kind: 'note' });
  timeline.pendingNotes.forEach((note, index) =>
    entries.push({ key: `p${index}`, at: note.at, text: t('eventNotePending'), note: note.text, kind: 'note', pending: true }),
  );
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

function Presence({ context, conversationId }: { context: SidebarContext; conversationId: string }) {
  const [presence] = useSelect(context.team, (team) => [team.presence, team.view?.agents] as const);
  const team = context.team.get();
  const others = Object.values(presence).filter(
    (p) => p.conversationId === conversationId && p.agentId !== team.view?.me?.agentId && p.state !== 'idle',
  );
  if (others.length === 0) return null;
  return (
    <div class="baton-presence" data-baton-presence aria-live="polite">
      {others.map((p) => (
        <span key={p.agentId} data-baton-presence-state={p.state}>
          {context.t(p.state === 'typing' ? 'presenceTyping' : 'presenceViewing', [agentName(team.view, p.agentId)])}
        </span>
      ))}
    </div>
  );
}

function TransferDialog({ context, view, conversation, onDone }: { context: SidebarContext; view: TeamView; conversation: TeamConversation; onDone: () => void }) {
  const { t } = context;
  // Who can answer now first; the others are listed too, saying they will only see it when back.
  const rank = (status: string) => (status === 'online' ? 0 : status === 'offline' ? 2 : 1);
  const agents = view.agents
    .filter((a) => a.id !== view.me?.agentId && a.id !== conversation.assignee)
    .sort((a, b) => rank(a.status) - rank(b.status) || a.name.localeCompare(b.name));
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  return (
    <div class="baton-dialog" role="dialog" aria-label={t('transferTitle')} data-baton-transfer>
      <strong>{t('transferTitle')}</strong>
      {agents.length === 0 && <p>{t('transferNobody')}</p>}
      <div role="radiogroup" aria-label={t('transferTo')}>
        {agents.map((agent) => (
          <label key={agent.id} class="baton-agent-choice" data-baton-agent={agent.id}>
            <input type="radio" name="baton-transfer-to" checked={to === agent.id} onClick={() => setTo(agent.id)} data-baton-agent-choice={agent.id} />
            <span class="baton-avatar" style={{ background: agentColor(agent.id) }} aria-hidden="true">
              {initials(agent.name)}
            </span>
            <span>{agent.name}</span>
            <span class={`baton-agent-status baton-agent-status-${agent.status}`} data-baton-agent-status={agent.status}>
              {agent.status === 'offline' ? t('transferOffline') : t(`agentStatus_${agent.status}`)}
            </span>
          </label>
        ))}
      </div>
      <label class="baton-field">
        <span>{t('transferNote')}</span>
        <textarea value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} rows={2} data-baton-transfer-note />
      </label>
      <div class="baton-row">
        <button
          type="button"
          class="baton-primary"
          disabled={!to}
          data-baton-transfer-confirm
          onClick={() => {
            if (!to) return;
            const action: Action = { type: 'transfer', conversationId: conversation.id, to, ...(note.trim() ? { note: note.trim() } : {}) };
            void context.send('act', action).catch(() => undefined);
            onDone();
          }}
        >
          {t('transferConfirm')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

/** The @name being typed at the caret, if any. */
function mentionQuery(text: string): string | null {
  const match = /(?:^|\s)@([^\s@]*)$/.exec(text);
  return match ? match[1]! : null;
}

function Notes({ context, view, conversationId, onAdded }: { context: SidebarContext; view: TeamView; conversationId: string; onAdded: () => void }) {
  const { t } = context;
  const [text, setText] = useState('');
  const query = mentionQuery(text);
  const suggestions = query === null ? [] : view.agents.filter((a) => a.name.toLowerCase().startsWith(query.toLowerCase())).slice(0, 5);
  const submit = () => {
    const clean = text.trim();
    if (!clean) return;
    setText('');
    void context
      .send('act', { type: 'note', conversationId, text: clean })
      .then(onAdded)
      .catch(() => undefined);
  };
  return (
    <div class="baton-notes">
      <label class="baton-field">
        <span>{t('noteLabel')}</span>
        <textarea
          value={text}
          rows={2}
          placeholder={t('notePlaceholder')}
          data-baton-note-input
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
        />
      </label>
      {suggestions.length > 0 && (
        <div class="baton-suggest" role="listbox" aria-label={t('mentionSuggestions')}>
          {suggestions.map((agent) => (
            <button
              type="button"
              role="option"
              key={agent.id}
              data-baton-mention={agent.id}
              onClick={() => setText(text.replace(/@([^\s@]*)$/, `@${agent.name} `))}
            >
              @{agent.name}
            </button>
          ))}
        </div>
      )}
      <button type="button" class="baton-primary" disabled={!text.trim()} onClick={submit} data-baton-note-add>
        {t('noteAdd')}
      </button>
    </div>
  );
}

function ChatPanel({ context, view, conversation }: { context: SidebarContext; view: TeamView; conversation: TeamConversation }) {
  const { t } = context;
  const [dialog, setDialog] = useState<'transfer' | 'snooze' | null>(null);
  const { timeline, reload } = useTimeline(context, conversation.id);
  const me = view.me;
  const mine = !!me && conversation.assignee === me.agentId;
  const owner = conversation.assignee;
  const act = (action: Action) => void context.send('act', action).catch(() => undefined);
  const cid = conversation.id;
  // On the agents, not the whole view: the view changes with every message of every chat.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const entries = useMemo(() => (timeline ? timelineEntries(context, view, timeline) : []), [context, view.agents, timeline]);
  const now = context.now();
  const waited = waitingMs(conversation, now);
  // The clock that runs out first, always shown here (the list shows it only when at risk).
  const clock = pressingClock(conversation, now);
  const clockSays = clock && clockWords(t, clock, now);

  return (
    <section class="baton-chat" data-baton-chat={cid} aria-label={t('chatPanel')}>
      <header class="baton-chat-head">
        <h2 data-baton-chat-title>{conversation.title}</h2>
        <div class="baton-meta">
          <span class={`baton-pill baton-status-${conversation.status}`} data-baton-status={conversation.status}>
            {t(`status_${conversation.status}`)}
          </span>
          <span data-baton-owner={owner ?? ''} class="baton-owner">
            {owner ? (
              <>
                <span class="baton-avatar" style={{ background: agentColor(owner) }} aria-hidden="true">
                  {initials(agentName(view, owner))}
                </span>
                {mine ? t('ownerMe') : t('ownerName', [agentName(view, owner)])}
              </>
            ) : (
              t('badgeUnassigned')
            )}
          </span>
        </div>
        {waited !== null && <div class="baton-waiting">{t('waitingFor', [duration(waited)])}</div>}
        {clock && (
          <div class={`baton-sla baton-sla-${clock.state}`} data-baton-sla={clock.state} data-baton-sla-kind={clock.kind} role="timer">
            {clockSays}
          </div>
        )}
        {conversation.pending > 0 && (
          <div class="baton-pending" data-baton-pending={conversation.pending}>
            {t('pendingActions', [String(conversation.pending)])}
          </div>
        )}
      </header>
      <Presence context={context} conversationId={cid} />
      <div class="baton-actions">
        {/* What fits whose chat it is: nobody's is claimed; someone else's is asked for (or, by
            the owner role, taken over), never "claimed first" minutes later; mine is released. */}
        {owner === null && (
          <button type="button" class="baton-primary" data-baton-action="claim" onClick={() => act({ type: 'claim', conversationId: cid })}>
            {t('actionClaim')}
          </button>
        )}
        {owner && !mine && (
          <button
            type="button"
            class="baton-primary"
            data-baton-action="ask-transfer"
            onClick={() => act({ type: 'note', conversationId: cid, text: t('askTransferNote', [agentName(view, owner)]) })}
          >
            {t('askTransfer')}
          </button>
        )}
        {owner && !mine && me?.role === 'owner' && (
          <button type="button" data-baton-action="take-over" onClick={() => act({ type: 'assign', conversationId: cid, to: me.agentId })}>
            {t('takeOver')}
          </button>
        )}
        {owner && (mine || me?.role === 'owner') && (
          <button type="button" data-baton-action="release" onClick={() => act({ type: 'release', conversationId: cid })}>
            {t('actionRelease')}
          </button>
        )}
        <button type="button" data-baton-action="transfer" aria-expanded={dialog === 'transfer'} onClick={() => setDialog(dialog === 'transfer' ? null : 'transfer')}>
          {t('actionTransfer')}
        </button>
        {conversation.status !== 'resolved' ? (
          <button type="button" data-baton-action="resolve" onClick={() => act({ type: 'resolve', conversationId: cid })}>
            {t('actionResolve')}
          </button>
        ) : null}
        {(conversation.status === 'resolved' || conversation.status === 'snoozed') && (
          <button type="button" data-baton-action="reopen" onClick={() => act({ type: 'reopen', conversationId: cid })}>
            {t('actionReopen')}
          </button>
        )}
        {conversation.status !== 'resolved' && (
          <button type="button" data-baton-action="snooze" aria-expanded={dialog === 'snooze'} onClick={() => setDialog(dialog === 'snooze' ? null : 'snooze')}>
            {t('actionSnooze')}
          </button>
        )}
      </div>
      {dialog === 'snooze' && (
        <div class="baton-dialog" role="dialog" aria-label={t('actionSnooze')} data-baton-snooze>
          {(['1h', 'tomorrow'] as const).map((choice) => (
            <button
              type="button"
              key={choice}
              data-baton-snooze-choice={choice}
              onClick={() => {
                act({ type: 'snooze', conversationId: cid, until: snoozeUntil(choice, context.now()) });
                setDialog(null);
              }}
            >
              {t(choice === '1h' ? 'snooze1h' : 'snoozeTomorrow')}
            </button>
          ))}
        </div>
      )}
      {dialog === 'transfer' && <TransferDialog context={context} view={view} conversation={conversation} onDone={() => setDialog(null)} />}

      {/* A busy chat's conversation changes with every message (its waiting clock): the parts
          below depend on other things, and a vnode kept from the last render is not diffed again. */}
      {useMemo(
        () => (
          <>
            {view.tags.length > 0 && (
              <div class="baton-section">
                <h3>{t('tags')}</h3>
                <div class="baton-tags">
                  {view.tags.map((tag) => {
                    const on = conversation.tags.includes(tag.name);
                    return (
                      <button
                        type="button"
                        key={tag.id}
                        class="baton-tag"
                        aria-pressed={on}
                        data-baton-tag={tag.name}
                        style={{ borderColor: tag.color, background: on ? tag.color : 'transparent', color: on ? '#fff' : tag.color }}
                        onClick={() =>
                          act({ type: 'tags', conversationId: cid, tags: on ? conversation.tags.filter((x) => x !== tag.name) : [...conversation.tags, tag.name] })
                        }
                      >
                        {tag.name}
                      </button>
                    );
                  })}
                </div>
              </div>
            )}

            <div class="baton-section">
              <h3>{t('notes')}</h3>
              <Notes context={context} view={view} conversationId={cid} onAdded={reload} />
            </div>

            <div class="baton-section" data-baton-customer>
              <h3>{t('customer')}</h3>
              <p>
                {t('customerContext', [
                  conversation.tags.join(', ') || '—',
                  String((timeline?.notes.length ?? 0) + (timeline?.pendingNotes.length ?? 0)),
                  String(timeline?.earlierConversations ?? 0),
                ])}
              </p>
            </div>

            <div class="baton-section">
              <h3>{t('timeline')}</h3>
              {timeline && !timeline.live && <p class="baton-muted">{t('timelineCached')}</p>}
              <ol class="baton-timeline" data-baton-timeline>
                {entries.map((entry) => (
                  <li key={entry.key} data-baton-event={entry.kind} class={entry.pending ? 'baton-pending-item' : ''}>
                    <time>{when(entry.at, context.now())}</time> <span>{entry.text}</span>
                    {entry.note && <blockquote>{entry.note}</blockquote>}
                  </li>
                ))}
              </ol>
            </div>
          </>
        ),
        // act and t are stable per context; the tags by what they say (every push brings a new
        // array for the same tags); the day, which the entries' times are written against.
        // eslint-disable-next-line react-hooks/exhaustive-deps
        [view.tags, view.agents, conversation.tags.join('\u0001'), cid, timeline, entries, reload, new Date(context.now()).toDateString()],
      )}
    </section>
  );
}

/** What ChatPanel shows of a conversation (its waiting time to the minute, as `duration` says it). */
function shownOf(conversation: TeamConversation | 'ambiguous' | null, now: number): string | null {
  if (!conversation || conversation === 'ambiguous') return conversation;
  const waited = waitingMs(conversation, now);
  const { title, status, assignee, pending, tags } = conversation;
  return [conversation.id, title, status, assignee ?? '', pending, tags.join('\u0001'), waited === null ? '' : duration(waited)].join('\u0000');
}

export function OpenChat({ context }: { context: SidebarContext }) {
  const chat = useStore(context.chat);
  // Rendered again when what the panel shows of this chat's conversation, the agents, the tags or
  // who I am change: not with every message of every other chat, nor with every message of this
  // one, which changes the conversation but seldom what is shown (bench/content.ts).
  useSelect(context.team, ({ view }) => [shownOf(lookupConversation(view, context.chat.get()), context.now()), view?.me, view?.agents, view?.tags]);
  const view = context.team.get().view;
  if (!view?.me) return null;
  if (!chat) return <p class="baton-muted baton-empty">{context.t('noChatOpen')}</p>;
  const conversation = lookupConversation(view, chat);
  if (!conversation || conversation === 'ambiguous')
    return (
      <section class="baton-chat" data-baton-chat-unknown={conversation ?? 'unknown'}>
        <h2>{chat.title}</h2>
        <p class="baton-muted">{context.t(conversation === 'ambiguous' ? 'chatAmbiguous' : 'chatUnknown')}</p>
      </section>
    );
  return <ChatPanel key={conversation.id} context={context} view={view} conversation={conversation} />;
}
