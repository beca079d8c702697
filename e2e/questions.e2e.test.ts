// Issue #8 in a real Chromium: the questions Baton asks on the business's behalf. Four linked
// devices on today's page (2026b) and a real coordinator process. A new customer gets the triage
// menu from one device; their "2" is read on the devices (in the chat list or the open chat) and
// routes the chat to the agent with the option's skill. After an agent resolves a chat, the
// satisfaction question goes out and the customer's digit is recorded against that agent, the
// chat staying resolved. Only the numbers reach the coordinator: its SQLite file is searched for
// the customers' words.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_BROWSER } from './harness/guard';
import { customerWrites, newCustomer } from './harness/customers';
import { fourDeviceShop } from './harness/link';
import { screenshotsOnFailure } from './harness/screenshots';
import type { Person, Team } from './harness/team';
import type { World } from './harness/world';

interface Conversation {
  id: string;
  title: string;
  status: string;
  assignee: string | null;
  question: { kind: string; answer: number | null } | null;
}
interface EventView {
  type: string;
  data: Record<string, unknown>;
}

const MENU = { enabled: true, text: 'Olá {{name}}! Em que podemos ajudar? Responda com um número:', options: [{ label: 'Encomendas', skill: 'orders' }, { label: 'Bolos', skill: 'cakes' }] };
const SURVEY = { enabled: true, text: 'Como foi o nosso atendimento? Responda de 1 a 5.' };

describe.skipIf(NO_BROWSER)('the triage menu and the satisfaction question on four devices (2026b)', () => {
  let world: World;
  let team: Team;
  let pages: Page[];
  let people: Person[];
  const byName = (name: string) => people.find((p) => p.name === name)!;
  const pageOf = (name: string) => pages[people.indexOf(byName(name))]!;
  const panel = (p: Page) => p.locator('[data-baton-chat]');
  const rowOf = (p: Page, title: string) => p.locator('#pane-side [role="row"]').filter({ has: p.locator(`[data-testid="cell-frame-title"] span[title="${title}"]`) });

  const conversation = async (title: string) => (await team.api<Conversation[]>('GET', '/conversations')).find((c) => c.title === title);
  const eventsOf = (id: string) => team.api<EventView[]>('GET', `/events?conversationId=${id}&limit=1000`);
  /** What WhatsApp itself holds as sent from the business in that chat, with this text. */
  const sent = async (chat: string, text: string) => (await world.sim.control.messages({ chat, fromMe: true, limit: 100 })).filter((m) => m.text === text);

  beforeAll(async () => {
    ({ world, team, pages } = await fourDeviceShop());
    people = team.people;
    await team.api('PATCH', `/agents/${byName('Bea').id}`, { skills: ['cakes'] });
    await team.api('PUT', '/workspace/routing', { mode: 'rules', then: 'round_robin', rules: [] });
    await team.api('PUT', '/workspace/automatic', { greeting: { enabled: false, text: 'Olá!' }, away: { enabled: false, text: 'Fechado.' }, menu: MENU, satisfaction: SURVEY });
  }, 180_000);
  afterAll(() => world?.close());
  beforeEach((context) => screenshotsOnFailure(context, world.pages));

  it('one device sends the menu; the customer answers "2" and the chat lands on the sidebar of the agent with that skill', async () => {
    await newCustomer(world, 'Rosa Nunes', 'Bom dia! Queria saber uma coisa sobre o bolo de aniversário');
    const menu = 'Olá Rosa Nunes! Em que podemos ajudar? Responda com um número: 1 Encomendas, 2 Bolos';
    await expect.poll(async () => (await sent('Rosa Nunes', menu)).length, { timeout: 20_000 }).toBe(1);
    // Asked, and waiting for the answer: nobody has the chat yet.
    await expect.poll(async () => (await conversation('Rosa Nunes'))?.question?.kind ?? null, { timeout: 10_000 }).toBe('menu');
    expect((await conversation('Rosa Nunes'))!.assignee).toBeNull();

    await customerWrites(world, 'Rosa Nunes', '2');
    await expect.poll(async () => (await conversation('Rosa Nunes'))?.assignee ?? null, { timeout: 15_000 }).toBe(byName('Bea').id);
    const rosa = (await conversation('Rosa Nunes'))!;
    const assigned = (await eventsOf(rosa.id)).filter((e) => e.type === 'assignee.changed');
    expect(assigned.map((e) => e.data.routing)).toEqual([{ kind: 'menu', skill: 'cakes', text: 'menu: cakes' }]);
    // Bea's sidebar: hers on the row, and the timeline says what the customer chose.
    const bea = pageOf('Bea');
    await expect.poll(() => rowOf(bea, 'Rosa Nunes').locator('[data-baton-badge]').getAttribute('data-baton-badge').catch(() => null), { timeout: 10_000 }).toBe('mine');
    await rowOf(bea, 'Rosa Nunes').locator('[data-testid="cell-frame-title"]').click();
    await expect.poll(() => bea.locator('[data-baton-timeline]').innerText().catch(() => ''), { timeout: 10_000 }).toContain('The customer chose 2: Bolos');
    // Sent once, however many devices saw the chat; the customer's words are nowhere on the coordinator.
    expect(await sent('Rosa Nunes', menu)).toHaveLength(1);
    for (const bytes of world.coordinator.stored()) expect(bytes.includes(Buffer.from('bolo de anivers'))).toBe(false);
  });

  it('after Bea resolves a chat someone answered, the customer gets the question once and their 5 is hers; the chat stays resolved', async () => {
    // A chat Bea's colleague answered from the phone 35 minutes ago: the quiet time after a reply is long over.
    await world.sim.control.createChats({
      chats: [
        {
          name: 'Júlia Reis',
          avatar: true,
          unread: 0,
          messages: [
            { text: 'Vocês têm pão sem glúten hoje?', minutesAgo: 40 },
            { text: 'Temos sim, até às 18h.', minutesAgo: 35, fromMe: true },
          ],
        },
      ],
    });
    const bea = pageOf('Bea');
    await rowOf(bea, 'Júlia Reis').locator('[data-testid="cell-frame-title"]').click();
    // Opening it told the coordinator of the old exchange, and routing gave the chat to someone: the owner gives it to Bea.
    await expect.poll(async () => (await conversation('Júlia Reis'))?.assignee ?? null, { timeout: 15_000 }).not.toBeNull();
    await team.api('POST', `/conversations/${(await conversation('Júlia Reis'))!.id}/assign`, { to: byName('Bea').id });
    await expect.poll(() => panel(bea).locator('[data-baton-action="resolve"]').count(), { timeout: 10_000 }).toBe(1);
    await panel(bea).locator('[data-baton-action="resolve"]').click();
    await expect.poll(async () => (await conversation('Júlia Reis'))?.status ?? null, { timeout: 10_000 }).toBe('resolved');

    await expect.poll(async () => (await sent('Júlia Reis', SURVEY.text)).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await conversation('Júlia Reis'))?.question?.kind ?? null, { timeout: 10_000 }).toBe('satisfaction');

    await customerWrites(world, 'Júlia Reis', '5');
    const julia = (await conversation('Júlia Reis'))!;
    await expect
      .poll(async () => (await eventsOf(julia.id)).filter((e) => e.type === 'satisfaction.rated').map((e) => [e.data.rating, e.data.agentId]), { timeout: 15_000 })
      .toEqual([[5, byName('Bea').id]]);
    // Every device reads the same "5" (its row, and Bea's open chat): still one rating, still resolved.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await eventsOf(julia.id)).filter((e) => e.type === 'satisfaction.rated')).toHaveLength(1);
    expect(await conversation('Júlia Reis')).toMatchObject({ status: 'resolved', question: { kind: 'satisfaction', answer: 5 } });
    expect(await sent('Júlia Reis', SURVEY.text)).toHaveLength(1);
    await expect.poll(() => bea.locator('[data-baton-timeline]').innerText().catch(() => ''), { timeout: 10_000 }).toContain('The customer rated 5 of 5 (for Bea)');
    for (const bytes of world.coordinator.stored()) expect(bytes.includes(Buffer.from('sem glúten'))).toBe(false);
  });
});
