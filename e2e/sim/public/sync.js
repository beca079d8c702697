// The page's link to the account: one WebSocket to the simulator (standing in for WhatsApp's
// servers). Each browser profile is one linked device, identified by an id kept in localStorage.
import { GEN } from './gen.js';
import { params } from './params.js';

const KEY = 'WASimDeviceId';

function deviceId() {
  try {
    let id = localStorage.getItem(KEY);
    if (!id) {
      id = `dev-${crypto.randomUUID()}`;
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    return `dev-${crypto.randomUUID()}`;
  }
}

/**
 * connect(onMessage) → { send(msg), request(msg) → Promise<reply>, takeover(), connected }.
 * Reconnects with back-off; every (re)connection says hello and gets a full snapshot.
 */
export function connect(onMessage, onStatus) {
  const id = deviceId();
  let ws = null;
  let retry = 0;
  let reqSeq = 0;
  let takeover = false;
  let stopped = false;
  const pending = new Map();
  const link = { connected: false, send, request, takeover: useHere, stop, hello };

  function open() {
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/__sim/ws`;
    ws = new WebSocket(url);
    ws.onopen = () => {
      retry = 0;
      ws.send(JSON.stringify({ type: takeover ? 'takeover' : 'hello', deviceId: id, session: { ...params, ua: navigator.userAgent } }));
      takeover = false;
    };
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.type === 'welcome') {
        link.connected = true;
        onStatus(true);
      }
      if (msg.reqId && pending.has(msg.reqId)) {
        const p = pending.get(msg.reqId);
        pending.delete(msg.reqId);
        if (msg.type === 'error') p.reject(new Error(msg.message));
        else p.resolve(msg);
        return;
      }
      onMessage(msg);
    };
    ws.onclose = () => {
      const was = link.connected;
      link.connected = false;
      if (was) onStatus(false);
      for (const p of pending.values()) p.reject(new Error('disconnected'));
      pending.clear();
      if (stopped) return;
      retry = Math.min(retry + 1, 6);
      setTimeout(open, 250 * 2 ** retry);
    };
  }

  function send(msg) {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  }

  function request(msg) {
    const reqId = `r${++reqSeq}`;
    return new Promise((resolve, reject) => {
      pending.set(reqId, { resolve, reject });
      send({ ...msg, reqId });
    });
  }

  /** "Use here": take this profile's session from the other tab. */
  function useHere() {
    takeover = true;
    stopped = false;
    if (ws?.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'takeover', deviceId: id, session: { ...params } }));
      takeover = false;
    } else open();
  }

  /** Say hello again (the link screen retries, as if the QR code had been scanned). */
  function hello() {
    send({ type: 'hello', deviceId: id, session: { ...params } });
  }

  /** Stop reconnecting (this tab lost its session to another one). */
  function stop() {
    stopped = true;
    ws?.close();
  }

  open();
  return link;
}

const hexBytes = (n) => [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();

/**
 * A fresh id for a message this page sends: Web-style 3EB0 + 16 hex digits, or on the 2026b page
 * the 32-character A5 shape one catalog noticed (whatsapp-dom.md, "The 2026 generation").
 */
export function newMessageId() {
  return GEN.outgoingIds === 'A5' ? `A5${hexBytes(15)}` : `3EB0${hexBytes(8)}`;
}
