// The hub alone, with in-memory sockets and a source of our own: no server, no database.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventView } from '../../shared/api';
import { DEFAULT_AUTOMATIC, DEFAULT_ROUTING } from '../../shared/settings';
import { CLOSE_CODES, PROTOCOL_VERSION, type ServerMsg, type Snapshot } from '../../shared/protocol';
import { Hub, type HubSource, type Principal, type SocketLike } from './hub';

class MemorySocket implements SocketLike {
  sent: ServerMsg[] = [];
  closedWith: number | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code: number) {
    this.closedWith = code;
  }
}

const principal = (agentId: string, workspaceId = 'w1'): Principal => ({ sessionId: `s-${agentId}`, agentId, workspaceId, deviceId: `d-${agentId}` });
const snapshot = {
  workspace: { id: 'w1', name: 'Shop', maxDevices: 4, selectorOverrides: {}, routing: DEFAULT_ROUTING, automatic: DEFAULT_AUTOMATIC },
  agents: [], conversations: [], cannedResponses: [], tags: [] } satisfies Snapshot;
const event = (seq: number): EventView => ({ seq, type: 'note.created', at: '2026-03-02T09:00:00.000Z', actorId: null, deviceId: null, conversationId: 'c1', data: {} });

function setup() {
  const beats: string[] = [];
  const ready: string[] = [];
  const source: HubSource = {
    authenticate: (token) => (token.startsWith('ok-') ? principal(token.slice(3), token.endsWith('-b') ? 'w2' : 'w1') : null),
    snapshot: () => snapshot,
    eventsSince: (_w, seq) => (seq >= 5 ? [event(6)] : null),
    currentSeq: () => 6,
    heartbeat: (p) => beats.push(p.agentId),
    senderReady: (p) => ready.push(p.agentId),
    senderGone: () => undefined,
  };
  let now = 0;
  const hub = new Hub(source, { now: () => now, helloTimeoutMs: 1000 });
  const join = (token: string, lastSeq?: number) => {
    const socket = new MemorySocket();
    const connection = hub.connect(socket);
    connection.receive(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, token, lastSeq }));
    return { socket, connection };
  };
  return { hub, join, beats, ready, advance: (ms: number) => (now += ms) };
}

afterEach(() => vi.useRealTimers());

describe('hub', () => {
  it('welcomes with a snapshot, or with the missed events when it can', () => {
    const { join } = setup();
    expect(join('ok-ana').socket.sent[0]).toMatchObject({ type: 'welcome', seq: 6, agentId: 'ana', snapshot });
    expect(join('ok-ana', 5).socket.sent[0]).toEqual({ type: 'welcome', v: PROTOCOL_VERSION, seq: 6, agentId: 'ana', missed: [event(6)] });
    expect(join('ok-ana', 1).socket.sent[0]).toMatchObject({ snapshot });
  });

  it('publishes to the workspace only, and stops at disconnect', () => {
    const { hub, join } = setup();
    const a = join('ok-ana');
    const b = join('ok-bea-b');
    hub.publish('w1', event(7));
    expect(a.socket.sent.at(-1)).toEqual({ type: 'event', event: event(7) });
    expect(b.socket.sent).toHaveLength(1);
    a.connection.closed();
    hub.publish('w1', event(8));
    expect(a.socket.sent.at(-1)).toEqual({ type: 'event', event: event(7) });
    expect(hub.connectedCount('w1')).toBe(0);
  });

  it('closes a connection that never says hello', () => {
    vi.useFakeTimers();
    const { hub } = setup();
    const socket = new MemorySocket();
    hub.connect(socket);
    vi.advanceTimersByTime(1001);
    expect(socket.closedWith).toBe(CLOSE_CODES.protocolError);
    expect(socket.sent).toEqual([{ type: 'error', code: 'hello_timeout', message: 'No hello received' }]);
  });

  it('writes heartbeats at most every ten seconds per connection', () => {
    const { join, beats, advance } = setup();
    const { connection } = join('ok-ana');
    advance(10_000);
    connection.receive('{"type":"heartbeat"}');
    connection.receive('{"type":"heartbeat"}');
    advance(5_000);
    connection.receive('{"type":"heartbeat"}');
    expect(beats).toEqual(['ana', 'ana']);
  });

  it('disconnects by principal', () => {
    const { hub, join } = setup();
    const a = join('ok-ana');
    const c = join('ok-carla');
    hub.disconnect((p) => p.agentId === 'ana', 'Signed out');
    expect(a.socket.closedWith).toBe(CLOSE_CODES.unauthorized);
    expect(c.socket.closedWith).toBeNull();
    expect(hub.connectedCount('w1')).toBe(1);
  });

  it('knows which devices can send automatic messages, and sends to one of them only', () => {
    const { hub, join, ready, advance } = setup();
    const a = join('ok-ana');
    const b = join('ok-bea');
    advance(5);
    a.connection.receive('{"type":"sender","ready":true}');
    a.connection.receive('{"type":"sender","ready":true}');
    expect(ready).toEqual(['ana']);
    expect(hub.readySenders('w1')).toEqual([{ deviceId: 'd-ana', typing: false, readySince: 5 }]);
    b.connection.receive('{"type":"sender","ready":true}');
    b.connection.receive('{"type":"presence","conversationId":"c1","state":"typing"}');
    expect(hub.readySenders('w1')).toContainEqual({ deviceId: 'd-bea', typing: true, readySince: 5 });
    const msg = { type: 'error', code: 'x', message: 'y' } as const;
    expect(hub.sendToSender('w1', 'd-bea', msg)).toBe(true);
    expect(b.socket.sent.at(-1)).toEqual(msg);
    expect(a.socket.sent.at(-1)).not.toEqual(msg);
    b.connection.receive('{"type":"sender","ready":false}');
    expect(hub.sendToSender('w1', 'd-bea', msg)).toBe(false);
    a.connection.closed();
    expect(hub.readySenders('w1')).toEqual([]);
  });
});
