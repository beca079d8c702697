// The realtime hub: authenticated sessions in, events and presence out. It knows no socket
// library (tests drive it with an in-memory pair, the server with `ws`); see CONVENTIONS.md #8.
import type { SenderCandidate } from '../../shared/domain/automatic';
import type { EventView } from '../../shared/api';
import { CLOSE_CODES, ClientMsg, PROTOCOL_VERSION, type ServerMsg, type Snapshot } from '../../shared/protocol';

/** The little of a socket the hub needs. */
export interface SocketLike {
  send(data: string): void;
  close(code: number, reason: string): void;
}

/** Who is on the other end of a connection, once it has said hello. */
export interface Principal {
  sessionId: string;
  agentId: string;
  workspaceId: string;
  deviceId: string | null;
}

/** What the hub asks of the store; the coordinator wires these to SQLite. */
export interface HubSource {
  authenticate(token: string): Principal | null;
  snapshot(workspaceId: string): Snapshot;
  /** Events of the workspace after `seq`, or null when more than `limit` were missed. */
  eventsSince(workspaceId: string, seq: number, limit: number): EventView[] | null;
  currentSeq(): number;
  heartbeat(principal: Principal): void;
  /** A device said it can send automatic messages now (issue #8): give it what waits. */
  senderReady(principal: Principal): void;
  /** A device can no longer send (its last WhatsApp tab closed, or it disconnected): hand its leases on. */
  senderGone(principal: Principal): void;
}

/** A linked device with a WhatsApp Web tab able to send automatic messages, as the hub sees it (its leases are in the database). */
export type ReadySender = Omit<SenderCandidate, 'leases'>;

export interface Connection {
  receive(raw: string): void;
  closed(): void;
}

interface Session {
  socket: SocketLike;
  principal: Principal | null;
  lastHeartbeat: number;
  helloTimer: ReturnType<typeof setTimeout> | null;
  /** Conversations this connection announced presence in, so a disconnect clears them. */
  presence: Set<string>;
  /** Since when this connection's device said it can send automatic messages (null: it cannot). */
  readySince: number | null;
  /** Its latest presence state was `typing`. */
  typing: boolean;
}

const MAX_RESUME_EVENTS = 1000;
// Heartbeats write to the database; a chatty device must not turn every message into a write.
const HEARTBEAT_WRITE_INTERVAL_MS = 10_000;

export class Hub {
  private readonly byWorkspace = new Map<string, Set<Session>>();

  constructor(
    private readonly source: HubSource,
    private readonly options: { now: () => number; helloTimeoutMs?: number },
  ) {}

  /** Starts a connection; the socket must say hello before anything else. */
  connect(socket: SocketLike): Connection {
    const session: Session = {
      socket,
      principal: null,
      lastHeartbeat: Number.NEGATIVE_INFINITY,
      helloTimer: null,
      presence: new Set(),
      readySince: null,
      typing: false,
    };
    session.helloTimer = setTimeout(
      () => this.reject(session, CLOSE_CODES.protocolError, 'hello_timeout', 'No hello received'),
      this.options.helloTimeoutMs ?? 10_000,
    );
    session.helloTimer.unref?.();
    return {
      receive: (raw) => this.receive(session, raw),
      closed: () => this.drop(session),
    };
  }

  /** Sends an event to every connection of its workspace. Serialised once, however many devices. */
  publish(workspaceId: string, event: EventView): void {
    const sessions = this.byWorkspace.get(workspaceId);
    if (!sessions) return;
    const frame = JSON.stringify({ type: 'event', event } satisfies ServerMsg);
    for (const session of sessions) session.socket.send(frame);
  }

  /** Closes every connection whose principal matches (sign-out, unlinked device, removed agent). Returns how many. */
  disconnect(match: (principal: Principal) => boolean, reason: string): number {
    let closed = 0;
    for (const sessions of [...this.byWorkspace.values()]) {
      for (const session of [...sessions]) {
        if (session.principal && match(session.principal)) {
          this.reject(session, CLOSE_CODES.unauthorized, 'signed_out', reason);
          closed++;
        }
      }
    }
    return closed;
  }

  /**
   * The workspace's devices able to send automatic messages now, one entry per device (a device
   * with two ready connections counts once, typing if either is).
   */
  readySenders(workspaceId: string): ReadySender[] {
    const byDevice = new Map<string, ReadySender>();
    for (const session of this.byWorkspace.get(workspaceId) ?? []) {
      const deviceId = session.principal?.deviceId;
      if (!deviceId || session.readySince === null) continue;
      const known = byDevice.get(deviceId);
      if (!known) byDevice.set(deviceId, { deviceId, typing: session.typing, readySince: session.readySince });
      else byDevice.set(deviceId, { deviceId, typing: known.typing || session.typing, readySince: Math.min(known.readySince, session.readySince) });
    }
    return [...byDevice.values()];
  }

  /** Sends to one ready connection of a device (the lease of an automatic message is one device's). */
  sendToSender(workspaceId: string, deviceId: string, msg: ServerMsg): boolean {
    for (const session of this.byWorkspace.get(workspaceId) ?? []) {
      if (session.principal?.deviceId === deviceId && session.readySince !== null) {
        session.socket.send(JSON.stringify(msg));
        return true;
      }
    }
    return false;
  }

  /** Connected sessions in a workspace (for the owner's page and the tests). */
  connectedCount(workspaceId: string): number {
    return this.byWorkspace.get(workspaceId)?.size ?? 0;
  }

  private receive(session: Session, raw: string): void {
    let msg: ClientMsg;
    try {
      msg = ClientMsg.parse(JSON.parse(raw));
    } catch {
      this.reject(session, CLOSE_CODES.protocolError, 'bad_message', 'Message does not match the protocol');
      return;
    }
    if (!session.principal) {
      if (msg.type !== 'hello') {
        this.reject(session, CLOSE_CODES.protocolError, 'hello_first', 'Say hello first');
        return;
      }
      this.hello(session, msg);
      return;
    }
    this.beat(session);
    switch (msg.type) {
      case 'hello':
        this.reject(session, CLOSE_CODES.protocolError, 'hello_twice', 'Already said hello');
        return;
      case 'heartbeat':
        return;
      case 'presence': {
        const principal = session.principal;
        if (msg.state === 'idle') session.presence.delete(msg.conversationId);
        else session.presence.add(msg.conversationId);
        session.typing = msg.state === 'typing';
        this.sendOthers(session, {
          type: 'presence',
          agentId: principal.agentId,
          deviceId: principal.deviceId,
          conversationId: msg.conversationId,
          state: msg.state,
        });
        return;
      }
      case 'sender': {
        // Only a linked device sends through WhatsApp Web; the owner's page has none to offer.
        if (!session.principal.deviceId) return;
        const was = session.readySince !== null;
        session.readySince = msg.ready ? (session.readySince ?? this.options.now()) : null;
        if (msg.ready && !was) this.source.senderReady(session.principal);
        if (!msg.ready && was) this.senderMayBeGone(session.principal);
      }
    }
  }

  private hello(session: Session, msg: Extract<ClientMsg, { type: 'hello' }>): void {
    if (session.helloTimer) clearTimeout(session.helloTimer);
    session.helloTimer = null;
    if (msg.v !== PROTOCOL_VERSION) {
      this.reject(
        session,
        CLOSE_CODES.versionMismatch,
        'version_mismatch',
        `The coordinator speaks protocol ${PROTOCOL_VERSION}, this device ${msg.v}: update the extension`,
      );
      return;
    }
    const principal = this.source.authenticate(msg.token);
    if (!principal) {
      this.reject(session, CLOSE_CODES.unauthorized, 'unauthorized', 'Sign in again');
      return;
    }
    // Everything from here to registering runs synchronously, so no event can fall between the
    // snapshot (or the missed events) and the first live event.
    const seq = this.source.currentSeq();
    const missed = msg.lastSeq === undefined ? null : this.source.eventsSince(principal.workspaceId, msg.lastSeq, MAX_RESUME_EVENTS);
    const welcome: ServerMsg = missed
      ? { type: 'welcome', v: PROTOCOL_VERSION, seq, agentId: principal.agentId, missed }
      : { type: 'welcome', v: PROTOCOL_VERSION, seq, agentId: principal.agentId, snapshot: this.source.snapshot(principal.workspaceId) };
    session.principal = principal;
    session.socket.send(JSON.stringify(welcome));
    let sessions = this.byWorkspace.get(principal.workspaceId);
    if (!sessions) this.byWorkspace.set(principal.workspaceId, (sessions = new Set()));
    sessions.add(session);
    this.beat(session);
  }

  private beat(session: Session): void {
    const now = this.options.now();
    if (!session.principal || now - session.lastHeartbeat < HEARTBEAT_WRITE_INTERVAL_MS) return;
    session.lastHeartbeat = now;
    this.source.heartbeat(session.principal);
  }

  private sendOthers(from: Session, msg: ServerMsg): void {
    const sessions = this.byWorkspace.get(from.principal!.workspaceId);
    if (!sessions) return;
    const frame = JSON.stringify(msg);
    for (const session of sessions) if (session !== from) session.socket.send(frame);
  }

  private reject(session: Session, closeCode: number, code: string, message: string): void {
    session.socket.send(JSON.stringify({ type: 'error', code, message } satisfies ServerMsg));
    session.socket.close(closeCode, code);
    this.drop(session);
  }

  /** A connection stopped offering to send: when it was its device's last, the device is gone as a sender. */
  private senderMayBeGone(principal: Principal): void {
    const deviceId = principal.deviceId;
    if (!deviceId || this.readySenders(principal.workspaceId).some((r) => r.deviceId === deviceId)) return;
    this.source.senderGone(principal);
  }

  private drop(session: Session): void {
    if (session.helloTimer) clearTimeout(session.helloTimer);
    session.helloTimer = null;
    const principal = session.principal;
    if (!principal) return;
    const sessions = this.byWorkspace.get(principal.workspaceId);
    if (!sessions?.delete(session)) return;
    if (sessions.size === 0) this.byWorkspace.delete(principal.workspaceId);
    if (session.readySince !== null) this.senderMayBeGone(principal);
    // A device that vanishes stops viewing and typing: tell the others so no stale "typing" sticks.
    for (const conversationId of session.presence) {
      const frame = JSON.stringify({
        type: 'presence',
        agentId: principal.agentId,
        deviceId: principal.deviceId,
        conversationId,
        state: 'idle',
      } satisfies ServerMsg);
      for (const other of sessions) other.socket.send(frame);
    }
  }
}
