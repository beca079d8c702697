// The simulator in a real browser, as https://web.whatsapp.com: a 1000-chat virtualised list,
// typing into the Lexical-like compose box, and two linked devices (two browser contexts)
// seeing the same message with the same data-id; then the 2026b page checked against the
// landmarks whatsapp-dom.md measured April to August 2026. Screenshots go to /tmp/sim-<gen>.png.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, INSTALL_HINT } from '../harness/chromium';
import { conversationRows, listRows, type ConversationRow } from './page-facts';
import { startSim, type Sim } from './server';

if (!HAVE_CHROMIUM) console.warn(`\n*** SKIPPING the simulator browser test: ${INSTALL_HINT} ***\n`);

const ROW = { 2024: 'listitem', 2026: 'row' } as const;
const SEND = { 2024: 'button [data-icon="send"]', 2026: '[role="button"] [data-icon="wds-ic-send-filled"]' } as const;
const COMPOSE = 'footer [contenteditable="true"][role="textbox"][data-lexical-editor="true"]';

let sim: Sim;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function device(query: string): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(`https://web.whatsapp.com/${query}`);
  // Ana Souza is pinned: her row is on screen in every layout once the account has synced.
  await page.getByText('Ana Souza').first().waitFor({ timeout: 15_000 });
  return page;
}

/** Opens a chat by the title in its row (scrolling the list to the top first). */
async function openChat(page: Page, title: string): Promise<void> {
  await page.evaluate(() => (document.querySelector('#pane-side')!.scrollTop = 0));
  await page.locator(`#pane-side span[title="${title}"]`).first().click();
  await expect.poll(() => page.locator('#main header').innerText()).toContain(title);
}

/** Waits until the chat list has stopped scrolling (wheel scrolling is animated). */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const el = document.querySelector('#pane-side')!;
        let last = -1;
        let still = 0;
        const tick = () => {
          still = el.scrollTop === last ? still + 1 : 0;
          last = el.scrollTop;
          if (still >= 10) resolve();
          else requestAnimationFrame(tick);
        };
        tick();
      }),
  );

/** Rows as the DOM holds them: title, and position read from translateY. */
const readRows = (page: Page, role: string) =>
  page.$$eval(`#pane-side [role="grid"] > [role="${role}"]`, (rows) =>
    rows.map((r) => ({
      y: Number(/translateY\((\d+)px\)/.exec((r as HTMLElement).style.transform)?.[1] ?? -1),
      title: r.querySelector('span[title]')?.getAttribute('title') ?? '',
    })),
  );

describe.skipIf(!HAVE_CHROMIUM)('the simulator in Chromium', () => {
  beforeAll(async () => {
    sim = await startSim({ seed: 'default' });
    await sim.control.createChats({ count: 1000 });
    // Every browser context is a new linked device; WhatsApp's limit of 4 would stop the 5th.
    await sim.control.options({ maxDevices: 16 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--ignore-certificate-errors',
        `--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:${sim.port}`,
      ],
    });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await sim?.close();
  });

  for (const gen of ['2024', '2026'] as const) {
    it(`gen ${gen}: virtual list, compose box, and a reply seen by a second linked device`, async () => {
      const role = ROW[gen];
      const a = await device(`?gen=${gen}`);
      const b = await device(`?gen=${gen}&lang=pt`);
      await a.waitForSelector(`#pane-side [role="grid"] > [role="${role}"] span[title]`);
      expect(await a.getAttribute('#pane-side [role="grid"]', 'aria-rowcount')).toBe('1011');

      // Scroll mid-way in wheel steps, like a person: the row pool stays bounded and recycled.
      const first = await readRows(a, role);
      await a.locator('#pane-side').hover();
      for (let i = 0; i < 40; i++) await a.mouse.wheel(0, 900);
      await settle(a);
      expect(Math.min(...(await readRows(a, role)).map((r) => r.y))).toBeGreaterThan(25_000);
      const mid = await readRows(a, role);
      expect(mid.length).toBeLessThanOrEqual(30);
      expect(mid.length).toBeLessThanOrEqual(first.length + 6);
      const ys = mid.map((r) => r.y);
      expect(ys).not.toEqual([...ys].sort((x, y) => x - y)); // DOM order is not list order
      expect(await a.locator(`#pane-side [role="${role}"]`).count()).toBe(mid.length);

      // Clicking a recycled row opens the chat it shows now.
      const target = mid.sort((x, y) => x.y - y.y)[5]!;
      await a.locator(`#pane-side [role="${role}"]`, { has: a.locator(`span[title="${target.title}"]`) }).first().click();
      await expect.poll(() => a.locator('#main header').innerText()).toContain(target.title);
      expect(await a.locator('#pane-side [aria-selected="true"]').count()).toBe(1);

      // A customer writes: the chat moves to the top on both devices.
      const chat = '5511999990000@c.us';
      await sim.control.incoming({ chat, text: `Oi, ainda tem? (${gen})` });
      await openChat(a, '+55 11 99999-0000');
      await openChat(b, '+55 11 99999-0000');
      for (const p of [a, b]) await p.locator('#main [data-id^="false_5511999990000@c.us_"]', { hasText: `Oi, ainda tem? (${gen})` }).waitFor();

      // Type and press Enter on device A; device B shows it with the same data-id.
      const reply = `Temos sim, pode vir (${gen})`;
      await a.locator(COMPOSE).click();
      await a.keyboard.type(reply);
      await a.locator(SEND[gen]).waitFor();
      await a.keyboard.press('Enter');
      const mine = a.locator('#main [data-id^="true_5511999990000@c.us_"]', { hasText: reply });
      await mine.waitFor();
      const dataId = (await mine.getAttribute('data-id'))!;
      await b.locator(`#main [data-id="${dataId}"]`, { hasText: reply }).waitFor();
      const held = await sim.control.messages({ chat, fromMe: true, limit: 1 });
      expect(held[0]).toMatchObject({ text: reply, dataId });
      expect(await a.locator(COMPOSE).textContent()).toBe(''); // cleared after sending
      // Each generation's own landmark for the bubble, and not the other's.
      const landmark = { 2024: '#main .message-out', 2026: `#main [data-testid="conv-msg-${dataId}"]` };
      const other = gen === '2024' ? '2026' : '2024';
      expect(await a.locator(landmark[gen], { hasText: reply }).count()).toBe(1);
      expect(await a.locator(landmark[other], { hasText: reply }).count()).toBe(0);
      expect(await a.locator('#main .copyable-text[data-pre-plain-text]', { hasText: reply }).getAttribute('data-pre-plain-text')).toMatch(
        /^\[\d\d:\d\d, \d{1,2}\/\d{1,2}\/\d{4}\] Loja Exemplo: $/,
      );

      // Shift+Enter is a line break; execCommand('insertText') reaches the editor too.
      await a.keyboard.type('linha 1');
      await a.keyboard.press('Shift+Enter');
      await a.keyboard.type('linha 2');
      await a.keyboard.press('Enter');
      await expect.poll(async () => (await sim.control.messages({ chat, fromMe: true, limit: 1 }))[0]!.text).toBe('linha 1\nlinha 2');
      await a.evaluate(([sel, text]) => {
        (document.querySelector(sel) as HTMLElement).focus();
        document.execCommand('insertText', false, text);
      }, [COMPOSE, `via execCommand (${gen})`] as const);
      await a.locator(SEND[gen]).click();
      await expect.poll(async () => (await sim.control.messages({ chat, fromMe: true, limit: 1 }))[0]!.text).toBe(`via execCommand (${gen})`);
      await b.locator('#main [data-id^="true_"]', { hasText: `via execCommand (${gen})` }).waitFor();

      // Writing the DOM directly is not typing: the editor reverts it and nothing is sent.
      const count = (await sim.control.messages({ chat })).length;
      await a.evaluate((sel) => {
        const el = document.querySelector(sel) as HTMLElement;
        el.focus();
        el.textContent = 'x';
      }, COMPOSE);
      await a.waitForTimeout(100);
      expect(await a.locator(COMPOSE).textContent()).toBe('');
      expect(await a.locator(SEND[gen]).count()).toBe(0);
      await a.keyboard.press('Enter');
      await a.waitForTimeout(300);
      expect((await sim.control.messages({ chat })).length).toBe(count);

      await a.screenshot({ path: `/tmp/sim-${gen}.png` });
      await b.screenshot({ path: `/tmp/sim-${gen}-pt.png` });
    });
  }

  it('?layout=nolist: a list a person can use but no known landmark matches', async () => {
    const p = await device('?gen=2026&layout=nolist');
    await p.getByText('Equipe Vendas').first().waitFor();
    expect(await p.locator('#pane-side, [role="grid"], [role="row"], [role="listitem"], [data-testid="chat-list"]').count()).toBe(0);
    await p.getByText('Equipe Vendas').first().click();
    await p.locator('#main [data-id]').first().waitFor();
  });

  it('?bare=1: data-id is the bare message id, no JID anywhere', async () => {
    const p = await device('?gen=2026&bare=1');
    await openChat(p, 'Equipe Vendas');
    const ids = await p.$$eval('#main [data-id]', (els) => els.map((e) => e.getAttribute('data-id')!));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{16,32}$/);
    expect(await p.content()).not.toMatch(/@(c\.us|g\.us|lid)/);
  });

  // ---- gen=2026b: the page as measured April to August 2026 (whatsapp-dom.md) -----------------

  const LRE = '\u202A';
  const PDF = '\u202C';
  const UNSAVED = `${LRE}+55 11 99999-0000${PDF}`;
  const ACKS = { en: [' Pending ', ' Sent ', ' Delivered ', ' Read '], pt: [' Pendente ', ' Enviada ', ' Entregue ', ' Lida '] };
  const out = (n: number) => `A55E1F${String(n).padStart(26, '0')}`;
  const inc = (n: number) => `3A5E1F${String(n).padStart(14, '0')}`;
  const DAY = 24 * 60;
  /** A 1:1 chat whose history has runs in both directions, a day break and every media kind. */
  const RUNS_CHAT = {
    name: 'Run Check',
    phone: '5511944443333',
    avatar: true,
    messages: [
      { id: inc(1), text: 'Oi, bom dia', minutesAgo: 2 * DAY + 30 },
      { id: inc(2), text: 'Vocês fazem entrega?', minutesAgo: 2 * DAY + 29 },
      { id: out(1), text: 'Bom dia! Fazemos sim', fromMe: true, minutesAgo: 2 * DAY + 20 },
      { id: out(2), text: 'Qual o seu CEP?', fromMe: true, minutesAgo: 2 * DAY + 19 },
      { id: out(3), text: 'Conseguiu ver o CEP?', fromMe: true, minutesAgo: 30 },
      { id: inc(3), text: 'Sim: 01310-100', minutesAgo: 25 },
      { id: inc(4), kind: 'image' as const, text: 'A fachada', minutesAgo: 24 },
      { id: inc(5), kind: 'voice' as const, seconds: 9, minutesAgo: 23 },
      { id: out(4), kind: 'document' as const, fileName: 'Tabela de frete.pdf', pages: 2, fromMe: true, minutesAgo: 20 },
      { id: out(5), kind: 'image' as const, fromMe: true, minutesAgo: 19 },
      { id: out(6), text: 'Entregamos aí amanhã', fromMe: true, minutesAgo: 18 },
      { id: out(7), text: 'O frete custa R$ 12', fromMe: true, minutesAgo: 17 },
      { id: out(8), text: 'Pode ser de manhã?', fromMe: true, minutesAgo: 16 },
      { id: out(9), kind: 'voice' as const, seconds: 4, fromMe: true, minutesAgo: 15 },
      { id: out(10), text: 'Ou à tarde', fromMe: true, minutesAgo: 14 },
      { id: out(11), text: 'Como preferir', fromMe: true, minutesAgo: 13 },
      { id: inc(6), kind: 'sticker' as const, minutesAgo: 12 },
      { id: inc(7), text: 'De manhã, por favor', minutesAgo: 11 },
      { id: inc(8), kind: 'document' as const, fileName: 'comprovante.pdf', minutesAgo: 10 },
      { id: inc(9), text: 'Obrigado!', minutesAgo: 9 },
    ],
  };

  it('gen 2026b: the chat list is the grid, ~70 recycled rows, a self row on top, bidi titles, photos', async () => {
    await sim.control.updateChat({ chat: '5511999990000@c.us', unread: 3 });
    const lastText = (await sim.control.chats()).find((c) => c.jid === '5511999990000@c.us')!.last!.text;
    const p = await device('?gen=2026b');
    await p.waitForSelector('#pane-side [data-testid="cell-frame-container"]');
    // #pane-side, [data-testid="chat-list"] and [role="grid"] are one node; aria-rowcount counts
    // every row of the grid (the 1011 chats and the self row).
    expect(await p.evaluate(() => {
      const pane = document.querySelector('#pane-side');
      return pane === document.querySelector('[data-testid="chat-list"]') && pane === document.querySelector('[role="grid"]');
    })).toBe(true);
    expect(await p.getAttribute('#pane-side', 'aria-rowcount')).toBe('1012');
    expect(await p.locator('[role="listitem"]').count()).toBe(0);

    // The self row: on top, a [role=row] with no cell frame, "<account> (You)" in a span[title].
    const top = await listRows(p);
    const self = top.find((r) => r.testid === 'message-yourself-row')!;
    expect(self).toMatchObject({ y: 0, isCellFrame: false, hasCellFrameInside: false, title: 'Loja Exemplo (You)' });
    // Chat rows are the cell frame, with about three gridcells; the title is wrapped in bidi marks
    // for an unsaved number, in the attribute and in the text.
    const chats = top.filter((r) => r.testid !== 'message-yourself-row');
    for (const r of chats) expect(r).toMatchObject({ isCellFrame: true, gridcells: 3 });
    const unsaved = p.locator(`#pane-side [data-testid="cell-frame-title"] span[title="${UNSAVED}"]`);
    expect(await unsaved.textContent()).toBe(UNSAVED);
    const unsavedRow = p.locator('#pane-side [role="row"]', { has: p.locator(`span[title="${UNSAVED}"]`) });
    expect(await unsavedRow.locator('[data-testid="icon-unread-count"]').getAttribute('aria-label')).toBe('3 unread messages');
    expect(await unsavedRow.locator('[data-testid="last-msg-status"]').getAttribute('title')).toBe(lastText);
    // Carlos Lima: muted, pinned, last message ours and read; no test id on the row time.
    const carlos = p.locator('#pane-side [role="row"]', { has: p.locator('span[title="Carlos Lima"]') });
    expect(await carlos.locator('[data-testid="mute-notifications-refreshed"]').count()).toBe(1);
    expect(await carlos.locator('[data-testid="last-msg-status"] svg title').textContent()).toBe('wds-ic-read');
    expect(await p.locator('#pane-side [data-testid="cell-frame-primary-detail"], #pane-side [data-testid="cell-frame-secondary"], #pane-side [data-icon="wds-ic-muted"], #pane-side [data-icon="pinned2"]').count()).toBe(0);
    // Photos: an <img> of the pps path (loaded from the page's own origin), or the default icon.
    const photos = await p.$$eval('#pane-side img', (imgs) => imgs.map((i) => ({ src: i.getAttribute('src')!, loaded: (i as HTMLImageElement).naturalWidth > 0 })));
    expect(photos.length).toBeGreaterThan(5);
    for (const ph of photos) expect(ph.src).toMatch(/^\/v\/t61\.24694-24\/\d+_\d+_n\.jpg\?ccb=11-4&oh=01_Q5Aa[\w-]+&oe=[0-9A-F]+$/);
    await expect.poll(() => p.$$eval('#pane-side img', (imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
    expect(await unsavedRow.locator('[data-icon="default-contact-refreshed"]').count()).toBe(1);

    // Mid-list: about 70 rows, recycled, DOM order not list order.
    await p.locator('#pane-side').hover();
    for (let i = 0; i < 40; i++) await p.mouse.wheel(0, 900);
    await settle(p);
    const mid = await listRows(p);
    expect(Math.min(...mid.map((r) => r.y))).toBeGreaterThan(20_000);
    expect(mid.length).toBeGreaterThanOrEqual(60);
    expect(mid.length).toBeLessThanOrEqual(80);
    const ys = mid.map((r) => r.y);
    expect(ys).not.toEqual([...ys].sort((x, y) => x - y));
    // The selected row (no public hook is confirmed): the grid's one tabindex="0" row, no aria-selected.
    const target = mid.sort((x, y) => x.y - y.y)[35]!;
    await p.locator('#pane-side [role="row"]', { has: p.locator(`span[title="${target.title}"]`) }).first().click();
    await expect.poll(() => p.locator('#main header').innerText()).toContain(target.title);
    expect(await p.locator('#pane-side [role="row"][tabindex="0"]').count()).toBe(1);
    expect(await p.locator('#pane-side [aria-selected]').count()).toBe(0);
  });

  it('gen 2026b: bubbles with bare ids, tails on the first of a run, "You:" on most outgoing, media without meta', async () => {
    await sim.control.createChats({ chats: [RUNS_CHAT] });
    const p = await device('?gen=2026b');
    await openChat(p, 'Run Check');
    await p.locator('#main [data-id]').first().waitFor();
    expect(await p.locator('#main header[data-testid="conversation-header"] [data-testid="conversation-info-header-chat-title"] span[dir="auto"][title="Run Check"]').count()).toBe(1);
    expect(await p.locator('#main header img').getAttribute('src')).toMatch(/^\/v\/t61\.24694-24\//);

    const held = new Map((await sim.control.messages({ chat: 'Run Check' })).map((m) => [m.id, m]));
    const rows = await conversationRows(p, 'You:', ACKS.en);
    const bubbles = rows.filter((r): r is Extract<ConversationRow, { sep: false }> => !r.sep);
    expect(bubbles.map((b) => b.id)).toEqual([...held.keys()]);
    // No JID anywhere: the bare id, the same node as conv-msg-<id>, msg-container nested inside.
    expect(await p.content()).not.toMatch(/@(c\.us|g\.us|lid|s\.whatsapp\.net)|true_|false_/);
    expect(await p.locator('#main [data-id], #main [data-testid="msg-container"]').count()).toBe(2 * bubbles.length);
    for (const b of bubbles) {
      const m = held.get(b.id)!;
      expect(b, b.id).toMatchObject({ sameNode: true, containers: 1, directionClass: false, statusIcon: false });
      expect(b.id).toMatch(m.fromMe ? /^A5[0-9A-F]{30}$/ : /^3A[0-9A-F]{18}$/);
      // Every bubble has its time; only outgoing ones have a delivery status.
      expect(b.time, b.id).toMatch(/^\d\d:\d\d$/);
      expect(b.ack, b.id).toBe(m.fromMe ? ' Read ' : null);
      // data-pre-plain-text only on text, naming the account (never "You") on ours.
      const meta = m.kind !== 'text' ? null : `${m.fromMe ? 'Loja Exemplo' : 'Run Check'}: `;
      expect(b.prePlainText?.replace(/^\[\d\d:\d\d, [\d/]+\] /, '') ?? null, b.id).toBe(meta);
      expect(b.prePlainText ?? '', b.id).toMatch(meta ? /^\[\d\d:\d\d, \d{1,2}\/\d{1,2}\/\d{4}\] / : /^$/);
      // "You:" only ever on outgoing text bubbles.
      expect(b.you && !(m.fromMe && m.kind === 'text'), b.id).toBe(false);
    }
    const outText = bubbles.filter((b) => held.get(b.id)!.fromMe && held.get(b.id)!.kind === 'text');
    expect(outText.some((b) => b.you)).toBe(true);
    expect(outText.some((b) => !b.you)).toBe(true);

    // Tails: exactly on the first bubble of each run; a run ends where the direction changes or a
    // separator (day, unread) stands. Stickers float without a tail.
    let prev: boolean | null = null;
    let untailedIn = 0;
    let untailedOut = 0;
    for (const r of rows) {
      if (r.sep) {
        prev = null;
        continue;
      }
      const m = held.get(r.id)!;
      const first = prev !== m.fromMe;
      prev = m.fromMe;
      expect(r.tail, r.id).toBe(first && m.kind !== 'sticker' ? (m.fromMe ? 'out' : 'in') : null);
      if (!first && m.fromMe) untailedOut++;
      if (!first && !m.fromMe) untailedIn++;
    }
    expect(untailedIn).toBeGreaterThan(0);
    expect(untailedOut).toBeGreaterThan(0);
    expect(rows.filter((r) => r.sep).length).toBeGreaterThanOrEqual(2); // two days at least

    // The header opens the contact drawer; its number is under section-about-and-phone-number.
    await p.locator('#main header [data-testid="conversation-info-header-chat-title"]').click();
    const info = p.locator('[data-testid="drawer-right"] [data-testid="section-about-and-phone-number"]');
    expect(await info.innerText()).toContain(`${LRE}+55 11 94444-3333${PDF}`);
    await p.locator('[data-testid="drawer-right"] button[aria-label="Close"]').click();
    expect(await p.locator('[data-testid="drawer-right"]').count()).toBe(0);
    await p.screenshot({ path: '/tmp/sim-2026b.png' });
  });

  it('gen 2026b: compose label names the chat, the send button exists only while typing, search has section headers', async () => {
    await sim.control.createChats({
      chats: [
        { name: 'Zuleica Prado', phone: '5511933332222', messages: ['Oi!'] },
        { name: 'Bazar da Vila', participants: [{ name: 'Zuleica Prado', phone: '5511933332222' }, { phone: '5511933331111' }], messages: [{ text: 'Bom dia', author: 1 }] },
      ],
    });
    const p = await device('?gen=2026b');
    await openChat(p, UNSAVED);
    const box = p.locator('footer [contenteditable="true"][data-lexical-editor="true"][data-tab="10"][data-testid="conversation-compose-box-input"]');
    expect(await box.getAttribute('aria-label')).toBe(`Type a message to ${UNSAVED}`);
    const send = p.locator('footer button[aria-label="Send"]');
    const mic = p.locator('footer button[aria-label="Voice message"]');
    expect(await send.count()).toBe(0);
    expect(await mic.count()).toBe(1);
    await box.click();
    await p.keyboard.type('Tem sim (2026b)');
    await send.locator('[data-icon="wds-ic-send-filled"]').waitFor();
    expect(await mic.count()).toBe(0);
    await p.keyboard.press('Enter');
    const mine = p.locator('#main [data-id]', { hasText: 'Tem sim (2026b)' });
    await mine.waitFor();
    expect(await mine.getAttribute('data-id')).toMatch(/^A5[0-9A-F]{30}$/);
    expect(await send.count()).toBe(0);
    const id = await mine.getAttribute('data-id');
    await expect.poll(async () => (await sim.control.messages({ chat: '5511999990000@c.us', fromMe: true, limit: 1 }))[0]).toMatchObject({ text: 'Tem sim (2026b)', id });
    // The drawer shows the unsaved number, bidi-marked like the title.
    await p.locator('#main header').click();
    expect(await p.locator('[data-testid="section-about-and-phone-number"]').innerText()).toContain(UNSAVED);

    // Search: a plain <input role=textbox data-tab=3>, no contenteditable in the side pane;
    // results come under "Chats" and "Groups in common" rows that are not chats.
    expect(await p.locator('#side [contenteditable]').count()).toBe(0);
    await p.locator('#side input[role="textbox"][data-tab="3"]').fill('Zuleica');
    await expect.poll(async () => (await listRows(p)).map((r) => r.text.trim()).filter((x) => x === 'Chats' || x === 'Groups in common')).toEqual(['Chats', 'Groups in common']);
    const found = (await listRows(p)).sort((a, b) => a.y - b.y);
    expect(found.map((r) => (r.isCellFrame ? r.title : `[${r.text.trim()}]`))).toEqual(['[Chats]', 'Zuleica Prado', '[Groups in common]', 'Bazar da Vila']);
    for (const h of found.filter((r) => !r.isCellFrame)) expect(h).toMatchObject({ title: null, gridcells: 1, testid: null });
  });

  it('gen 2026b in Portuguese: translated labels, and a reply seen by a second device with the same bare id', async () => {
    const en = await device('?gen=2026b');
    const pt = await device('?gen=2026b&lang=pt');
    expect(await pt.locator('[data-testid="message-yourself-row"] span[title]').getAttribute('title')).toBe('Loja Exemplo (Você)');
    await openChat(pt, 'Ana Souza');
    await openChat(en, 'Ana Souza');
    expect(await pt.locator('#pane-side [data-testid="icon-unread-count"]').first().getAttribute('aria-label')).toMatch(/^\d+ mensage(m|ns) não lidas?$/);
    const box = pt.locator('footer [data-testid="conversation-compose-box-input"]');
    expect(await box.getAttribute('aria-label')).toBe('Digite uma mensagem para Ana Souza');
    await box.click();
    await pt.keyboard.type('Pode deixar, Ana');
    await pt.locator('footer button[aria-label="Enviar"] [data-icon="wds-ic-send-filled"]').click();
    const mine = pt.locator('#main [data-id]', { hasText: 'Pode deixar, Ana' });
    await mine.waitFor();
    const id = (await mine.getAttribute('data-id'))!;
    await en.locator(`#main [data-id="${id}"]`, { hasText: 'Pode deixar, Ana' }).waitFor();
    await expect.poll(async () => (await sim.control.messages({ chat: '5511987654321@c.us', fromMe: true, limit: 1 }))[0]?.id).toBe(id);
    await sim.control.receipt({ chat: '5511987654321@c.us', ack: 'read' });
    await expect.poll(async () => (await conversationRows(pt, 'Você:', ACKS.pt)).find((r) => !r.sep && r.id === id)).toMatchObject({ ack: ' Lida ' });
    expect((await conversationRows(en, 'You:', ACKS.en)).find((r) => !r.sep && r.id === id)).toMatchObject({ ack: ' Read ' });
    // Outgoing bubbles carry the translated "You:" on most of them.
    const ptRows = await conversationRows(pt, 'Você:', ACKS.pt);
    expect(ptRows.some((r) => !r.sep && r.you)).toBe(true);
    await pt.locator('#side input[role="textbox"]').fill('Carlos');
    await expect.poll(async () => (await listRows(pt)).map((r) => r.text.trim()).filter((x) => x === 'Conversas' || x === 'Grupos em comum')).toEqual(['Conversas', 'Grupos em comum']);
    await pt.screenshot({ path: '/tmp/sim-2026b-pt.png' });
  });
});
