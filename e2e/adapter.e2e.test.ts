// Issue #3 in a real Chromium: the built extension on the simulator of both DOM generations.
// The truth each check compares against comes from the simulator's own state (which chat each
// row element shows, what the account sent), never from the extension's readers.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from './harness/browser';
import { adapterBundle } from './harness/bundle';
import { NO_BROWSER } from './harness/guard';
import { linkAndSignIn } from './harness/link';
import { screenshotsOnFailure } from './harness/screenshots';
import { setUpTeam, type Team } from './harness/team';
import { startWorld, type World } from './harness/world';

interface PageAdapter {
  events: { type: string; messages?: { id: string; dataId: string; direction: string }[] }[];
  rows(): { title: string; top: number }[];
  insert(text: string): Promise<void>;
  compose(): string;
}
declare const batonAdapter: PageAdapter;

/** The chats the simulator's row elements show, top to bottom (its own bookkeeping, `_jid`). */
async function rowsAsSimulated(page: Page, titles: Map<string, string>, selfJid?: string): Promise<string[]> {
  const rows = await page.evaluate(() => {
    const chatOf = (el: Element) => (el as unknown as Record<string, string | undefined>)['_jid'];
    return [...document.querySelectorAll<HTMLElement>('*')]
      .filter((el) => chatOf(el) && el.style.transform)
      .map((el) => ({ jid: chatOf(el)!, top: Number(/translateY\(([\d.]+)px\)/.exec(el.style.transform)?.[1]) }));
  });
  // The chat with yourself is not a customer's chat: not in the list of chats, nor read as one.
  return rows
    .sort((a, b) => a.top - b.top)
    .filter((r) => r.jid !== selfJid)
    .map((r) => titles.get(r.jid) ?? `?${r.jid}`);
}

/** Opens WhatsApp Web in a profile and runs the adapter's modules in the page, for a test to call. */
async function openWithPageAdapter(profile: Profile, query: string): Promise<Page> {
  const page = await profile.whatsapp(query);
  await page.waitForSelector('#pane-side, [contenteditable]', { timeout: 20_000 });
  await page.addScriptTag({ content: await adapterBundle() });
  return page;
}

describe.skipIf(NO_BROWSER)('the adapter in a real browser', () => {
  let world: World;
  let team: Team;
  let profile: Profile;

  beforeAll(async () => {
    world = await startWorld();
    team = await setUpTeam(world.coordinator.url, ['Olivia', 'Ana']);
    profile = await world.profile();
    await linkAndSignIn(profile, team, team.people[1]!);
  });
  afterAll(() => world?.close());
  // One WhatsApp tab per profile, as the real site allows: a test that failed midway leaves none open.
  afterEach(async () => {
    for (const page of profile?.context.pages() ?? []) await page.close();
  });

  // Today's page renders about 70 rows (the others 15 to 20) and shows photos and the self-chat row.
  const MAX_ROWS = { '2024': 40, '2026': 40, '2026b': 100 } as const;
  for (const gen of ['2024', '2026', '2026b'] as const) {
    it(`gen ${gen}: the extension loads, reads the visible chats while a 1,000-chat list scrolls, and reports them`, async (context) => {
      await world.sim.control.reset({ seed: 'default' });
      await world.sim.control.createChats({ count: 1000 });
      const titles = new Map((await world.sim.control.chats()).map((c) => [c.jid, c.title]));
      const selfJid = (await world.sim.control.state()).self.jid;
      const page = await openWithPageAdapter(profile, `?gen=${gen}`);
      screenshotsOnFailure(context, world.pages);

      // The extension mounted its sidebar and can read this generation: no health warning.
      await page.locator('[data-baton]').first().waitFor({ state: 'attached' });
      const list = page.locator('#pane-side');
      for (const fraction of [0, 0.37, 0.5, 0.81]) {
        await list.evaluate((el, f) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * f), fraction);
        await page.waitForTimeout(150); // the list re-renders on the next frame
        const expected = await rowsAsSimulated(page, titles, selfJid);
        const read = await page.evaluate(() => batonAdapter.rows().map((r) => r.title));
        expect(read, `titles read at ${fraction * 100}% of the list`).toEqual(expected);
        for (const title of read) expect(title).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
        expect(expected.length).toBeGreaterThan(5);
        expect(expected.length).toBeLessThan(MAX_ROWS[gen]); // rows are recycled, not all rendered
      }
      // Chats seen mid-list reached the coordinator, without anyone opening them (all but
      // namesakes that nothing on the page tells apart: those wait, see today.e2e.test.ts).
      const named = new Map<string, number>();
      for (const title of titles.values()) named.set(title, (named.get(title) ?? 0) + 1);
      const seenMidList = (await rowsAsSimulated(page, titles, selfJid)).filter((t) => named.get(t) === 1);
      await expect
        .poll(async () => {
          const known = new Set((await team.api<{ title: string }[]>('GET', '/conversations')).map((c) => c.title));
          return seenMidList.filter((t) => !known.has(t));
        }, { timeout: 10_000 })
        .toEqual([]);
      await page.waitForTimeout(4500); // longer than the health monitor's grace period
      expect(await page.locator('[data-testid="baton-health"]').count()).toBe(0);
      await page.close();
    });

    it(`gen ${gen}: inserts text the editor accepts, and sees its own reply with the message id`, async (context) => {
      await world.sim.control.reset({ seed: 'default' });
      const page = await openWithPageAdapter(profile, `?gen=${gen}`);
      screenshotsOnFailure(context, world.pages);
      await page.getByText('Ana Souza', { exact: true }).first().click();
      await page.waitForFunction(() => !!document.querySelector('footer [contenteditable="true"]'));

      const text = `Bom dia! Pedido ${gen} confirmado.`;
      await page.evaluate((t) => batonAdapter.insert(t), text);
      expect(await page.evaluate(() => batonAdapter.compose())).toBe(text);
      await page.locator('footer [contenteditable="true"]').press('Enter');

      // The account sent exactly that text (the simulated editor took the insertion)...
      let sentId = '';
      await expect
        .poll(async () => {
          const sent = (await world.sim.control.messages({ chat: 'Ana Souza', fromMe: true })).filter((m) => m.text === text);
          // Today's page shows the bare id; older ones the full `true_<jid>_<id>`.
          sentId = (gen === '2026b' ? sent[0]?.id : sent[0]?.dataId) ?? '';
          return sent.length;
        }, { timeout: 5000 })
        .toBe(1);
      // ...and the adapter saw that outgoing message appear, with the id the page gave it.
      await expect
        .poll(() => page.evaluate(() => batonAdapter.events.flatMap((e) => e.messages ?? []).filter((m) => m.direction === 'out').map((m) => m.dataId)), { timeout: 5000 })
        .toContain(sentId);
      await page.close();
    });
  }

  it('shows the health warning when the chat list cannot be found; the owner sees it and pushes a hot-fix that takes effect without a reload', async (context) => {
    await world.sim.control.createChats({ chats: [{ name: 'Hotfix Customer', phone: '5511977776666', messages: ['Oi'] }] });
    const known = async () => (await team.api<{ title: string }[]>('GET', '/conversations')).some((c) => c.title === 'Hotfix Customer');
    const page = await profile.whatsapp('?gen=2026&layout=nolist');
    const owner = await profile.context.newPage();
    screenshotsOnFailure(context, world.pages);
    const warning = page.locator('[data-testid="baton-health"]');
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.innerText()).toMatch(/chat list/i);
    await expect
      .poll(async () => (await team.api<{ health: { missing: string[] } | null }[]>('GET', '/devices')).flatMap((d) => d.health?.missing ?? []), { timeout: 10_000 })
      .toContain('chatList');

    expect(await known()).toBe(false); // a list it cannot read reports nothing

    // The owner's page lists the device's health...
    await owner.goto(team.url);
    const signIn = owner.locator('#signin-form');
    await signIn.getByLabel('Email').fill(team.people[0]!.email);
    await signIn.getByLabel('Password').fill(team.people[0]!.password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    const failing = owner.locator('#devices-body [data-health="failing"]');
    await failing.waitFor({ timeout: 10_000 });
    expect(await failing.innerText()).toContain('Cannot find the chat list');

    // ...and its hot-fix (selectors for this changed layout, data only) reaches the open page.
    await owner.locator('#hotfix summary').click();
    await owner.getByLabel('Selector overrides (JSON)').fill(
      JSON.stringify({ chatList: ['[data-tab="4"] > div'], chatRow: [':scope > div'], rowTitle: ['span[dir="auto"]'] }),
    );
    await owner.getByRole('button', { name: 'Save and push to devices' }).click();
    await owner.getByText('Saved: 3 landmarks overridden').waitFor({ timeout: 5000 });
    await warning.waitFor({ state: 'detached', timeout: 10_000 });
    await owner.locator('#devices-body [data-health="ok"]').waitFor({ timeout: 10_000 });
    // The list is read through the owner's selectors: its chats reach the coordinator.
    await expect.poll(known, { timeout: 10_000 }).toBe(true);
    await team.api('PUT', '/workspace/selector-overrides', { selectorOverrides: {} });
  });
});
