// The background's hold on the coordinator: linking this browser profile, the agent's session,
// and the one WebSocket (keep-alive, reconnect with back-off, resume from the last sequence
// number). What arrives on the socket goes to `LinkHooks` (the team cache); browser APIs are
// injected by the entrypoint.
import type { AutomaticIntentView, EventView, SelectorOverrides, WorkspaceView } from '../../shared/api';
import type { AutomaticSettings, RoutingRuleView } from '../../shared/settings';
import { HEARTBEAT_INTERVAL_MS } from '../../shared/domain/limits';
import { CLOSE_CODES, PROTOCOL_VERSION, ServerMsg, type ClientMsg } from '../../shared/protocol';
import type { LinkState, ProtocolMap } from '../messaging';
import { backoff, callCoordinator, HttpError, type CallOptions } from './http';

export interface Session {
  token: string;
  agentId: string;
  name: string;
  workspace: string;
}

/** What survives a service-worker restart in storage (the team cache lives in IndexedDB). */
export interface Stored {
  coordinatorUrl: string;
  deviceId: string;
  deviceToken: string;
  session: Session | null;
  overrides: SelectorOverrides;
  /** The workspace's routing rules: the background reads their keywords in new chats (issue #8). */
  rules?: RoutingRuleView[];
  /** The automatic messages' settings: their texts tell Baton's own bubbles from replies. */
  automatic?: AutomaticSettings;
}

export type Welcome = Extract<ServerMsg, { type: 'welcome' }>;
export type PresenceMsg = Extract<ServerMsg, { type: 'presence' }>;
export type Connection = LinkState['connection'];

export interface LinkDeps {
  load(): Promise<Stored | null>;
  save(stored: Stored | null): Promise<void>;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  extensionVersion: string;
  /** New selector overrides for the WhatsApp tabs. */
  onOverrides(overrides: SelectorOverrides): void;
  /** Base of the reconnect back-off (tests shorten it). */
  retryBaseMs?: number;
}

/** What the link tells the team side. */
export interface LinkHooks {
  /** The sequence number the cache has applied, sent in `hello`. */
  lastSeq(): number;
  welcome(msg: Welcome): Promise<void>;
  event(event: EventView): Promise<void>;
  presence(msg: PresenceMsg): void;
  /** This device holds the lease on an automatic message (issue #8). */
  automatic(intent: AutomaticIntentView): void;
  /** What the link keeps of the workspace changed (rules, automatic texts). */
  workspace(): void;
  connection(state: Connection): void;
  /** Before the session ends on purpose: last chance to send what is queued. */
  signingOut(): Promise<void>;
  /** A new session (sign-in) or none (sign-out, revoked). */
  session(session: Session | null, stored: Stored | null): Promise<void>;
}

type LinkRequest = 'getState' | 'getOverrides' | 'link' | 'signIn' | 'signOut';

export class CoordinatorLink {
  private stored: Stored | null = null;
  private socket: WebSocket | null = null;
  private state: Connection = 'offline';
  private lastError: string | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private beat: ReturnType<typeof setInterval> | undefined;
  /** Socket messages are applied one at a time, in order. */
  private inbox: Promise<void> = Promise.resolve();
  private stopped = false;
  readonly ready: Promise<void>;

  constructor(
    private readonly deps: LinkDeps,
    private readonly hooks: LinkHooks,
    /** Resolves when the team cache is loaded; the socket waits for it (it needs lastSeq). */
    cacheReady: Promise<void>,
  ) {
    this.ready = Promise.all([deps.load(), cacheReady]).then(([stored]) => {
      this.stored = stored;
      this.connect();
    });
  }

  get connection(): Connection {
    return this.state;
  }

  get session(): Session | null {
    return this.stored?.session ?? null;
  }

  get deviceId(): string | null {
    return this.stored?.deviceId ?? null;
  }

  /** Ensures the socket is up (the entrypoint calls this from an alarm after a suspension). */
  async wake(): Promise<void> {
    await this.ready;
    if (!this.socket) {
      clearTimeout(this.retryTimer);
      this.connect();
    }
  }

  /** Reconnects at once (a tab came back, the network returned) instead of waiting out the back-off. */
  retryNow(): void {
    if (this.socket || this.stopped) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  async handle<K extends LinkRequest>(type: K, args: ProtocolMap[K]['args']): Promise<ProtocolMap[K]['result']> {
    await this.ready;
    return (await this.dispatch(type, args as never)) as ProtocolMap[K]['result'];
  }

  private async dispatch(type: LinkRequest, args: never): Promise<unknown> {
    switch (type) {
      case 'getState':
        return this.linkState();
      case 'getOverrides':
        return this.stored?.overrides ?? {};
      case 'link': {
        const { coordinatorUrl, code, name } = args as ProtocolMap['link']['args'];
        const url = normalizeUrl(coordinatorUrl);
        const linked = await callCoordinator<{ id: string; deviceToken: string }>(this.deps.fetch, url, 'POST', '/api/v1/devices', { body: { code, name } });
        this.disconnect();
        await this.persist({ coordinatorUrl: url, deviceId: linked.id, deviceToken: linked.deviceToken, session: null, overrides: {} });
        await this.hooks.session(null, this.stored);
        return this.linkState();
      }
      case 'signIn': {
        const { email, password } = args as ProtocolMap['signIn']['args'];
        const stored = this.requireLinked();
        const res = await callCoordinator<{ token: string; agent: { id: string; name: string }; workspace: WorkspaceView }>(
          this.deps.fetch,
          stored.coordinatorUrl,
          'POST',
          '/api/v1/sessions',
          { body: { email, password, deviceToken: stored.deviceToken } },
        );
        this.disconnect();
        await this.persist({
          ...stored,
          session: { token: res.token, agentId: res.agent.id, name: res.agent.name, workspace: res.workspace.name },
          overrides: res.workspace.selectorOverrides,
          rules: res.workspace.routing.rules,
          automatic: res.workspace.automatic,
        });
        await this.hooks.session(this.stored!.session, this.stored);
        this.deps.onOverrides(res.workspace.selectorOverrides);
        this.connect();
        return this.linkState();
      }
      case 'signOut': {
        const stored = this.requireLinked();
        if (stored.session) {
          await this.hooks.signingOut().catch(() => undefined);
          // Ends this device's session only: the agent stays signed in on their other devices.
          await this.authed('DELETE', '/api/v1/sessions/current').catch(() => undefined);
        }
        this.disconnect();
        await this.persist({ ...stored, session: null });
        await this.hooks.session(null, this.stored);
        return this.linkState();
      }
    }
  }

  linkState(): LinkState {
    return {
      coordinatorUrl: this.stored?.coordinatorUrl ?? null,
      linked: !!this.stored,
      signedIn: this.stored?.session ? { agentId: this.stored.session.agentId, name: this.stored.session.name, workspace: this.stored.session.workspace } : null,
      connection: this.state,
      lastError: this.lastError,
    };
  }

  /** A call as the signed-in agent; a 401 ends the session on this device. */
  async authed<T>(method: string, path: string, options: Omit<CallOptions, 'token'> = {}): Promise<T> {
    const stored = this.requireLinked();
    if (!stored.session) throw new Error('Sign in first');
    try {
      return await callCoordinator<T>(this.deps.fetch, stored.coordinatorUrl, method, path, { ...options, token: stored.session.token });
    } catch (error) {
      if (error instanceof HttpError && error.status === 401 && this.stored?.session?.token === stored.session.token) {
        await this.sessionEnded(error.message);
      }
      throw error;
    }
  }

  /** Sends on the socket when it is live; false otherwise (presence is not worth queueing). */
  send(msg: ClientMsg): boolean {
    if (this.state !== 'live' || !this.socket) return false;
    this.socket.send(JSON.stringify(msg));
    return true;
  }

  /** Closes everything (tests; the worker itself is simply suspended). */
  stop(): void {
    this.stopped = true;
    this.disconnect();
  }

  private requireLinked(): Stored {
    if (!this.stored) throw new Error('Link this browser first with a pairing code from the owner’s page');
    return this.stored;
  }

  private async persist(stored: Stored | null): Promise<void> {
    this.stored = stored;
    await this.deps.save(stored);
  }

  private async sessionEnded(reason: string): Promise<void> {
    this.lastError = reason;
    this.disconnect();
    if (this.stored?.session) {
      await this.persist({ ...this.stored, session: null });
      await this.hooks.session(null, this.stored);
    }
  }

  private setConnection(state: Connection): void {
    if (this.state === state) return;
    this.state = state;
    this.hooks.connection(state);
  }

  private connect(): void {
    const stored = this.stored;
    if (!stored?.session || this.socket || this.stopped) return;
    const token = stored.session.token;
    const socket = new this.deps.WebSocket(`${stored.coordinatorUrl.replace(/^http/, 'ws')}/api/v1/realtime`);
    this.socket = socket;
    this.setConnection('connecting');
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const lastSeq = this.hooks.lastSeq();
      socket.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, token, ...(lastSeq ? { lastSeq } : {}) } satisfies ClientMsg));
      // Messages every 25 s keep the socket, and an MV3 service worker, alive.
      clearInterval(this.beat);
      this.beat = setInterval(() => socket.send('{"type":"heartbeat"}'), HEARTBEAT_INTERVAL_MS);
    };
    socket.onmessage = (event) => {
      const raw = String(event.data);
      this.inbox = this.inbox.then(() => (this.socket === socket ? this.receive(raw) : undefined)).catch((error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
      });
    };
    socket.onerror = () => undefined; // onclose follows and decides
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      clearInterval(this.beat);
      this.setConnection('offline');
      if (event.code === CLOSE_CODES.unauthorized) void this.sessionEnded('Signed out by the coordinator');
      else if (event.code === CLOSE_CODES.versionMismatch) this.lastError = 'Update the Baton extension: the coordinator speaks a newer protocol';
      else this.scheduleReconnect();
    };
  }

  private async receive(raw: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = ServerMsg.safeParse(json);
    if (!parsed.success || !this.stored) return;
    const msg = parsed.data;
    switch (msg.type) {
      case 'welcome': {
        await this.hooks.welcome(msg);
        this.retries = 0;
        this.lastError = null;
        const fromMissed = msg.missed?.filter((e) => e.type === 'workspace.updated').at(-1)?.data.workspace as WorkspaceView | undefined;
        await this.applyWorkspace(msg.snapshot?.workspace ?? fromMissed);
        this.setConnection('live');
        return;
      }
      case 'event':
        await this.hooks.event(msg.event);
        if (msg.event.type === 'workspace.updated') {
          await this.applyWorkspace(msg.event.data.workspace as WorkspaceView);
        }
        return;
      case 'presence':
        this.hooks.presence(msg);
        return;
      case 'automatic':
        this.hooks.automatic(msg.intent);
        return;
      case 'error':
        this.lastError = msg.message;
    }
  }

  /** The routing rules as last heard (none before the first sign-in). */
  get rules(): readonly RoutingRuleView[] {
    return this.stored?.rules ?? [];
  }

  /** The automatic messages' settings as last heard (none before the first sign-in). */
  get automatic(): AutomaticSettings | null {
    return this.stored?.automatic ?? null;
  }

  /** Keeps what the devices need of the workspace: selector overrides, routing rules, automatic texts. */
  private async applyWorkspace(workspace: WorkspaceView | undefined): Promise<void> {
    if (!workspace || !this.stored) return;
    const { selectorOverrides: overrides, routing, automatic } = workspace;
    const newOverrides = JSON.stringify(overrides) !== JSON.stringify(this.stored.overrides);
    const rules = routing.rules;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (!newOverrides && same(rules, this.stored.rules) && same(automatic, this.stored.automatic)) return;
    await this.persist({ ...this.stored, overrides, rules, automatic });
    if (newOverrides) this.deps.onOverrides(overrides);
    this.hooks.workspace();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => this.connect(), backoff(this.retries++, this.deps.retryBaseMs));
  }

  private disconnect(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.beat);
    const socket = this.socket;
    this.socket = null;
    this.setConnection('offline');
    socket?.close(1000, 'bye');
  }
}

function normalizeUrl(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  const url = /^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    return new URL(url).origin;
  } catch {
    throw new Error(`“${value}” is not a coordinator address (like http://192.168.1.20:8787)`);
  }
}
