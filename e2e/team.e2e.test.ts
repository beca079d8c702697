// Issue #4 in a real Chromium: four agents, each in their own browser profile with the built
// extension, on one simulated WhatsApp account (two on each DOM generation), and a real
// coordinator. Each check reads the truth from the coordinator's API or the simulator's account,
// and what agents see from their sidebars.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_BROWSER } from './harness/guard';
import { linkAndSignIn } from './harness/link';
import { screenshotsOnFailure } from './harness/screenshots';
import { setUpTeam, type Person, type Team } from './harness/team';
import { startWorld, type World } from './harness/world';

interface EventView {
  type: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

const NAMES = ['Olivia', 'Ana', 'Bruno', 'Carla'] as const;
type Name = (typeof NAMES)[number];
const GEN: Record<Name, string> = { Olivia: '2024', Ana: '2026', Bruno: '2024', Carla: '2026' };

describe.skipIf(NO_BROWSER)('four agents on one number', () => {
  let world: World;
  let team: Team;
  const page = {} as Record<Name, Page>;
  const person = {} as Record<Name, Person>;
  let phone = 5511900000100;

  /** A new customer chat, on every device's list. */
  async function newCustomer(name: string, messages: string[] = ['Oi, tudo bem?']): Promise<string> {
    await world.sim.control.createChats({ chats: [{ name, phone: String(phone++), messages }] });
    return name;
  }
  const panel = (p: Page) => p.locator('[data-baton-chat]');
  const ownerIn = (p: Page) => panel(p).locator('[data-baton-owner]').getAttribute('data-baton-owner');
  async function open(p: Page, title: string) {
    await p.locator('#pane-side').getByText(title, { exact: true }).first().click();
    await expect.poll(() => panel(p).locator('[data-baton-chat-title]').innerText().catch(() => ''), { timeout: 10_000 }).toBe(title);
  }
  async function conversation(title: string): Promise<{ id: string; assignee: string | null }> {
    let found: { id: string; assignee: string | null } | undefined;
    await expect
      .poll(async () => {
        found = (await team.api<{ id: string; title: string; assignee: string | null }[]>('GET', '/conversations')).find((c) => c.title === title);
        return !!found;
      }, { timeout: 10_000 })
      .toBe(true);
    return found!;
  }
  const eventsOf = (id: string) => team.api<EventView[]>('GET', `/events?conversationId=${id}&limit=1000`);
  const compose = (p: Page) => p.locator('footer [contenteditable="true"]');

  beforeAll(async () => {
    world = await startWorld();
    team = await setUpTeam(world.coordinator.url, [...NAMES]);
    await team.api('POST', '/canned-responses', { shortcut: 'hours', text: 'Hi {{name}}, we open 9 to 18. {{agent}}' });
    for (const [i, name] of NAMES.entries()) {
      person[name] = team.people[i]!;
      const profile = await world.profile();
      await linkAndSignIn(profile, team, person[name]);
      page[name] = await profile.whatsapp(`?gen=${GEN[name]}`);
      await page[name].waitForSelector('#pane-side', { timeout: 20_000 });
    }
    // Every sidebar is live before the first test.
    for (const name of NAMES) await page[name].locator('[data-baton-sidebar]').waitFor({ state: 'attached', timeout: 20_000 });
  });
  afterAll(() => world?.close());
  beforeEach((context) => screenshotsOnFailure(context, world.pages));

  it('two agents claim the same chat at the same moment: one owns it, and both sidebars agree within a second', async () => {
    const title = await newCustomer('Race Customer');
    await Promise.all([open(page.Ana, title), open(page.Bruno, title)]);
    const claim = (p: Page) => panel(p).locator('[data-baton-action="claim"]');
    await Promise.all([claim(page.Ana).waitFor(), claim(page.Bruno).waitFor()]);

    // Both clicks at once: a pointer click's own waits (scrolling, a stable box) take long enough
    // for the first claim to reach the other sidebar, which then rightly offers no Claim any more.
    const [anaClaim, brunoClaim] = await Promise.all([claim(page.Ana).elementHandle(), claim(page.Bruno).elementHandle()]);
    await Promise.all([anaClaim!.evaluate((el) => (el as HTMLElement).click()), brunoClaim!.evaluate((el) => (el as HTMLElement).click())]);
    const clicked = Date.now();
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([ownerIn(page.Ana), ownerIn(page.Bruno)]);
        return a && a === b ? a : null;
      }, { timeout: 1000, interval: 50 })
      .toBeTruthy();
    const agreedAfter = Date.now() - clicked;
    const { id, assignee } = await conversation(title);
    expect([person.Ana.id, person.Bruno.id]).toContain(assignee);
    expect(await ownerIn(page.Ana)).toBe(assignee);
    const claims = (await eventsOf(id)).filter((e) => e.type === 'assignee.changed' && e.data.reason === 'claim');
    expect(claims).toHaveLength(1);
    expect(agreedAfter).toBeLessThan(1000);
  });

  it('a transfer with a note shows on the receiver\'s sidebar and in the timeline', async () => {
    const title = await newCustomer('Transfer Customer');
    await open(page.Ana, title);
    await panel(page.Ana).locator('[data-baton-action="claim"]').click();
    await expect.poll(() => ownerIn(page.Ana)).toBe(person.Ana.id);

    await panel(page.Ana).locator('[data-baton-action="transfer"]').click();
    await panel(page.Ana).locator(`[data-baton-agent-choice="${person.Carla.id}"]`).click();
    await panel(page.Ana).locator('[data-baton-transfer-note]').fill('Wants a refund for order 112');
    await panel(page.Ana).locator('[data-baton-transfer-confirm]').click();

    // Carla is told, and her list shows the chat as hers.
    await page.Carla.locator('[data-baton-notice="transferred_to_me"]').waitFor({ timeout: 5000 });
    const { id } = await conversation(title);
    await expect.poll(() => page.Carla.locator(`[data-baton-badge][data-baton-conversation="${id}"]`).first().getAttribute('data-baton-badge'), { timeout: 5000 }).toBe('mine');
    await open(page.Carla, title);
    const timeline = panel(page.Carla).locator('[data-baton-timeline]');
    await expect.poll(() => timeline.innerText(), { timeout: 5000 }).toContain('Wants a refund for order 112');
    expect(await timeline.innerText()).toMatch(/transferred/i);
  });

  it('the /hours canned response lands in the compose box with the name filled in, and is not sent', async () => {
    const title = await newCustomer('Canned Customer');
    await open(page.Bruno, title);
    await compose(page.Bruno).click();
    await page.Bruno.keyboard.type('/hou');
    const option = page.Bruno.locator('[data-baton-canned-option="hours"]');
    await option.waitFor({ timeout: 5000 });
    await page.Bruno.keyboard.press('Enter');
    await expect.poll(() => compose(page.Bruno).innerText(), { timeout: 5000 }).toBe(`Hi ${title}, we open 9 to 18. Bruno`);
    await page.Bruno.waitForTimeout(500);
    expect((await world.sim.control.messages({ chat: title, fromMe: true })).length).toBe(0);
    // Leave the box empty for the next test.
    await compose(page.Bruno).press('Control+A');
    await compose(page.Bruno).press('Backspace');
  });

  it("an agent who tries to reply to another agent's chat is stopped, and the customer receives nothing", async () => {
    const title = await newCustomer('Locked Customer');
    await open(page.Ana, title);
    await panel(page.Ana).locator('[data-baton-action="claim"]').click();
    const { id } = await conversation(title);
    await expect.poll(async () => (await conversation(title)).assignee, { timeout: 5000 }).toBe(person.Ana.id);

    await open(page.Bruno, title);
    await expect.poll(() => ownerIn(page.Bruno), { timeout: 5000 }).toBe(person.Ana.id);
    // Ana sees Bruno in her chat before anything is sent.
    await expect.poll(() => panel(page.Ana).locator('[data-baton-presence]').innerText().catch(() => ''), { timeout: 5000 }).toContain('Bruno is viewing');
    await compose(page.Bruno).click();
    await page.Bruno.keyboard.type('I can help you with that');
    await expect.poll(() => panel(page.Ana).locator('[data-baton-presence]').innerText().catch(() => ''), { timeout: 5000 }).toContain('Bruno is typing');
    await page.Bruno.keyboard.press('Enter');
    const notice = page.Bruno.locator('[data-baton-send-lock]');
    await notice.waitFor({ timeout: 3000 });
    expect(await notice.locator('[data-baton-lock-action="ask"]').count()).toBe(1);
    expect(await notice.locator('[data-baton-lock-action="takeover"]').count()).toBe(0); // Bruno is not the owner role
    // The send button is stopped too.
    const send = page.Bruno.locator('footer [data-icon="send"], footer [data-icon="wds-ic-send-filled"]').first();
    if (await send.count()) await send.click();
    await page.Bruno.waitForTimeout(800);
    expect((await world.sim.control.messages({ chat: title, fromMe: true })).length).toBe(0);

    // "Ask for transfer" tells Ana.
    await notice.locator('[data-baton-lock-action="ask"]').click();
    await page.Ana.locator('[data-baton-notice="mentioned"]').waitFor({ timeout: 5000 });
    expect((await eventsOf(id)).filter((e) => e.type === 'note.created')).toHaveLength(1);
    await compose(page.Bruno).press('Control+A');
    await compose(page.Bruno).press('Backspace');
  });

  it('the queue lists an unassigned customer, and choosing it opens that chat in WhatsApp Web', async () => {
    const title = await newCustomer('Queue Customer', ['Ainda esperando resposta']);
    await conversation(title);
    await page.Olivia.locator('[data-baton-tab="queue"]').click();
    const item = page.Olivia.locator(`[data-baton-queue="unassigned"] [data-baton-queue-item="${title}"]`);
    await item.waitFor({ timeout: 5000 });
    await item.click();
    await expect.poll(() => page.Olivia.locator('#main header span[title]').first().getAttribute('title'), { timeout: 5000 }).toBe(title);
    await page.Olivia.locator('[data-baton-tab="chat"]').click();
    await expect.poll(() => panel(page.Olivia).locator('[data-baton-chat-title]').innerText(), { timeout: 5000 }).toBe(title);
  });

  it('with the coordinator down, a claim and a note are kept, and arrive exactly once when it is back', async () => {
    const title = await newCustomer('Outage Customer');
    await open(page.Carla, title);
    const { id } = await conversation(title);

    await world.coordinator.down();
    await page.Carla.locator('[data-baton-offline]').waitFor({ timeout: 10_000 });
    await panel(page.Carla).locator('[data-baton-action="claim"]').click();
    await panel(page.Carla).locator('[data-baton-note-input]').fill('Called her back, waiting for the invoice');
    await panel(page.Carla).locator('[data-baton-note-add]').click();
    // Applied locally at once, and shown as waiting to be sent.
    await expect.poll(() => ownerIn(page.Carla), { timeout: 3000 }).toBe(person.Carla.id);
    await expect.poll(() => page.Carla.locator('[data-baton-outbox]').innerText().catch(() => ''), { timeout: 3000 }).toMatch(/2/);

    await world.coordinator.up();
    await expect
      .poll(async () => {
        const events = await eventsOf(id).catch(() => []);
        return {
          claims: events.filter((e) => e.type === 'assignee.changed' && e.data.reason === 'claim' && e.actorId === person.Carla.id).length,
          notes: events.filter((e) => e.type === 'note.created').length,
        };
      }, { timeout: 45_000, interval: 500 })
      .toEqual({ claims: 1, notes: 1 });
    await page.Carla.locator('[data-baton-offline]').waitFor({ state: 'detached', timeout: 45_000 });
    // Nothing arrives twice later either (the outbox is empty, replays changed nothing).
    await page.Carla.waitForTimeout(2000);
    const events = await eventsOf(id);
    expect(events.filter((e) => e.type === 'note.created')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'assignee.changed')).toHaveLength(1);
  });

  it('a customer message and an agent reply are recorded once each though four devices saw them, and the reply is credited to its sender', async () => {
    const title = await newCustomer('Four Devices Customer', []);
    for (const name of NAMES) await open(page[name], title);
    const { id } = await conversation(title);
    const incoming = await world.sim.control.incoming({ chat: title, text: 'Is my order ready?' });

    // Ana answers first: the reply claims the chat for her and goes out.
    await compose(page.Ana).click();
    await page.Ana.keyboard.type('Yes, it is ready for pickup');
    await page.Ana.keyboard.press('Enter');
    let replyId = '';
    await expect
      .poll(async () => {
        const sent = await world.sim.control.messages({ chat: title, fromMe: true });
        replyId = sent[0]?.dataId ?? '';
        return sent.length;
      }, { timeout: 5000 })
      .toBe(1);

    const recorded = async () => {
      const events = await eventsOf(id);
      const created = events.filter((e) => e.type === 'message.created');
      return {
        customer: created.filter((e) => replyId && incoming.dataId.includes(String(e.data.waMessageId))).length,
        reply: created.filter((e) => replyId.includes(String(e.data.waMessageId))).length,
        credited: events.some(
          (e) => (e.type === 'message.created' || e.type === 'message.credited') && replyId.includes(String(e.data.waMessageId)) && e.data.agentId === person.Ana.id,
        ),
      };
    };
    await expect.poll(recorded, { timeout: 15_000, interval: 500 }).toEqual({ customer: 1, reply: 1, credited: true });
    expect((await conversation(title)).assignee).toBe(person.Ana.id);
    // All four devices have reported by now; still once each.
    await page.Ana.waitForTimeout(2000);
    expect(await recorded()).toEqual({ customer: 1, reply: 1, credited: true });
  });
});
