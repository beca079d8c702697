// Linked devices and live sync. Each browser profile is one linked (companion) device of the one
// account: it keeps a device id in localStorage, takes one of `maxDevices` slots (4, like
// WhatsApp), and one profile can be live in only one tab ("WhatsApp is open in another window").
// Every state change is pushed to every connected page over a WebSocket.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isWebMessageId } from './ids';
import { SimError, type AccountState } from './state';

export const WS_PATH = '/__sim/ws';
const HISTORY_PAGE = 200;

export interface Device {
  id: string;
  linkedAt: number;
  lastSeen: number;
  /** The live page of this device, if any. */
  socket: WebSocket | null;
  openChat: string | null;
  visible: boolean;
  session: Record<string, string>;
}

export interface DeviceView {
  id: string;
  connected: boolean;
  linkedAt: number;
  lastSeen: number;
  openChat: string | null;
  visible: boolean;
  session: Record<string, string>;
}

type ClientMessage = { type: string; [k: string]: unknown };

export class SyncHub {
  readonly devices = new Map<string, Device>();
  /** Sockets that receive broadcasts without being a device (test channels). */
  private readonly observers = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly state: AccountState) {
    state.on('message', (message) => {
      this.broadcast({ type: 'message', message });
      // A chat open and visible on some device is read as the message arrives.
      if (!message.fromMe && this.isOpenSomewhere(message.chat)) state.markRead(message.chat);
    });
    state.on('chat', (chat) => this.broadcast({ type: 'chat', chat }));
    state.on('ack', (ack) => this.broadcast({ type: 'ack', ...ack }));
    state.on('options', (options) => this.broadcast({ type: 'options', options }));
    state.on('snapshot', () => this.broadcast(this.snapshot('snapshot')));
    this.wss.on('connection', (ws) => this.accept(ws));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  list(): DeviceView[] {
    return [...this.devices.values()].map((d) => ({
      id: d.id,
      connected: d.socket !== null,
      linkedAt: d.linkedAt,
      lastSeen: d.lastSeen,
      openChat: d.openChat,
      visible: d.visible,
      session: d.session,
    }));
  }

  /** Unlink one device, or all; a live page falls back to the link (QR) screen. */
  unlink(id?: string): number {
    let n = 0;
    for (const d of [...this.devices.values()]) {
      if (id && d.id !== id) continue;
      this.send(d.socket, { type: 'unlinked', reason: 'logged-out' });
      d.socket?.close();
      this.devices.delete(d.id);
      n++;
    }
    return n;
  }

  /** After a reset: forget devices that are not connected (a live one re-links on its own). */
  forgetDisconnected(): void {
    for (const d of [...this.devices.values()]) if (!d.socket) this.devices.delete(d.id);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  snapshot(type: 'welcome' | 'snapshot', device?: Device) {
    return {
      type,
      device: device ? { id: device.id } : undefined,
      // The page needs the account's JID to write `data-id`s of its own group messages.
      account: { name: this.state.account.name, jid: this.state.account.jid },
      options: this.state.options,
      chats: this.state.ordered().map((c) => this.state.summary(c)),
      /** The chat with the account itself, kept apart: only some generations list it. */
      self: this.state.summary(this.state.self),
    };
  }

  private isOpenSomewhere(chat: string): boolean {
    for (const d of this.devices.values()) if (d.socket && d.visible && d.openChat === chat) return true;
    return false;
  }

  private broadcast(msg: object): void {
    const data = JSON.stringify(msg);
    for (const d of this.devices.values()) if (d.socket?.readyState === 1) d.socket.send(data);
    for (const ws of this.observers) if (ws.readyState === 1) ws.send(data);
  }

  private send(ws: WebSocket | null, msg: object): void {
    if (ws?.readyState === 1) ws.send(JSON.stringify(msg));
  }

  private accept(ws: WebSocket): void {
    let device: Device | null = null;
    ws.on('message', (raw) => {
      let msg: ClientMessage;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return this.send(ws, { type: 'error', message: 'bad JSON' });
      }
      try {
        if (msg.type === 'hello' || msg.type === 'takeover') {
          device = this.hello(ws, msg);
        } else if (msg.type === 'observe') {
          this.observers.add(ws);
          this.send(ws, this.snapshot('welcome'));
        } else if (device && device.socket === ws) {
          this.fromDevice(ws, device, msg);
        } else if (!this.observers.has(ws)) {
          this.send(ws, { type: 'error', message: 'say hello first' });
        }
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.send(ws, { type: 'error', reqId: msg.reqId, message });
      }
    });
    ws.on('close', () => {
      this.observers.delete(ws);
      if (device && device.socket === ws) {
        device.socket = null;
        device.openChat = null;
        device.lastSeen = Date.now();
      }
    });
  }

  private hello(ws: WebSocket, msg: ClientMessage): Device | null {
    const id = typeof msg.deviceId === 'string' && /^[\w-]{4,64}$/.test(msg.deviceId) ? msg.deviceId : null;
    if (!id) {
      this.send(ws, { type: 'error', message: 'hello needs a deviceId' });
      return null;
    }
    let device = this.devices.get(id);
    if (!device) {
      if (this.devices.size >= this.state.options.maxDevices) {
        // Like a fifth companion device: the page stays on the link screen.
        this.send(ws, { type: 'unlinked', reason: 'max-devices' });
        return null;
      }
      device = { id, linkedAt: Date.now(), lastSeen: Date.now(), socket: null, openChat: null, visible: false, session: {} };
      this.devices.set(id, device);
    }
    if (device.socket && device.socket !== ws && device.socket.readyState === 1) {
      if (msg.type !== 'takeover') {
        // A second tab of the same profile: it waits for "Use here".
        this.send(ws, { type: 'conflict' });
        return null;
      }
      this.send(device.socket, { type: 'conflict' });
    }
    device.socket = ws;
    device.lastSeen = Date.now();
    device.openChat = null;
    device.session = typeof msg.session === 'object' && msg.session ? (msg.session as Record<string, string>) : {};
    this.send(ws, this.snapshot('welcome', device));
    return device;
  }

  private fromDevice(ws: WebSocket, device: Device, msg: ClientMessage): void {
    device.lastSeen = Date.now();
    switch (msg.type) {
      case 'open': {
        const chat = this.state.find(msg.chat);
        const limit = Math.min(Math.max(Number(msg.limit) || HISTORY_PAGE, 1), 500);
        const before = typeof msg.before === 'string' ? msg.before : null;
        const page = this.state.history(chat.jid, before, limit);
        this.send(ws, { type: 'history', reqId: msg.reqId, chat: chat.jid, before, ...page });
        return;
      }
      case 'focus': {
        device.openChat = typeof msg.chat === 'string' ? msg.chat : null;
        device.visible = Boolean(msg.visible);
        if (device.openChat && device.visible && this.state.byJid(device.openChat)) this.state.markRead(device.openChat);
        return;
      }
      case 'read':
        this.state.markRead(msg.chat);
        return;
      case 'send': {
        const chat = this.state.find(msg.chat);
        if (typeof msg.text !== 'string' || !msg.text.trim()) throw new SimError(400, 'empty message');
        const id = isWebMessageId(msg.id) ? msg.id : undefined;
        if (id && chat.messages.some((m) => m.id === id)) return; // a retry of a message already sent
        const [min, max] = this.state.options.sendDelayMs;
        const text = msg.text;
        // The bubble appears after a round trip, on every device at once (the sender included).
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            if (this.state.byJid(chat.jid)) this.state.outgoing(chat.jid, { text }, { kind: 'device', deviceId: device.id }, id);
          },
          min + Math.random() * (max - min),
        );
        this.timers.add(timer);
        return;
      }
      default:
        this.send(ws, { type: 'error', reqId: msg.reqId, message: `unknown type ${msg.type}` });
    }
  }
}
