// Issue #7 in a real Chromium: today's WhatsApp Web (the simulator's 2026b page: no JID anywhere,
// bare ids, no direction classes, tails on the first bubble of a run only, media without meta,
// photos, bidi-marked numbers). Two agents, each in their own profile with the built extension,
// and a real coordinator; every check reads the truth from the coordinator's API or the
// simulator's account.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_BROWSER } from './harness/guard';
import { openLinkedDevices } from './harness/link';
import { screenshotsOnFailure } from './harness/screenshots';
import { setUpTeam, type Person, type Team } from './harness/team';
import { startWorld, type World } from './harness/world';

interface Conversation {
  id: string;
  title: string;
  jid: string | null;
  avatar: string | null;
  assignee: string | null;
  waitingSince: string | null;
  waitingSource: string | null;
}
interface EventView {
  type: string;
  data: Record<string, unknown>;
}

const MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const clean = (title: string) => title.replace(new RegExp(MARKS.source, 'g'), '');

describe.skipIf(NO_BROWSER)("today's WhatsApp Web (2026b)", () => {
  let world: World;
  let team: Team;
  let olivia: Page;
  let ana: Page;
  let owner: Person;
  let agent: Person;

  const conversations = () => team.api<Conversation[]>('GET', '/conversations');
  const eventsOf = (id: string) => team.api<EventView[]>('GET', `/events?conversationId=${id}&limit=1000`);
  const panel = (p: Page) => p.locator('[data-baton-chat]');
  const rowsTitled = (p: Page, title: string) => p.locator('#pane-side [role="row"]').filter({ has: p.locator(`[data-testid="cell-frame-title"] span[title="${title}"]`) });
  /** The row of a chat with a photo (`true`) or without one. */
  const rowOf = (p: Page, title: string, photo: boolean): Locator =>
    photo ? rowsTitled(p, title).filter({ has: p.locator('img') }) : rowsTitled(p, title).filter({ hasNot: p.locator('img') });
  async function openRow(p: Page, row: Locator, title: string) {
    await row.locator('[data-testid="cell-frame-title"]').click();
    await expect.poll(() => p.locator('#main header [data-testid="conversation-info-header-chat-title"]').innerText().catch(() => ''), { timeout: 10_000 }).toBe(title);
  }
  async function conversationWhere(what: string, match: (c: Conversation) => boolean, timeout = 10_000): Promise<Conversation> {
    let found: Conversation | undefined;
    await expect.poll(async () => !!(found = (await conversations()).find(match)), { timeout, message: what }).toBe(true);
    return found!;
  }

  beforeAll(async () => {
    world = await startWorld();
    // Two "Mariana Costa" besides the seed's two "John"s: one of each pair has a photo, and the
    // one with a photo has every kind of media in her history.
    await world.sim.control.reset({ seed: 'twins' });
    team = await setUpTeam(world.coordinator.url, ['Olivia', 'Ana']);
    [owner, agent] = team.people as [Person, Person];
    const pages = await openLinkedDevices(world, team, [owner, agent]);
    [olivia, ana] = pages as [Page, Page];
  });
  afterAll(() => world?.close());
  beforeEach((context) => screenshotsOnFailure(context, world.pages));

  it('tells the owner within 30 s that each device reads WhatsApp Web fine', async () => {
    await expect
      .poll(async () => (await team.api<{ health: { missing: string[] } | null }[]>('GET', '/devices')).map((d) => d.health?.missing.length ?? 'not reported'), { timeout: 30_000 })
      .toEqual([0, 0]);
  });

  it('every chat in the list reaches the coordinator with a clean title; namesakes nothing tells apart are held back, never merged', async () => {
    const chats = (await world.sim.control.chats()).filter((c) => !c.self);
    const names = new Map<string, number>();
    for (const c of chats) names.set(c.title, (names.get(c.title) ?? 0) + 1);
    // A chat whose namesake is on the list too and that has no photo cannot be told apart yet.
    const distinct = chats.filter((c) => names.get(c.title) === 1 || c.avatar !== null);
    await expect
      .poll(async () => {
        const known = await conversations();
        return distinct.filter((c) => !known.some((k) => k.title === clean(c.title) && (names.get(c.title) === 1 || k.avatar !== null))).map((c) => c.title);
      }, { timeout: 15_000 })
      .toEqual([]);
    const known = await conversations();
    for (const c of known) expect(c.title, c.title).not.toMatch(MARKS);
    expect(known.find((c) => c.title === '+55 11 99999-0000')).toMatchObject({ jid: '5511999990000@c.us' });
    // Each pair: one conversation for the namesake with a photo, none (yet) for the one without.
    for (const pair of ['John', 'Mariana Costa']) expect(known.filter((c) => c.title === pair).map((c) => c.avatar !== null), pair).toEqual([true]);
  });

  it('records every message of an opened chat once, with its direction, media and untailed runs included', async () => {
    await openRow(ana, rowOf(ana, 'Mariana Costa', true), 'Mariana Costa');
    const mariana = await conversationWhere('Mariana with her photo', (c) => c.title === 'Mariana Costa' && c.avatar !== null);
    const account = (await world.sim.control.messages({ chat: (await world.sim.control.chats()).find((c) => c.title === 'Mariana Costa' && c.avatar)!.jid, limit: 100 })).map((m) => ({
      id: m.id,
      direction: m.fromMe ? 'out' : 'in',
      kind: m.kind,
    }));
    expect(new Set(account.map((m) => m.kind))).toEqual(new Set(['text', 'image', 'document', 'voice', 'sticker']));
    const recorded = async () =>
      (await eventsOf(mariana.id))
        .filter((e) => e.type === 'message.created')
        .map((e) => ({ id: String(e.data.waMessageId), direction: String(e.data.direction) }));
    await expect.poll(async () => (await recorded()).length, { timeout: 15_000 }).toBe(account.length);
    expect((await recorded()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(account.map(({ id, direction }) => ({ id, direction })).sort((a, b) => a.id.localeCompare(b.id)));
    // Olivia opens it too: four devices or two, each message stays one record.
    await openRow(olivia, rowOf(olivia, 'Mariana Costa', true), 'Mariana Costa');
    await olivia.waitForTimeout(2000);
    expect(await recorded()).toHaveLength(account.length);
  });

  it('knows within 5 s that a customer wrote to a chat nobody opens, and opening it later adds no second record', async () => {
    const pedro = await conversationWhere('Pedro Alves', (c) => c.title === 'Pedro Alves');
    expect(pedro.waitingSince).toBeNull();
    const sentAt = Date.now();
    const message = await world.sim.control.incoming({ chat: 'Pedro Alves', text: 'Is the cake for Saturday ready?' });
    const waiting = await conversationWhere('the signal', (c) => c.id === pedro.id && c.waitingSince !== null, 5_000);
    expect(waiting.waitingSource).toBe('signal');
    expect(Date.parse(waiting.waitingSince!)).toBeGreaterThanOrEqual(sentAt - 1000);
    expect((await eventsOf(pedro.id)).filter((e) => e.type === 'message.created')).toHaveLength(0);

    await openRow(ana, rowOf(ana, 'Pedro Alves', true), 'Pedro Alves');
    const inbound = async () => (await eventsOf(pedro.id)).filter((e) => e.type === 'message.created' && e.data.direction === 'in').map((e) => String(e.data.waMessageId));
    await expect.poll(inbound, { timeout: 10_000 }).toContain(message.id);
    await ana.waitForTimeout(1500);
    const all = await inbound();
    expect(all.filter((id) => id === message.id)).toHaveLength(1);
    const history = (await world.sim.control.messages({ chat: 'Pedro Alves', fromMe: false, limit: 100 })).map((m) => m.id);
    expect(all.sort()).toEqual(history.sort());
    // The real message took the signal's place.
    expect((await conversations()).find((c) => c.id === pedro.id)).toMatchObject({ waitingSource: 'message' });
  });

  it("two chats called John never show each other's owner, and an owned chat keeps its badge after a reload", async () => {
    await openRow(ana, rowOf(ana, 'John', true), 'John');
    await panel(ana).locator('[data-baton-action="claim"]').click();
    const john = await conversationWhere('John claimed by Ana', (c) => c.title === 'John' && c.assignee === agent.id);
    expect(john.avatar).not.toBeNull();

    const badge = (p: Page, photo: boolean) => rowOf(p, 'John', photo).locator('[data-baton-badge]');
    await expect.poll(() => badge(olivia, true).getAttribute('data-baton-owner').catch(() => null), { timeout: 5000 }).toBe(agent.id);
    // The John without a photo: nothing on the page tells him apart, so no owner, not Ana.
    expect(await badge(olivia, false).getAttribute('data-baton-owner').catch(() => '')).not.toBe(agent.id);
    await openRow(olivia, rowOf(olivia, 'John', false), 'John');
    await expect.poll(() => olivia.locator('[data-baton-chat-unknown="ambiguous"]').count(), { timeout: 5000 }).toBe(1);
    expect(await panel(olivia).count()).toBe(0);
    // The contact drawer shows his number: now he is a conversation of his own, nobody's.
    await olivia.locator('#main header [data-testid="conversation-info-header-chat-title"]').click();
    const other = await conversationWhere('the other John, by his number', (c) => c.title === 'John' && c.jid === '447700900123@c.us');
    expect(other.id).not.toBe(john.id);
    await expect.poll(() => panel(olivia).locator('[data-baton-owner]').getAttribute('data-baton-owner').catch(() => null), { timeout: 5000 }).toBe('');
    expect((await conversations()).find((c) => c.id === john.id)!.assignee).toBe(agent.id);

    await ana.reload();
    await ana.waitForSelector('#pane-side [role="row"]', { timeout: 20_000 });
    await expect.poll(() => badge(ana, true).getAttribute('data-baton-owner').catch(() => null), { timeout: 10_000 }).toBe(agent.id);
    expect(await badge(ana, true).getAttribute('aria-label')).toMatch(/^Yours/);
  });

  it('stops Enter and the send button that appears only while typing, on a chat someone else owns', async () => {
    const john = (await conversations()).find((c) => c.title === 'John' && c.assignee === agent.id)!;
    const before = (await world.sim.control.messages({ chat: '14155550101@c.us', fromMe: true, limit: 100 })).length;
    await openRow(olivia, rowOf(olivia, 'John', true), 'John');
    await expect.poll(() => panel(olivia).locator('[data-baton-owner]').getAttribute('data-baton-owner').catch(() => null), { timeout: 5000 }).toBe(agent.id);
    // Someone else's chat offers asking for it (and, to the owner role, taking over), not Claim.
    expect(await panel(olivia).locator('[data-baton-action="claim"]').count()).toBe(0);
    expect(await panel(olivia).locator('[data-baton-action="ask-transfer"]').count()).toBe(1);
    const box = olivia.locator('footer [contenteditable="true"]');
    expect(await olivia.locator('footer button[aria-label="Send"]').count()).toBe(0);
    await box.click();
    await olivia.keyboard.type('I can take this one');
    await olivia.locator('footer button[aria-label="Send"]').waitFor({ timeout: 3000 });
    await olivia.keyboard.press('Enter');
    await olivia.locator('[data-baton-send-lock]').waitFor({ timeout: 3000 });
    await olivia.locator('footer button[aria-label="Send"]').click();
    await olivia.waitForTimeout(800);
    expect((await world.sim.control.messages({ chat: '14155550101@c.us', fromMe: true, limit: 100 })).length).toBe(before);
    expect(await olivia.locator('[data-baton-lock-action="takeover"]').count()).toBe(1); // Olivia is the owner
    expect((await conversations()).find((c) => c.id === john.id)!.assignee).toBe(agent.id);
    await box.press('Control+A');
    await box.press('Backspace');
  });
});
