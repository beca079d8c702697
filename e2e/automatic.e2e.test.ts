// Issue #8 in a real Chromium: the away message, sent once by one of four linked devices (2026b),
// never counted as a reply, and still sent once when the device sending it is killed halfway.
// Every check reads the truth from the simulator's account (what WhatsApp really sent) or from
// the coordinator's API.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_BROWSER } from './harness/guard';
import { newCustomer } from './harness/customers';
import { openLinkedDevices } from './harness/link';
import { screenshotsOnFailure } from './harness/screenshots';
import { setUpTeam, type Team } from './harness/team';
import { startWorld, type World } from './harness/world';

interface Conversation {
  id: string;
  title: string;
  sla: { firstResponseDueAt: string | null };
}
interface EventView {
  type: string;
  data: Record<string, unknown>;
}

const AWAY = 'Thanks for writing to Padaria Central! We are closed today; we answer tomorrow from 9:00.';
const header = (p: Page) => p.locator('#main header [data-testid="conversation-info-header-chat-title"]').innerText({ timeout: 500 }).catch(() => '');

describe.skipIf(NO_BROWSER)('automatic messages on four devices (2026b)', () => {
  let world: World;
  let team: Team;
  let pages: Page[];

  const conversations = () => team.api<Conversation[]>('GET', '/conversations');
  const eventsOf = (id: string) => team.api<EventView[]>('GET', `/events?conversationId=${id}&limit=1000`);
  /** What WhatsApp itself holds as sent from the business in that chat. */
  const sentTo = async (name: string) => (await world.sim.control.messages({ chat: name, fromMe: true, limit: 100 })).filter((m) => m.text === AWAY);

  beforeAll(async () => {
    world = await startWorld();
    await world.sim.control.reset({ seed: 'default' });
    team = await setUpTeam(world.coordinator.url, ['Olivia', 'Ana', 'Bea', 'Caio']);
    pages = await openLinkedDevices(world, team, team.people);
    // Closed today, whatever day this runs: open all week, with today closed.
    const today = new Date().toISOString().slice(0, 10);
    const allDay = [{ from: '00:00', to: '24:00' }];
    await team.api('PUT', '/workspace/hours', { timezone: 'UTC', weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, overrides: [{ date: today, closed: true }] });
    await team.api('PUT', '/workspace/automatic', { away: { enabled: true, text: AWAY }, greeting: { enabled: false, text: 'Hello!' } });
  }, 180_000);
  afterAll(() => world?.close());
  beforeEach((context) => screenshotsOnFailure(context, world.pages));

  it('one device sends the away message once; it is not a reply, and every device goes back to its chat', async () => {
    // Each agent had a chat open; the one that sends must come back to it.
    const open = ['Pedro Alves', 'Carlos Lima', 'Pedro Alves', 'Carlos Lima'];
    for (const [i, page] of pages.entries()) {
      await page.locator(`#pane-side [data-testid="cell-frame-title"] span[title="${open[i]}"]`).first().click();
      await expect.poll(() => header(page), { timeout: 10_000 }).toBe(open[i]);
    }
    await newCustomer(world, 'Rita Gomes', 'Boa noite, vocês ainda estão abertos?');
    await expect.poll(async () => (await sentTo('Rita Gomes')).length, { timeout: 20_000 }).toBe(1);
    const rita = (await conversations()).find((c) => c.title === 'Rita Gomes')!;
    await expect.poll(async () => (await eventsOf(rita.id)).some((e) => e.type === 'automatic.sent'), { timeout: 10_000 }).toBe(true);
    // Four devices saw it go: recorded once, as automatic, and the first-reply clock still runs.
    await expect
      .poll(async () => (await eventsOf(rita.id)).filter((e) => e.type === 'message.created' && e.data.direction === 'out').map((e) => e.data.automatic), { timeout: 10_000 })
      .toEqual(['away']);
    expect((await conversations()).find((c) => c.id === rita.id)!.sla.firstResponseDueAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await sentTo('Rita Gomes')).toHaveLength(1);
    for (const [i, page] of pages.entries()) await expect.poll(() => header(page), { timeout: 10_000 }).toBe(open[i]);
  });

  it('the device sending it is killed halfway: another one finishes, and the customer gets it once', async () => {
    // Sent messages take 2.5 s to reach WhatsApp's server and come back: one sent by the device
    // killed is still on its way when the next holder looks.
    await world.sim.control.options({ sendDelayMs: [2500, 2500] });
    await newCustomer(world, 'Sofia Lima', 'Olá! Queria encomendar um bolo para sábado');
    // The moment the coordinator leases it to a device, that device's WhatsApp tab is closed.
    const devices = await team.api<{ id: string; name: string }[]>('GET', '/devices');
    const pageOf = (deviceId: string) => pages[team.people.findIndex((p) => devices.find((d) => d.id === deviceId)?.name === `${p.name}'s browser`)];
    let killed: Page | undefined;
    await expect
      .poll(
        async () => {
          const sofia = (await conversations()).find((c) => c.title === 'Sofia Lima');
          const leased = sofia && (await eventsOf(sofia.id)).find((e) => e.type === 'automatic.leased');
          if (!leased) return false;
          killed = pageOf((leased.data.automatic as { deviceId: string }).deviceId);
          await killed!.close();
          return true;
        },
        { timeout: 20_000, interval: 20 },
      )
      .toBe(true);
    expect(killed?.isClosed()).toBe(true);
    await expect.poll(async () => (await sentTo('Sofia Lima')).length, { timeout: 90_000 }).toBe(1);
    const sofia = (await conversations()).find((c) => c.title === 'Sofia Lima')!;
    await expect.poll(async () => (await eventsOf(sofia.id)).some((e) => e.type === 'automatic.sent'), { timeout: 90_000 }).toBe(true);
    // (Whether it died before or after pressing send, the next holder's look finds the truth; the
    // hand-over the moment its tab closed is pinned in coordinator/test/automatic.test.ts.)
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await sentTo('Sofia Lima')).toHaveLength(1);
    await world.sim.control.options({ sendDelayMs: [50, 150] });
  }, 150_000);
});
