// The background's hold on the coordinator: linking this browser profile, the agent's session,
// the one WebSocket (keep-alive, reconnect with back-off, resume from the last sequence number),
// and the reports the content scripts ask for. Browser APIs are injected by the entrypoint.
import type { SelectorOverrides } from '../../shared/api';
import { HEARTBEAT_INTERVAL_MS } from '../../shared/domain/limits';
import { CLOSE_CODES, PROTOCOL_VERSION, ServerMsg } from '../../shared/protocol';
import type { LinkState, ProtocolMap, SeenChat } from '../messaging';

/** What survives a service-worker restart. */
export interface Stored {
  coordinatorUrl: string;
  deviceId: string;
  deviceToken: string;
  session: { token: string; agentId: string; name: string; workspace: string } | null;
  lastSeq: number;
  overrides: SelectorOverrides;
}

export interface LinkDeps {
  load(): Promise<Stored | null>;
  save(stored: Stored | null): Promise<void>;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  extensionVersion: string;
  /** New selector overrides for the WhatsApp tabs. */
  onOverrides(overrides: SelectorOverrides): void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class CoordinatorLink {
  private stored: Stored | null = null;
  private socket: WebSocket | null = null;
  private connection: LinkState['connection'] = 'offline';
  private lastError: string | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private beat: ReturnType<typeof setInterval> | undefined;
  private readonly known = new Map<string, string>(); // chat key -> conversation id
  private reporting: Promise<void> = Promise.resolve();
  private ready: Promise<void>;

  constructor(private readonly deps: LinkDeps) {
    this.ready = deps.load().then((stored) => {
      this.stored = stored;
      this.connect();
    });
  }

  /** Ensures the socket is up (the entrypoint calls this from an alarm after a suspension). */
  async wake(): Promise<void> {
    await this.ready;
    if (!this.socket) this.connect();
  }

  async handle<K extends keyof ProtocolMap>(type: K, args: ProtocolMap[K]['args']): Promise<ProtocolMap[K]['result']> {
    await this.ready;
    const result = await this.dispatch(type, args as never);
    return result as ProtocolMap[K]['result'];
  }

  private async dispatch(type: keyof ProtocolMap, args: never): Promise<unknown> {
    switch (type) {
      case 'getState':
        return this.state();
      case 'getOverrides':
        return this.stored?.overrides ?? {};
      case 'link': {
        const { coordinatorUrl, code, name } = args as ProtocolMap['link']['args'];
        const url = normalizeUrl(coordinatorUrl);
        const linked = await this.call<{ id: string; deviceToken: string }>(url, 'POST', '/api/v1/devices', { code, name }, null);
        await this.persist({ coordinatorUrl: url, deviceId: linked.id, deviceToken: linked.deviceToken, session: null, lastSeq: 0, overrides: {} });
        return this.state();
      }
      case 'signIn': {
        const { email, password } = args as ProtocolMap['signIn']['args'];
        const stored = this.requireLinked();
        const res = await this.call<{ token: string; agent: { id: string; name: string }; workspace: { name: string; selectorOverrides: SelectorOverrides } }>(
          stored.coordinatorUrl,
          'POST',
          '/api/v1/sessions',
          { email, password, deviceToken: stored.deviceToken },
          null,
        );
        await this.persist({
          ...stored,
          session: { token: res.token, agentId: res.agent.id, name: res.agent.name, workspace: res.workspace.name },
          overrides: res.workspace.selectorOverrides,
        });
        this.deps.onOverrides(res.workspace.selectorOverrides);
        this.reconnectNow();
        return this.state();
      }
      case 'signOut': {
        const stored = this.requireLinked();
        if (stored.session) {
          await this.call(stored.coordinatorUrl, 'DELETE', '/api/v1/sessions/current', undefined, stored.session.token).catch(() => undefined);
        }
        await this.persist({ ...stored, session: null });
        this.disconnect();
        return this.state();
      }
      case 'chatsSeen':
        this.reportChats(args as SeenChat[]);
        return null;
      case 'reportHealth': {
        const health = args as ProtocolMap['reportHealth']['args'];
        this.queue(() => this.authed('PUT', '/api/v1/devices/current/health', { ...health, extensionVersion: this.deps.extensionVersion }));
        return null;
      }
    }
  }

  private state(): LinkState {
    return {
      coordinatorUrl: this.stored?.coordinatorUrl ?? null,
      linked: !!this.stored,
      signedIn: this.stored?.session ? { agentId: this.stored.session.agentId, name: this.stored.session.name, workspace: this.stored.session.workspace } : null,
      connection: this.connection,
      lastError: this.lastError,
    };
  }

  /** Reports chats not reported yet, one at a time, in the order seen. */
  private reportChats(chats: SeenChat[]): void {
    for (const chat of chats) {
      const key = `${chat.jid ?? ''}\n${chat.title}`;
      if (this.known.has(key)) continue;
      this.known.set(key, '');
      this.queue(async () => {
        try {
          const conversation = await this.authed<{ id: string }>('POST', '/api/v1/conversations', chat.jid ? { jid: chat.jid, title: chat.title } : { title: chat.title });
          this.known.set(key, conversation.id);
        } catch (error) {
          // A title two known chats share stays unreported until a JID tells them apart; any other
          // failure is retried the next time the chat is seen.
          if (!(error instanceof HttpError && error.status === 409)) this.known.delete(key);
          throw error;
        }
      });
    }
  }

  private queue(task: () => Promise<unknown>): void {
    this.reporting = this.reporting.then(task).then(
      () => undefined,
      (error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
      },
    );
  }

  private requireLinked(): Stored {
    if (!this.stored) throw new Error('Link this browser first with a pairing code from the owner’s page');
    return this.stored;
  }

  private async authed<T>(method: string, path: string, body?: unknown): Promise<T> {
    const stored = this.requireLinked();
    if (!stored.session) throw new Error('Sign in first');
    return this.call<T>(stored.coordinatorUrl, method, path, body, stored.session.token);
  }

  private async call<T>(base: string, method: string, path: string, body: unknown, token: string | null): Promise<T> {
    let res: Response;
    try {
      res = await this.deps.fetch(`${base}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(method === 'GET' ? {} : { 'idempotency-key': crypto.randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new Error(`Cannot reach the coordinator at ${base}`);
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) {
      const message = (parsed as { error?: { message?: string } } | null)?.error?.message ?? `The coordinator answered ${res.status}`;
      if (res.status === 401 && token) await this.sessionEnded(message);
      throw new HttpError(res.status, message);
    }
    return parsed as T;
  }

  private async persist(stored: Stored | null): Promise<void> {
    this.stored = stored;
    await this.deps.save(stored);
  }

  private async sessionEnded(reason: string): Promise<void> {
    this.lastError = reason;
    if (this.stored) await this.persist({ ...this.stored, session: null });
    this.disconnect();
  }

  private connect(): void {
    const stored = this.stored;
    if (!stored?.session || this.socket) return;
    const socket = new this.deps.WebSocket(`${stored.coordinatorUrl.replace(/^http/, 'ws')}/api/v1/realtime`);
    this.socket = socket;
    this.connection = 'connecting';
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, token: stored.session!.token, lastSeq: stored.lastSeq || undefined }));
      // Messages every 25 s keep the socket, and an MV3 service worker, alive.
      this.beat = setInterval(() => socket.send('{"type":"heartbeat"}'), HEARTBEAT_INTERVAL_MS);
    };
    socket.onmessage = (event) => void this.receive(String(event.data));
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      clearInterval(this.beat);
      this.connection = 'offline';
      if (event.code === CLOSE_CODES.unauthorized) void this.sessionEnded('Signed out by the coordinator');
      else if (event.code === CLOSE_CODES.versionMismatch) this.lastError = 'Update the Baton extension: the coordinator speaks a newer protocol';
      else this.scheduleReconnect();
    };
  }

  private async receive(raw: string): Promise<void> {
    const parsed = ServerMsg.safeParse(JSON.parse(raw));
    if (!parsed.success || !this.stored) return;
    const msg = parsed.data;
    if (msg.type === 'welcome') {
      this.connection = 'live';
      this.retries = 0;
      this.lastError = null;
      const overrides = msg.snapshot?.workspace.selectorOverrides;
      const fromMissed = msg.missed?.filter((e) => e.type === 'workspace.updated').at(-1)?.data.workspace as { selectorOverrides?: SelectorOverrides } | undefined;
      await this.applyOverrides(overrides ?? fromMissed?.selectorOverrides);
      await this.persist({ ...this.stored, lastSeq: msg.seq });
    } else if (msg.type === 'event') {
      if (msg.event.type === 'workspace.updated') {
        await this.applyOverrides((msg.event.data.workspace as { selectorOverrides: SelectorOverrides }).selectorOverrides);
      }
      await this.persist({ ...this.stored, lastSeq: msg.event.seq });
    }
  }

  private async applyOverrides(overrides: SelectorOverrides | undefined): Promise<void> {
    if (!overrides || !this.stored || JSON.stringify(overrides) === JSON.stringify(this.stored.overrides)) return;
    await this.persist({ ...this.stored, overrides });
    this.deps.onOverrides(overrides);
  }

  private scheduleReconnect(): void {
    clearTimeout(this.retryTimer);
    // 1 s, 2 s, 4 s ... up to 30 s, with jitter so four devices don't return in lockstep.
    const delay = Math.min(30_000, 1000 * 2 ** this.retries++) * (0.75 + Math.random() / 2);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private reconnectNow(): void {
    this.disconnect();
    this.connect();
  }

  private disconnect(): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.beat);
    const socket = this.socket;
    this.socket = null;
    this.connection = 'offline';
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
