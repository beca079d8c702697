// A Baton workspace as a shop runs it: an owner, four agents, each signed in on their own linked
// device (WhatsApp's limit is four), each device holding a realtime socket — all over real HTTP.
import { PROTOCOL_VERSION } from '../shared/protocol';
import { HttpClient } from './http';
import { BenchSocket, type Frame } from './sockets';

export interface Device {
  name: string;
  agentId: string;
  http: HttpClient;
  socket: BenchSocket;
  /** Highest event sequence number this device has received. */
  lastSeq: number;
  /** Count of received events by type, for checking what was broadcast. */
  eventCounts: Map<string, number>;
}

export interface Workspace {
  owner: HttpClient;
  devices: Device[];
  close(): void;
}

export async function setUpWorkspace(port: number, deviceCount = 4): Promise<Workspace> {
  const base = `http://127.0.0.1:${port}`;
  const owner = new HttpClient(base);
  const setup = await owner.json('POST', '/api/v1/setup', { workspace: 'Bench Bakery', name: 'Olga Owner', email: 'owner@bench.test', password: 'owner-pass-1' });
  owner.token = setup.token;

  const devices: Device[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const name = `Agent ${String.fromCharCode(65 + i)}`;
    const email = `agent${i}@bench.test`;
    const agent = await owner.json('POST', '/api/v1/agents', { name, email, password: 'agent-pass-1', role: 'agent' });
    const { code } = await owner.json('POST', '/api/v1/pairing-codes');
    const { deviceToken } = await owner.json('POST', '/api/v1/devices', { code, name: `${name}'s browser` });
    const http = new HttpClient(base);
    const session = await http.json('POST', '/api/v1/sessions', { email, password: 'agent-pass-1', deviceToken });
    http.token = session.token;

    const socket = await BenchSocket.open(`ws://127.0.0.1:${port}/api/v1/realtime`);
    const welcome = socket.next((m: Frame) => m.type === 'welcome' || m.type === 'error');
    socket.send({ type: 'hello', v: PROTOCOL_VERSION, token: session.token });
    const first = await welcome;
    if (first.type !== 'welcome') throw new Error(`hello refused: ${JSON.stringify(first)}`);

    const device: Device = { name, agentId: agent.id, http, socket, lastSeq: first.seq, eventCounts: new Map() };
    socket.listen((msg) => {
      if (msg.type !== 'event') return;
      device.lastSeq = Math.max(device.lastSeq, msg.event.seq);
      device.eventCounts.set(msg.event.type, (device.eventCounts.get(msg.event.type) ?? 0) + 1);
    });
    devices.push(device);
  }

  // Devices heart-beat as the extension does, so the presence sweep never takes anyone offline.
  const heartbeat = setInterval(() => devices.forEach((d) => d.socket.send({ type: 'heartbeat' })), 25_000);
  heartbeat.unref();

  return {
    owner,
    devices,
    close: () => {
      clearInterval(heartbeat);
      for (const d of devices) {
        d.socket.close();
        d.http.close();
      }
      owner.close();
    },
  };
}
