// The background put together: the coordinator link, the team cache, the outbox, the tabs on the
// TEAM_PORT and the requests the content script and popup send. The entrypoint injects the
// browser (storage, fetch, WebSocket, IndexedDB); tests inject Node's and a real coordinator.
import type { AgentView, AutomaticIntentView, ConversationView, NoteView } from '../../shared/api';
import type { TriageBody } from '../../shared/settings';
import { replyTo, type InboundSignal, type ProtocolMap, type Report, type SeenChat } from '../messaging';
import { TIMELINE_EVENTS, type Action, type Me, type Notice, type TeamConversation, type TeamPush, type TeamView } from '../team';
import { applyToAgent, applyToConversation, conversationOf, requestFor } from './actions';
import { TeamCache, type Change } from './cache';
import { ChatResolver, upsertBody } from './chats';
import type { BatonDb, OutboxRow } from './db';
import { MAX_SIGNAL_BATCH } from '../../shared/domain/waiting';
import { HttpError, isRetryable } from './http';
import { CoordinatorLink, type LinkDeps, type Session, type Stored, type Welcome } from './link';
import { MessageReporter } from './messages';
import { noticesFor } from './notices';
import { Outbox } from './outbox';
import { TeamPorts, type TeamPortLike } from './ports';
import { answerFor, triage } from './triage';
import { menuChoice } from '../../shared/domain/rules';
import { MAX_MENU_OPTIONS } from '../../shared/domain/automatic';
import { appendToTimeline, loadTimeline } from './timeline';

export interface BackgroundDeps extends LinkDeps {
  db: BatonDb;
  now?: () => number;
  /** Whether the user allows the health report (Firefox asks consent for it); allowed when absent. */
  healthAllowed?: () => Promise<boolean>;
}

/** Notices kept for a tab that connects later; older ones are dropped. */
const MAX_NOTICES = 50;
/** Inbound signals kept while the coordinator cannot take them. */
const MAX_SIGNALS = 2000;
/**
 * Conversation changes from the coordinator are gathered this long into one push to the tabs. A
 * push costs WhatsApp Web's page the same however many conversations it carries (badges, the
 * sidebar's stores): at 10 messages a second, 40 ms made a push every frame or two; this makes a
 * few a second (bench/content.ts).
 */
const PUSH_GATHER_MS = 250;
/** How long sign-out waits for queued actions to reach the coordinator. */
const SIGN_OUT_FLUSH_MS = 3000;

export class Background {
  readonly db: BatonDb;
  readonly cache: TeamCache;
  readonly outbox: Outbox;
  readonly link: CoordinatorLink;
  // A device can send automatic messages while one of its WhatsApp tabs is connected.
  readonly ports = new TeamPorts(() => this.tellSenderReady());
  /** What the coordinator was last told of `sender.ready` on this connection (null: nothing yet). */
  private senderToldReady: boolean | null = null;
  private readonly chats: ChatResolver;
  private readonly reporter: MessageReporter;
  private notices: Notice[] = [];
  private readonly toPush = new Set<string>();
  private pushTimer: ReturnType<typeof setTimeout> | undefined;
  /** The page's last health verdict, sent again with the reporter's counts whenever either changes. */
  private health: ProtocolMap['reportHealth']['args'] | null = null;
  private healthSent = '';
  /** Inbound signals not yet accepted by the coordinator (kept while it is unreachable), text read and gone. */
  private signals: (Omit<InboundSignal, 'text'> & { triage?: TriageBody; number?: number })[] = [];
  private signalling: Promise<void> | null = null;
  /** Chats already reported by chatsSeen in this worker's life. */
  private readonly chatsReported = new Set<string>();
  private readonly now: () => number;
  private readonly extensionVersion: string;
  private readonly healthAllowed: () => Promise<boolean>;
  readonly ready: Promise<void>;

  constructor(deps: BackgroundDeps) {
    this.db = deps.db;
    this.now = deps.now ?? Date.now;
    this.extensionVersion = deps.extensionVersion;
    this.healthAllowed = deps.healthAllowed ?? (async () => true);
    this.cache = new TeamCache(deps.db);
    this.outbox = new Outbox({
      db: deps.db,
      retryBaseMs: deps.retryBaseMs,
      send: (row) => {
        const request = requestFor(row.action);
        return this.link.authed(request.method, request.path, { body: request.body, idempotencyKey: row.key });
      },
      accepted: (row, answer) => this.accepted(row, answer),
      refused: (row, error) => this.refused(row, error),
      changed: (row) => this.outboxChanged(row),
    });
    this.chats = new ChatResolver({
      db: deps.db,
      conversations: this.cache.conversations,
      online: () => this.link.connection === 'live',
      upsert: (chat) => this.link.authed<ConversationView>('POST', '/api/v1/conversations', { body: upsertBody(chat) }),
      learned: (conversation) => {
        if (this.cache.putConversation(conversation)) this.pushSoon(conversation.id);
        // Reports held for an unknown or ambiguous chat may now find their conversation.
        void this.reporter.retryHeld();
      },
    });
    this.reporter = new MessageReporter({
      db: deps.db,
      now: this.now,
      resolve: (chat) => this.chats.resolve(chat),
      post: (messages) => this.link.authed('POST', '/api/v1/messages', { body: { messages } }),
      forget: (ids) => this.chats.forget(ids),
      heldChanged: () => void this.sendHealth(),
    });
    const loaded = Promise.all([this.cache.load(), this.outbox.load(), this.chats.load(), this.reporter.load(), this.loadNotices()]).then(() => undefined);
    this.link = new CoordinatorLink(
      deps,
      {
        lastSeq: () => this.cache.lastSeq,
        welcome: async (msg) => this.welcome(msg),
        event: async (event) => {
          this.onEvents([event]);
        },
        automatic: (intent) => void this.sendAutomatic(intent),
        workspace: () => this.ports.push({ type: 'team', team: this.team() }),
        presence: (msg) =>
          this.ports.push({ type: 'presence', presence: { agentId: msg.agentId, deviceId: msg.deviceId, conversationId: msg.conversationId, state: msg.state, at: this.now() } }),
        connection: (state) => {
          this.ports.push({ type: 'connection', connection: state, outbox: this.outbox.pending.length });
          this.senderToldReady = null;
          if (state === 'live') {
            this.tellSenderReady();
            void this.outbox.retryNow();
            void this.reporter.flush();
            void this.flushSignals();
            // A health report made while signed out or offline goes now (the owner's table would
            // otherwise say "Not reported yet" for a device that is fine).
            void this.sendHealth();
          }
        },
        signingOut: async () => {
          if (this.link.connection !== 'live') return;
          await Promise.race([this.outbox.flush(), new Promise((resolve) => setTimeout(resolve, SIGN_OUT_FLUSH_MS))]);
        },
        session: (session, stored) => this.sessionChanged(session, stored),
      },
      loaded,
    );
    this.ready = this.link.ready.then(() => {
      // Actions left from before a restart go out as soon as they can.
      if (this.link.session) void this.outbox.flush();
    });
  }

  /** The alarm woke the worker: make sure the socket is up and nothing waits in the outbox. */
  async wake(): Promise<void> {
    await this.ready;
    await this.link.wake();
    if (this.outbox.pending.length) void this.outbox.flush();
  }

  /** A WhatsApp tab connected on the TEAM_PORT. */
  connectPort(port: TeamPortLike): void {
    void this.ready.then(() => this.ports.add(port, [{ type: 'team', team: this.team() }, ...this.notices.map((notice): TeamPush => ({ type: 'notice', notice }))]));
  }

  async handle<K extends keyof ProtocolMap>(type: K, args: ProtocolMap[K]['args']): Promise<ProtocolMap[K]['result']> {
    await this.ready;
    return (await this.dispatch(type, args as never)) as ProtocolMap[K]['result'];
  }

  /** The device's health with the counts only the background knows; sent when it changed. */
  private async sendHealth(): Promise<void> {
    if (!this.health || !this.link.session || !(await this.healthAllowed().catch(() => false))) return;
    const { undirected = 0, ...landmarks } = this.health;
    const body = { ...landmarks, counts: { undirected, refused: this.reporter.held } };
    const key = JSON.stringify(body);
    if (key === this.healthSent) return;
    this.healthSent = key;
    await this.link.authed('PUT', '/api/v1/devices/current/health', { body: { ...body, extensionVersion: this.extensionVersion } }).catch((error: unknown) => {
      // Not sent: the next change or reconnection tries again.
      this.healthSent = '';
      console.warn('[baton] could not report the device health', error);
    });
  }

  /** The user agreed to the health report: send the one waiting. */
  healthConsentChanged(): Promise<void> {
    return this.sendHealth();
  }

  /** Sends the inbound signals waiting, resolved to their conversations; keeps them while unreachable. */
  private flushSignals(): Promise<void> {
    if (this.signalling) return this.signalling;
    this.signalling = (async () => {
      while (this.signals.length && this.link.session && this.link.connection === 'live') {
        const batch = this.signals.slice(0, MAX_SIGNAL_BATCH);
        const signals: { conversationId: string; at: string; unread: number; triage?: TriageBody; answer?: number }[] = [];
        for (const s of batch) {
          const resolved = await this.chats.resolve(s.chat);
          // A chat nobody can tell apart: the signal cannot say which customer wrote.
          if (!resolved.id) continue;
          const answer = answerFor(this.cache.conversations.get(resolved.id)?.question, s.number, Date.parse(s.at));
          signals.push({ conversationId: resolved.id, at: s.at, unread: s.unread, ...(s.triage ? { triage: s.triage } : {}), ...(answer ? { answer } : {}) });
        }
        try {
          if (signals.length) await this.link.authed('POST', '/api/v1/signals', { body: { signals } });
        } catch (error) {
          if (isRetryable(error)) return;
          console.warn('[baton] the coordinator refused inbound signals', error);
        }
        this.signals.splice(0, batch.length);
      }
    })().finally(() => {
      this.signalling = null;
    });
    return this.signalling;
  }

  /** Tells the coordinator whether this device can send automatic messages now, when that changed. */
  private tellSenderReady(): void {
    const ready = this.ports.size > 0;
    if (this.link.connection !== 'live' || this.senderToldReady === ready) return;
    if (this.link.send({ type: 'sender', ready })) this.senderToldReady = ready;
  }

  /** Hands an automatic message to one WhatsApp tab; with none left, gives the lease back at once. */
  private async sendAutomatic(intent: AutomaticIntentView): Promise<void> {
    if (this.ports.pushOne({ type: 'automatic', intent })) return;
    await this.automaticResult({ id: intent.id, outcome: 'failed', reason: 'no WhatsApp Web tab' });
  }

  private async automaticResult(result: ProtocolMap['automaticResult']['args']): Promise<void> {
    const { id, ...body } = result;
    await this.link.authed('POST', `/api/v1/automatic-messages/${encodeURIComponent(id)}/result`, { body }).catch((error: unknown) => {
      // The lease ran out meanwhile (409): the coordinator asks another device; nothing to do here.
      if (!(error instanceof HttpError && error.status === 409)) console.warn('[baton] could not report an automatic message', error);
    });
  }

  stop(): void {
    clearTimeout(this.pushTimer);
    this.link.stop();
    this.outbox.stop();
  }

  private async dispatch(type: keyof ProtocolMap, args: never): Promise<unknown> {
    switch (type) {
      case 'getState':
      case 'getOverrides':
      case 'link':
      case 'signIn':
      case 'signOut':
        return this.link.handle(type, args);
      case 'reportHealth':
        this.health = args as ProtocolMap['reportHealth']['args'];
        await this.sendHealth();
        return null;
      case 'inboundSignals':
        // The preview's text is read here and dropped: only the outcome is kept, and sent (a bare
        // number only while the conversation asks for one, see answerFor).
        for (const { text, ...signal } of args as ProtocolMap['inboundSignals']['args']) {
          const number = text ? menuChoice(text, MAX_MENU_OPTIONS) : null;
          this.signals.push(text ? { ...signal, triage: triage(text, this.link.rules), ...(number ? { number } : {}) } : signal);
        }
        // Signed out or unreachable for long: the oldest go (the real messages tell the rest).
        if (this.signals.length > MAX_SIGNALS) this.signals.splice(0, this.signals.length - MAX_SIGNALS);
        await this.flushSignals();
        return null;
      case 'chatsSeen':
        this.chatsSeen(args as SeenChat[]);
        return null;
      case 'automaticResult':
        await this.automaticResult(args as ProtocolMap['automaticResult']['args']);
        return null;
      case 'act':
        await this.act(args as Action);
        return null;
      case 'conversationFor': {
        if (!this.link.session) return null;
        return (await this.chats.resolve(args as SeenChat)).id;
      }
      case 'timeline': {
        const { conversationId } = args as ProtocolMap['timeline']['args'];
        const timeline = await loadTimeline({ db: this.db, get: (path) => this.link.authed('GET', path) }, conversationId, this.cache.conversations.get(conversationId));
        const pendingNotes = this.outbox.pending.flatMap((row) =>
          row.action.type === 'note' && row.action.conversationId === conversationId ? [{ text: row.action.text, at: row.createdAt }] : [],
        );
        return { ...timeline, pendingNotes };
      }
      case 'presence': {
        const { conversationId, state } = args as ProtocolMap['presence']['args'];
        this.link.send({ type: 'presence', conversationId, state });
        return null;
      }
      case 'messagesSeen':
        if (this.link.session) await this.reporter.seen(args as ProtocolMap['messagesSeen']['args']);
        return null;
      case 'reports':
        // Each as if it came alone (started in the order made, none waiting for another); one
        // failing fails only itself.
        return Promise.all((args as Report[]).map((report) => replyTo(this.dispatch(report.type, report.args as never))));
      case 'dismissNotice': {
        const { id } = args as ProtocolMap['dismissNotice']['args'];
        this.notices = this.notices.filter((n) => n.id !== id);
        await this.db.notices.delete(id);
        return null;
      }
    }
  }

  // ---- the view the tabs see

  private me(): Me | null {
    const session = this.link.session;
    if (!session) return null;
    const agent = this.cache.agents.get(session.agentId);
    return { agentId: session.agentId, name: agent?.name ?? session.name, role: agent?.role ?? 'agent', deviceId: this.link.deviceId ?? '' };
  }

  /** A conversation with this device's unsent actions applied over the coordinator's truth. */
  conversation(id: string): TeamConversation | null {
    const truth = this.cache.conversations.get(id);
    if (!truth) return null;
    const me = this.link.session?.agentId ?? '';
    let view = truth;
    let pending = 0;
    for (const row of this.outbox.pending) {
      if (conversationOf(row.action) !== id) continue;
      pending++;
      view = applyToConversation(view, row.action, me);
    }
    return { ...view, pending };
  }

  private agent(id: string): AgentView | null {
    let agent = this.cache.agents.get(id) ?? null;
    if (!agent || id !== this.link.session?.agentId) return agent;
    for (const row of this.outbox.pending) agent = applyToAgent(agent, row.action, row.createdAt);
    return agent;
  }

  team(): TeamView {
    const signedIn = !!this.link.session;
    return {
      me: this.me(),
      connection: this.link.connection,
      outbox: this.outbox.pending.length,
      agents: signedIn ? [...this.cache.agents.keys()].map((id) => this.agent(id)!) : [],
      conversations: signedIn ? [...this.cache.conversations.keys()].map((id) => this.conversation(id)!) : [],
      cannedResponses: signedIn ? [...this.cache.cannedResponses.values()] : [],
      tags: signedIn ? [...this.cache.tags.values()] : [],
      automatic: signedIn ? this.link.automatic : null,
    };
  }

  private pushConversation(id: string): void {
    const conversation = this.conversation(id);
    if (conversation) this.ports.push({ type: 'conversation', conversation });
  }

  /**
   * What the coordinator changed goes to the tabs at once when things are quiet, and gathered
   * over PUSH_GATHER_MS while they are busy: a burst (the first scroll through a long chat list
   * creates a conversation per row) is a few pushes, and a few renders of the sidebar, instead
   * of hundreds (bench/content.ts). The agent's own actions are always pushed at once.
   */
  private pushSoon(id: string): void {
    if (this.pushTimer === undefined) {
      // Quiet until now: this one goes at once (a colleague's claim shows without delay), and
      // what follows within the window is gathered.
      this.pushConversation(id);
      this.pushTimer = setTimeout(() => this.pushGathered(), PUSH_GATHER_MS);
      return;
    }
    this.toPush.add(id);
  }

  private pushGathered(): void {
    const conversations = [...this.toPush].flatMap((cid) => this.conversation(cid) ?? []);
    this.toPush.clear();
    if (!conversations.length) {
      this.pushTimer = undefined;
      return;
    }
    if (conversations.length === 1) this.ports.push({ type: 'conversation', conversation: conversations[0]! });
    else this.ports.push({ type: 'conversations', conversations });
    // Still busy: keep gathering for another window.
    this.pushTimer = setTimeout(() => this.pushGathered(), PUSH_GATHER_MS);
  }

  private pushAgent(id: string): void {
    const agent = this.agent(id);
    if (agent) this.ports.push({ type: 'agent', agent });
  }

  private pushChange(change: Change): void {
    if (change.everything) {
      this.ports.push({ type: 'team', team: this.team() });
      return;
    }
    for (const id of new Set(change.conversations)) this.pushSoon(id);
    for (const id of new Set(change.agents)) this.pushAgent(id);
  }

  // ---- from the coordinator

  private welcome(msg: Welcome): void {
    if (msg.snapshot) {
      this.cache.applySnapshot(msg.snapshot, msg.seq);
      this.ports.push({ type: 'team', team: this.team() });
      return;
    }
    this.onEvents(msg.missed ?? [], true);
    this.ports.push({ type: 'team', team: this.team() });
  }

  /** Events in sequence order; `batch` (missed while away) ends with one whole-team push instead of deltas. */
  private onEvents(events: Welcome['missed'] & object, batch = false): void {
    const me = this.link.session?.agentId;
    for (const event of events) {
      const change = this.cache.applyEvent(event);
      if (!batch) this.pushChange(change);
      if (TIMELINE_EVENTS.has(event.type)) this.ports.push({ type: 'event', event });
      void appendToTimeline(this.db, event);
      if (me) for (const notice of noticesFor(event, me, this.cache.agents, this.now())) this.notify(notice);
    }
    // A merge or a new conversation can be what held reports were waiting for.
    if (events.some((e) => e.type === 'conversation.merged' || e.type === 'conversation.created')) void this.reporter.retryHeld();
  }

  // ---- the outbox

  private async act(action: Action): Promise<void> {
    if (!this.link.session) throw new Error('Sign in first');
    await this.outbox.add(action, new Date(this.now()));
    void this.outbox.flush();
  }

  private outboxChanged(row: OutboxRow | null): void {
    if (!row) {
      this.ports.push({ type: 'team', team: this.team() });
      return;
    }
    const id = conversationOf(row.action);
    if (id) this.pushConversation(id);
    else if (row.action.type === 'status' && this.link.session) this.pushAgent(this.link.session.agentId);
    this.ports.push({ type: 'connection', connection: this.link.connection, outbox: this.outbox.pending.length });
  }

  private accepted(row: OutboxRow, answer: unknown): void {
    const kind = requestFor(row.action).answers;
    if (kind === 'conversation' && answer) this.cache.putConversation(answer as ConversationView);
    else if (kind === 'agent' && answer) this.cache.putAgent(answer as AgentView);
    else if (kind === 'note' && answer) {
      const note = answer as NoteView;
      void this.db.timelines
        .where('conversationId')
        .equals(note.conversationId)
        .modify((t) => {
          if (!t.notes.some((n) => n.id === note.id)) t.notes.push(note);
        })
        .catch(() => undefined);
    }
  }

  private refused(row: OutboxRow, error: HttpError): void {
    const conversationId = conversationOf(row.action);
    const truth = conversationId ? this.cache.conversations.get(conversationId) : undefined;
    // A 409 names the owner: the cache is corrected at once, and the whole truth fetched after.
    if (truth && error.status === 409 && error.body && 'assignee' in error.body && error.body.assignee !== undefined) {
      this.cache.putConversation({ ...truth, assignee: error.body.assignee });
    }
    if (conversationId) void this.refresh(conversationId);
    const lost = row.action.type === 'claim' && error.status === 409;
    this.notify({
      id: `${lost ? 'claim_lost' : 'refused'}:${row.key}`,
      kind: lost ? 'claim_lost' : 'refused',
      conversationId,
      text: lost ? `Someone else claimed this conversation first: ${error.message}` : `The coordinator refused “${row.action.type}”: ${error.message}`,
      at: this.now(),
    });
  }

  /** Fetches a conversation's truth after a refusal (the cache may have been behind). */
  private async refresh(id: string): Promise<void> {
    try {
      const conversation = await this.link.authed<ConversationView>('GET', `/api/v1/conversations/${encodeURIComponent(id)}`);
      this.cache.putConversation(conversation);
    } catch {
      // The event stream will bring it.
    }
    this.pushConversation(id);
  }

  // ---- notices, chats, session

  private notify(notice: Notice): void {
    if (this.notices.some((n) => n.id === notice.id)) return;
    this.notices = [...this.notices, notice].slice(-MAX_NOTICES);
    void this.db.notices.put(notice).catch(() => undefined);
    this.ports.push({ type: 'notice', notice });
  }

  private async loadNotices(): Promise<void> {
    this.notices = (await this.db.notices.toArray()).sort((a, b) => a.at - b.at);
  }

  /** Chats seen in the list: each becomes a conversation on the coordinator (once per worker life). */
  private chatsSeen(chats: SeenChat[]): void {
    if (!this.link.session || this.link.connection !== 'live') return;
    for (const chat of chats) {
      const key = `${chat.jid ?? ''}\n${chat.title}`;
      if (this.chatsReported.has(key)) continue;
      this.chatsReported.add(key);
      void this.chats.resolve(chat).then((r) => {
        if (!r.id && !r.final) this.chatsReported.delete(key); // try again when seen next
      });
    }
  }

  private async sessionChanged(session: Session | null, stored: Stored | null): Promise<void> {
    const owner = session && stored ? `${stored.coordinatorUrl} ${stored.deviceId} ${session.agentId}` : null;
    if (!session) {
      // Actions of a session that ended are not sent under anyone else's name.
      await this.outbox.clear();
      this.notices = [];
      await this.db.notices.clear();
    } else {
      const before = (await this.db.meta.get('owner'))?.value;
      if (before !== owner) {
        this.cache.clear();
        this.chats.clear();
        this.chatsReported.clear();
        await this.cache.flushed();
        await Promise.all([this.db.timelines.clear(), this.db.notices.clear(), this.db.meta.put({ key: 'owner', value: owner })]);
        this.notices = [];
      }
    }
    this.ports.push({ type: 'team', team: this.team() });
  }
}
