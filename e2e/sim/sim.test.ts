// The simulator's server side over real HTTPS and WSS: the control API tests drive the account
// with, and the sync socket linked devices share it through.
import { request } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSim, simCertificate, type Sim } from './server';

let sim: Sim;
// Trust the committed self-signed certificate instead of turning verification off.
const ca = simCertificate();

interface Reply {
  status: number;
  body: any;
}

function call(method: string, path: string, body?: unknown, raw?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const req = request(
      new URL(path, sim.url),
      { method, ca, headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A linked device (or a test observer) on the sync socket, recording what it receives. */
class Device {
  readonly ws: WebSocket;
  readonly got: any[] = [];
  private waiters: { test: (m: any) => boolean; resolve: (m: any) => void }[] = [];

  constructor() {
    this.ws = new WebSocket(sim.url.replace('https:', 'wss:') + '__sim/ws', { ca });
    this.ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      this.got.push(msg);
      this.waiters = this.waiters.filter((w) => (w.test(msg) ? (w.resolve(msg), false) : true));
    });
  }

  static async linked(deviceId: string): Promise<Device> {
    const d = new Device();
    await new Promise((r) => d.ws.once('open', r));
    d.send({ type: 'hello', deviceId });
    await d.next((m) => m.type === 'welcome' || m.type === 'unlinked' || m.type === 'conflict');
    return d;
  }

  send(msg: object): void {
    this.ws.send(JSON.stringify(msg));
  }

  next(test: (m: any) => boolean, timeout = 3000): Promise<any> {
    const seen = this.got.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a sync message')), timeout);
      this.waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  close(): void {
    this.ws.close();
  }
}

beforeAll(async () => {
  sim = await startSim({ seed: 'default' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.control.unlink();
  await sim.control.reset({ seed: 'default' });
  await sim.control.options({ sendDelayMs: [0, 0], maxDevices: 4 });
});

describe('control API over HTTPS', () => {
  it('serves the page at any path and the control state', async () => {
    const page = await call('GET', '/send?phone=5511999990000');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<div id="app">');
    const { status, body } = await call('GET', '/__sim/state');
    expect(status).toBe(200);
    expect(body.account.jid).toBe('5511900000000@c.us');
    const titles = body.chats.map((c: any) => c.title);
    // The awkward cases of the DOM notes: two "John", an unsaved number, a group.
    expect(titles.filter((t: string) => t === 'John')).toHaveLength(2);
    expect(titles).toContain('+55 11 99999-0000');
    expect(body.chats.find((c: any) => c.title === 'Equipe Vendas').kind).toBe('group');
    // Pinned chats come first.
    expect(body.chats[0].pinnedAt).toBeGreaterThan(0);
  });

  it('creates 1000 chats and new ones by spec', async () => {
    const bulk = await call('POST', '/__sim/chats', { count: 1000 });
    expect(bulk.status).toBe(200);
    expect(bulk.body.chats).toHaveLength(1000);
    const one = await call('POST', '/__sim/chats', { chats: [{ name: 'Nova Cliente', phone: '5511955554444', messages: ['Oi!'] }] });
    expect(one.body.chats[0]).toMatchObject({ jid: '5511955554444@c.us', title: 'Nova Cliente', count: 1 });
    const all = await call('GET', '/__sim/chats');
    expect(all.body).toHaveLength(1012);
  });

  it('injects a customer message, sends from the phone and lists what the account holds', async () => {
    const before = await call('GET', '/__sim/messages?chat=5511987654321@c.us');
    const since = before.body.at(-1).seq;
    const inc = await call('POST', '/__sim/incoming', { chat: 'Ana Souza', text: 'Tem em azul?' });
    expect(inc.status).toBe(200);
    expect(inc.body.dataId).toMatch(/^false_5511987654321@c\.us_[0-9A-F]+$/);
    const out = await call('POST', '/__sim/phone', { chat: '5511987654321@c.us', text: 'Temos sim' });
    expect(out.body.dataId).toBe(`true_5511987654321@c.us_${out.body.id}`);
    const sent = await call('GET', `/__sim/messages?chat=Ana%20Souza&fromMe=true&since=${since}`);
    expect(sent.body.map((m: any) => m.text)).toEqual(['Temos sim']);
    // A group message carries its author; ours carry the account's JID.
    const g = await call('POST', '/__sim/incoming', { chat: 'Equipe Vendas', text: 'Oi', author: 'Carlos Lima' });
    expect(g.body.dataId).toMatch(/^false_120363\d+@g\.us_[0-9A-F]+_5521987651234@c\.us$/);
    expect(g.body.sender).toBe('Carlos Lima');
  });

  it('updates chats, receipts and options', async () => {
    const upd = await call('POST', '/__sim/chats/update', { chat: '5511999990000@c.us', name: 'Cliente Novo', muted: true, unread: 5 });
    expect(upd.body).toMatchObject({ title: 'Cliente Novo', muted: true, unread: 5 });
    await call('POST', '/__sim/options', { autoReadReceipts: false });
    await call('POST', '/__sim/phone', { chat: 'Cliente Novo', text: 'Olá!' });
    const rec = await call('POST', '/__sim/receipt', { chat: 'Cliente Novo', ack: 'delivered' });
    expect(rec.body.ids).toHaveLength(1);
    const opts = await call('POST', '/__sim/options', { bareIds: true, sendDelayMs: 10 });
    expect(opts.body).toMatchObject({ bareIds: true, sendDelayMs: [10, 10] });
    expect((await call('GET', '/__sim/options')).body.bareIds).toBe(true);
  });

  it('answers bad input with a clear 4xx', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['POST', '/__sim/incoming', { chat: 'Ana Souza' }, 400, /text/],
      ['POST', '/__sim/incoming', { text: 'hi' }, 400, /chat/],
      ['POST', '/__sim/incoming', { chat: 'John', text: 'hi' }, 409, /ambiguous/],
      ['POST', '/__sim/incoming', { chat: 'Nobody', text: 'hi' }, 404, /no chat/],
      ['POST', '/__sim/chats', { count: -1 }, 400, /count/],
      ['POST', '/__sim/chats', { chats: [{ phone: 'abc' }] }, 400, /phone/],
      ['POST', '/__sim/chats', { chats: 'x' }, 400, /array/],
      ['POST', '/__sim/options', { sendDelayMs: 'soon' }, 400, /sendDelayMs/],
      ['POST', '/__sim/receipt', { chat: 'Ana Souza', ack: 'seen' }, 400, /ack/],
      ['POST', '/__sim/reset', { seed: 'huge' }, 400, /seed/],
      ['POST', '/__sim/incoming', { chat: 'Ana Souza', kind: 'gif' }, 400, /kind/],
      ['POST', '/__sim/incoming', { chat: 'Ana Souza', kind: 'sticker', text: 'hi' }, 400, /caption/],
      ['POST', '/__sim/incoming', { chat: 'Ana Souza', kind: 'voice', seconds: 0 }, 400, /seconds/],
      ['POST', '/__sim/incoming', { chat: 'self', text: 'hi' }, 400, /self chat/],
      ['POST', '/__sim/phone', { chat: 'Ana Souza', kind: 'document', fileName: '' }, 400, /fileName/],
      ['POST', '/__sim/chats', { chats: [{ name: 'A', avatar: 'yes' }] }, 400, /avatar/],
      ['POST', '/__sim/chats', { chats: [{ name: 'A', messages: [{ kind: 'video' }] }] }, 400, /kind/],
      ['POST', '/__sim/chats', { chats: [{ name: 'A', messages: [{ text: 'x', id: 'not-hex' }] }] }, 400, /id/],
      ['POST', '/__sim/chats/update', { chat: 'Ana Souza', avatar: 'new' }, 400, /avatar/],
      ['POST', '/__sim/chats/update', { chat: 'self', name: 'Outra' }, 400, /self chat/],
      ['GET', '/__sim/messages?limit=many', undefined, 400, /limit/],
      ['GET', '/__sim/nothing', undefined, 404, /no route/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const r = await call(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(r.body.error, `${method} ${path}`).toMatch(message);
    }
    const bad = await call('POST', '/__sim/incoming', undefined, '{not json');
    expect(bad).toEqual({ status: 400, body: { error: 'body must be a JSON object' } });
  });
});

/** GETs a photo URL from the simulator's own origin, as the page loads it. */
const photo = (url: string) => call('GET', url.replace('https://pps.whatsapp.net', ''));
const PHOTO_URL = /^https:\/\/pps\.whatsapp\.net\/v\/t61\.24694-24\/\d+_\d+_n\.jpg\?ccb=11-4&oh=01_Q5Aa[\w-]+&oe=[0-9A-F]+$/;
const photoPath = (url: string) => new URL(url).pathname;

describe('control API: media, photos, the self chat, twins', () => {
  it('creates media messages of every kind; /messages says which kind; new ids have the 2026 shape', async () => {
    const image = await call('POST', '/__sim/incoming', { chat: 'Ana Souza', kind: 'image', text: 'Essa aqui' });
    expect(image.status).toBe(200);
    expect(image.body).toMatchObject({ kind: 'image', text: 'Essa aqui', fromMe: false });
    // Incoming ids: 20 characters starting 3A; outgoing: 32 starting A5 (whatsapp-dom.md).
    expect(image.body.id).toMatch(/^3A[0-9A-F]{18}$/);
    const voice = await call('POST', '/__sim/incoming', { chat: 'Ana Souza', kind: 'voice', seconds: 12 });
    expect(voice.body).toMatchObject({ kind: 'voice', text: '', media: { seconds: 12 } });
    const sticker = await call('POST', '/__sim/incoming', { chat: 'Equipe Vendas', kind: 'sticker', author: 'Carlos Lima' });
    expect(sticker.body).toMatchObject({ kind: 'sticker', sender: 'Carlos Lima' });
    const doc = await call('POST', '/__sim/phone', { chat: 'Ana Souza', kind: 'document', fileName: 'Pedido 4471.pdf', pages: 3 });
    expect(doc.body).toMatchObject({ kind: 'document', fromMe: true, media: { fileName: 'Pedido 4471.pdf', pages: 3 } });
    expect(doc.body.id).toMatch(/^A5[0-9A-F]{30}$/);
    const text = await call('POST', '/__sim/phone', { chat: 'Ana Souza', text: 'Segue o pedido' });
    expect(text.body).toMatchObject({ kind: 'text', media: null });
    // 2024/2026 pages print the full form, whatever the id's shape.
    expect(text.body.dataId).toBe(`true_5511987654321@c.us_${text.body.id}`);
    const held = await call('GET', '/__sim/messages?chat=Ana%20Souza&limit=5');
    expect(held.body.slice(-4).map((m: any) => m.kind)).toEqual(['image', 'voice', 'document', 'text']);
    // Media in a chat spec too; a bad one creates nothing.
    const made = await call('POST', '/__sim/chats', {
      chats: [{ name: 'Cliente Foto', phone: '5511955550001', avatar: true, messages: [{ kind: 'image' }, { kind: 'voice', seconds: 3, fromMe: true }, 'Oi'] }],
    });
    expect(made.body.chats[0].last).toMatchObject({ kind: 'text', text: 'Oi' });
    const its = await call('GET', '/__sim/messages?chat=Cliente%20Foto');
    expect(its.body.map((m: any) => [m.kind, m.fromMe])).toEqual([['image', false], ['voice', true], ['text', false]]);
    const before = (await call('GET', '/__sim/chats')).body.length;
    await call('POST', '/__sim/chats', { chats: [{ name: 'Ok' }, { name: 'Bad', messages: [{ kind: 'gif' }] }] });
    expect((await call('GET', '/__sim/chats')).body.length).toBe(before);
  });

  it('hands out signed photo URLs: the path is stable, the query changes on reset, old URLs are refused', async () => {
    const chats = (await call('GET', '/__sim/chats')).body;
    const ana = chats.find((c: any) => c.title === 'Ana Souza');
    expect(ana.avatar).toMatch(PHOTO_URL);
    expect(chats.find((c: any) => c.title === '+55 11 99999-0000').avatar).toBeNull();
    const johns = chats.filter((c: any) => c.title === 'John');
    expect(johns.map((c: any) => c.avatar === null).sort()).toEqual([false, true]);
    expect(chats.find((c: any) => c.title === 'Equipe Vendas').avatar).toMatch(PHOTO_URL);

    const ok = await photo(ana.avatar);
    expect(ok.status).toBe(200);
    expect(String(ok.body)).toContain('<svg');
    const tampered = await photo(ana.avatar.replace(/oh=01_Q5Aa./, 'oh=01_Q5AaX'));
    expect(tampered).toEqual({ status: 403, body: 'URL signature mismatch' });

    await call('POST', '/__sim/reset', { seed: 'default' });
    const again = (await call('GET', '/__sim/chats')).body.find((c: any) => c.title === 'Ana Souza');
    expect(photoPath(again.avatar)).toBe(photoPath(ana.avatar));
    expect(again.avatar).not.toBe(ana.avatar);
    expect((await photo(ana.avatar)).status).toBe(403);
    expect((await photo(again.avatar)).status).toBe(200);

    // A new photo is a new path; none is the default icon.
    const changed = await call('POST', '/__sim/chats/update', { chat: 'Ana Souza', avatar: true });
    expect(photoPath(changed.body.avatar)).not.toBe(photoPath(again.avatar));
    expect((await call('POST', '/__sim/chats/update', { chat: 'Ana Souza', avatar: false })).body.avatar).toBeNull();
  });

  it('keeps the chat with the account itself apart from the chat list', async () => {
    const state = (await call('GET', '/__sim/state')).body;
    expect(state.self).toMatchObject({ self: true, jid: '5511900000000@c.us', title: 'Loja Exemplo', formattedPhone: '+55 11 90000-0000' });
    expect(state.self.avatar).toMatch(PHOTO_URL);
    expect(state.self.last).toMatchObject({ fromMe: true, kind: 'text' });
    expect(state.chats.some((c: any) => c.self || c.jid === state.self.jid)).toBe(false);
    const note = await call('POST', '/__sim/phone', { chat: 'self', text: 'Ligar para o fornecedor' });
    expect(note.body).toMatchObject({ fromMe: true, ack: 3, chat: '5511900000000@c.us' });
    const notes = await call('GET', '/__sim/messages?chat=self');
    expect(notes.body.at(-1).text).toBe('Ligar para o fornecedor');
    expect(notes.body.every((m: any) => m.fromMe)).toBe(true);
  });

  it('seed "twins": a second pair of same-named contacts, with every media kind in their histories', async () => {
    const reset = await call('POST', '/__sim/reset', { seed: 'twins' });
    const twins = reset.body.chats.filter((c: any) => c.title === 'Mariana Costa');
    expect(twins.map((c: any) => c.phone).sort()).toEqual(['5511976540001', '5521976540002']);
    expect(twins.map((c: any) => c.avatar !== null).sort()).toEqual([false, true]);
    expect(reset.body.chats.filter((c: any) => c.title === 'John')).toHaveLength(2);
    expect((await call('POST', '/__sim/incoming', { chat: 'Mariana Costa', text: 'oi' })).status).toBe(409);
    const kinds = new Set<string>();
    for (const c of twins) for (const m of (await call('GET', `/__sim/messages?chat=${encodeURIComponent(c.jid)}`)).body) kinds.add(m.kind);
    expect([...kinds].sort()).toEqual(['document', 'image', 'sticker', 'text', 'voice']);
    // One older Web-style id among the 2026-shaped ones.
    const first = (await call('GET', '/__sim/messages?chat=5511976540001@c.us&fromMe=true')).body.map((m: any) => m.id);
    expect(first).toContain('3EB0C1D2E3F4A5B6C7D8');
    expect(first.filter((id: string) => /^A5[0-9A-F]{30}$/.test(id)).length).toBe(first.length - 1);
  });
});

describe('sync socket: linked devices share the account', () => {
  it('a customer message reaches both devices; a send from one reaches the other with the same true_ id', async () => {
    const a = await Device.linked('device-a');
    const b = await Device.linked('device-b');
    try {
      expect(a.got[0].type).toBe('welcome');
      expect(a.got[0].chats.length).toBe(11);
      expect(a.got[0].self).toMatchObject({ self: true, title: 'Loja Exemplo' });

      await sim.control.incoming({ chat: 'Ana Souza', text: 'Chegou?' });
      const [ma, mb] = await Promise.all([a.next((m) => m.type === 'message'), b.next((m) => m.type === 'message')]);
      expect(ma.message.dataId).toBe(mb.message.dataId);
      expect(ma.message).toMatchObject({ fromMe: false, text: 'Chegou?' });

      const id = '3EB0AAAABBBBCCCCDDDD';
      a.send({ type: 'send', chat: '5511987654321@c.us', text: 'Chegou sim', id });
      const isOurs = (m: any) => m.type === 'message' && m.message.fromMe;
      const [sa, sb] = await Promise.all([a.next(isOurs), b.next(isOurs)]);
      expect(sa.message.dataId).toBe(`true_5511987654321@c.us_${id}`);
      expect(sb.message.dataId).toBe(sa.message.dataId);
      // WhatsApp shows it as the account's; only the simulator knows which device sent it.
      const held = await sim.control.messages({ chat: 'Ana Souza', fromMe: true, limit: 1 });
      expect(held[0]).toMatchObject({ id, origin: { kind: 'device', deviceId: 'device-a' } });
      // A retry with the same id is not a second message.
      a.send({ type: 'send', chat: '5511987654321@c.us', text: 'Chegou sim', id });
      await new Promise((r) => setTimeout(r, 50));
      expect((await sim.control.messages({ chat: 'Ana Souza', fromMe: true })).filter((m) => m.id === id)).toHaveLength(1);

      // History for a chat opened on a device.
      a.send({ type: 'open', chat: 'Ana Souza', limit: 2, reqId: 'h1' });
      const hist = await a.next((m) => m.type === 'history' && m.reqId === 'h1');
      expect(hist.messages.map((m: any) => m.text)).toEqual(['Chegou?', 'Chegou sim']);
      expect(hist.hasMore).toBe(true);
      expect((await sim.control.devices()).map((d) => d.id).sort()).toEqual(['device-a', 'device-b']);
    } finally {
      a.close();
      b.close();
    }
  });

  it('says why it rejects a device: no hello, bad JSON, a fifth device, a second tab', async () => {
    const raw = new Device();
    await new Promise((r) => raw.ws.once('open', r));
    raw.send({ type: 'send', chat: 'Ana Souza', text: 'x' });
    expect((await raw.next((m) => m.type === 'error')).message).toMatch(/hello/);
    raw.ws.send('{oops');
    expect((await raw.next((m) => m.type === 'error' && /JSON/.test(m.message))).message).toBe('bad JSON');
    raw.close();

    await sim.control.options({ maxDevices: 2 });
    const one = await Device.linked('dev-one');
    const two = await Device.linked('dev-two');
    const three = await Device.linked('dev-three');
    expect(three.got[0]).toEqual({ type: 'unlinked', reason: 'max-devices' });
    const tab2 = await Device.linked('dev-one');
    expect(tab2.got[0].type).toBe('conflict');
    one.send({ type: 'send', chat: 'Ana Souza', text: '   ', reqId: 's1' });
    expect((await one.next((m) => m.type === 'error' && m.reqId === 's1')).message).toMatch(/empty/);
    for (const d of [one, two, three, tab2]) d.close();
  });
});
