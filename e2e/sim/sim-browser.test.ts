// The simulator in a real browser, as https://web.whatsapp.com: a 1000-chat virtualised list,
// typing into the Lexical-like compose box, and two linked devices (two browser contexts)
// seeing the same message with the same data-id. Screenshots go to /tmp/sim-<gen>.png.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, INSTALL_HINT } from '../harness/chromium';
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
});
