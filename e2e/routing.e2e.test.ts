// Issue #8 in a real Chromium: routing that reads the text where it is. Four linked devices (the
// owner and three agents, each in their own profile with the built extension) on today's page
// (2026b), a real coordinator process. New customers write to chats nobody opens; every device
// sees the row, the devices' background reads the rules' keywords and the language in the row's
// preview, the first report wins, and the chat lands on the right agent's sidebar. Nothing of
// the text reaches the coordinator: its SQLite file is searched for it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_BROWSER } from './harness/guard';
import { newCustomer } from './harness/customers';
import { fourDeviceShop } from './harness/link';
import { screenshotsOnFailure } from './harness/screenshots';
import type { Person, Team } from './harness/team';
import type { World } from './harness/world';

interface Conversation {
  id: string;
  title: string;
  assignee: string | null;
  language: string | null;
  waitingSince: string | null;
}
interface EventView {
  type: string;
  data: Record<string, unknown>;
}

describe.skipIf(NO_BROWSER)('routing on four devices (2026b)', () => {
  let world: World;
  let team: Team;
  let pages: Page[];
  let people: Person[];
  const byName = (name: string) => people.find((p) => p.name === name)!;

  const conversations = () => team.api<Conversation[]>('GET', '/conversations');
  const eventsOf = (id: string) => team.api<EventView[]>('GET', `/events?conversationId=${id}&limit=1000`);
  async function routed(title: string): Promise<Conversation> {
    let found: Conversation | undefined;
    await expect
      .poll(async () => !!(found = (await conversations()).find((c) => c.title === title && c.assignee !== null)), { timeout: 15_000, message: `${title} routed` })
      .toBe(true);
    return found!;
  }

  beforeAll(async () => {
    ({ world, team, pages } = await fourDeviceShop());
    people = team.people;
    await team.api('PUT', '/workspace/routing', {
      mode: 'rules',
      then: 'round_robin',
      rules: [
        { name: 'Refunds', when: { keywords: ['reembolso', 'refund*', 'remboursement'] }, target: { agentId: byName('Bea').id } },
        { name: 'French desk', when: { languages: ['fr'] }, target: { agentId: byName('Caio').id } },
      ],
    });
  }, 180_000);
  afterAll(() => world?.close());
  beforeEach((context) => screenshotsOnFailure(context, world.pages));

  it('a keyword rule sends a new customer to its agent, read on the devices; the text is nowhere in the coordinator', async () => {
    const text = 'Olá! Quero um reembolso do pedido 4411, a encomenda chegou toda partida';
    await newCustomer(world, 'Lucía Romero', text);
    const lucia = await routed('Lucía Romero');
    const bea = byName('Bea');
    expect(lucia).toMatchObject({ assignee: bea.id, language: 'pt' });
    const assigned = (await eventsOf(lucia.id)).find((e) => e.type === 'assignee.changed');
    expect(assigned?.data).toMatchObject({ reason: 'auto', to: bea.id, routing: { kind: 'rule', ruleName: 'Refunds' } });
    // Bea's sidebar shows it as hers on the row, and the timeline says why.
    const beaPage = pages[people.indexOf(bea)]!;
    const row = beaPage.locator('#pane-side [role="row"]').filter({ has: beaPage.locator('[data-testid="cell-frame-title"] span[title="Lucía Romero"]') });
    await expect.poll(() => row.locator('[data-baton-badge]').getAttribute('data-baton-badge').catch(() => null), { timeout: 10_000 }).toBe('mine');
    await row.locator('[data-testid="cell-frame-title"]').click();
    await expect.poll(() => beaPage.locator('[data-baton-timeline]').innerText().catch(() => ''), { timeout: 10_000 }).toContain('Assigned to Bea: rule Refunds');
    // The message's words: not in the database, not in its log.
    for (const bytes of world.coordinator.stored()) {
      expect(bytes.includes(Buffer.from('reembolso do pedido'))).toBe(false);
      expect(bytes.includes(Buffer.from('partida'))).toBe(false);
    }
  });

  it('a language rule reads the language on the device: a French message goes to the French desk', async () => {
    await newCustomer(world, 'Amélie Durand', 'Bonjour, est-ce que vous livrez à domicile le samedi matin ?');
    const amelie = await routed('Amélie Durand');
    expect(amelie).toMatchObject({ assignee: byName('Caio').id, language: 'fr' });
  });

  it('what no rule takes goes round robin: to whoever was assigned longest ago, never to the owner who is away', async () => {
    await newCustomer(world, 'Tom Baker', 'Hi there, are you open on Sunday afternoon this week?');
    const tom = await routed('Tom Baker');
    // Ana has had nothing yet; Bea and Caio had the two before.
    expect(tom.assignee).toBe(byName('Ana').id);
    await newCustomer(world, 'Kate Moss', 'Hello, do you have gluten free bread today?');
    const kate = await routed('Kate Moss');
    expect(kate.assignee).toBe(byName('Bea').id);
    const reasons = (await eventsOf(kate.id)).filter((e) => e.type === 'assignee.changed').map((e) => (e.data.routing as { kind: string }).kind);
    expect(reasons).toEqual(['round_robin']);
    expect((await conversations()).filter((c) => c.assignee === byName('Olivia').id)).toEqual([]);
  });
});
