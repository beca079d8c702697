import { afterEach, describe, expect, it } from 'vitest';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

async function twoDevices() {
  t = testCoordinator();
  const owner = await t.setup();
  const ana = await t.addAgent(owner.token, 'Ana');
  const bruno = await t.addAgent(owner.token, 'Bruno');
  const report = (token: string, body: { jid?: string; title: string }) => t.call('POST', '/conversations', { token, body });
  return { owner, ana, bruno, report };
}

describe('conversation identity across devices', () => {
  it('gives the same chat the same id on every device, by JID or by title', async () => {
    const { ana, bruno, report } = await twoDevices();
    const first = await report(ana.token, { jid: '5511999990000@s.whatsapp.net', title: 'Maria Silva' });
    expect(first.status).toBe(201);
    expect(first.body.jid).toBe('5511999990000@c.us');
    const byJid = await report(bruno.token, { jid: '5511999990000@c.us', title: 'Maria Silva' });
    expect(byJid).toMatchObject({ status: 200, body: { id: first.body.id } });
    const byTitle = await report(bruno.token, { title: '  maria   SILVA ' });
    expect(byTitle).toMatchObject({ status: 200, body: { id: first.body.id } });
  });

  it('learns the JID of a chat known by its title, and merges a title-only twin into the JID’s', async () => {
    const { ana, bruno, owner, report } = await twoDevices();
    // Ana's WhatsApp shows no JIDs (bare message ids); she sees "João" first and claims it.
    const titleOnly = (await report(ana.token, { title: 'João' })).body;
    expect(titleOnly.jid).toBeNull();
    await t.call('POST', `/conversations/${titleOnly.id}/claim`, { token: ana.token });
    await t.call('POST', `/conversations/${titleOnly.id}/notes`, { token: ana.token, body: { text: 'Regular customer' } });
    // Bruno's page shows the JID: the same conversation, now with its JID.
    const learnt = await report(bruno.token, { jid: '5521988887777@c.us', title: 'João' });
    expect(learnt).toMatchObject({ status: 200, body: { id: titleOnly.id, jid: '5521988887777@c.us', assignee: ana.id } });

    // A twin: Carla's device made a JID conversation while Ana's had a title-only one.
    const jidFirst = (await report(bruno.token, { jid: '5531977776666@c.us', title: 'Pedro' })).body;
    await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' } });
    const twin = await t.call('POST', '/conversations', { token: ana.token, body: { title: 'Pedro Alves' } });
    await t.call('PUT', `/conversations/${twin.body.id}/tags`, { token: ana.token, body: { tags: ['vip'] } });
    await t.call('POST', `/conversations/${twin.body.id}/claim`, { token: ana.token });
    await t.call('POST', `/conversations/${twin.body.id}/notes`, { token: ana.token, body: { text: 'Asked for the catalogue' } });
    // Pedro is saved as "Pedro Alves" now; a device seeing both reports the JID with the new name.
    const merged = await report(bruno.token, { jid: '5531977776666@c.us', title: 'Pedro Alves' });
    expect(merged.body).toMatchObject({ id: jidFirst.id, title: 'Pedro Alves', assignee: ana.id, tags: ['vip'] });
    expect((await t.call('GET', `/conversations/${twin.body.id}`, { token: ana.token })).status).toBe(404);
    const notes = (await t.call('GET', `/conversations/${jidFirst.id}/notes`, { token: ana.token })).body;
    expect(notes.map((n: { text: string }) => n.text)).toEqual(['Asked for the catalogue']);
    const events = (await t.call('GET', `/events?conversationId=${jidFirst.id}`, { token: ana.token })).body;
    expect(events.map((e: { type: string }) => e.type)).toContain('conversation.merged');
    // Both titles still find it.
    expect((await report(ana.token, { title: 'Pedro' })).body.id).toBe(jidFirst.id);
    expect((await report(ana.token, { title: 'Pedro Alves' })).body.id).toBe(jidFirst.id);
  });

  it('keeps two contacts with the same name apart, and says so when a title alone is ambiguous', async () => {
    const { ana, report } = await twoDevices();
    const one = (await report(ana.token, { jid: '5511900000001@c.us', title: 'John' })).body;
    const two = (await report(ana.token, { jid: '5511900000002@c.us', title: 'John' })).body;
    expect(one.id).not.toBe(two.id);
    const ambiguous = await report(ana.token, { title: 'John' });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.error.code).toBe('ambiguous_title');
    expect(ambiguous.body.candidates.sort()).toEqual([one.id, two.id].sort());
  });

  it('reads an unsaved number’s title as its JID', async () => {
    const { ana, bruno, report } = await twoDevices();
    const byTitle = (await report(ana.token, { title: '+55 11 99999-0000' })).body;
    expect(byTitle.jid).toBe('5511999990000@c.us');
    expect((await report(bruno.token, { jid: '5511999990000@c.us', title: 'Maria (saved later)' })).body.id).toBe(byTitle.id);
  });

  it('refuses something that is not a JID', async () => {
    const { ana, report } = await twoDevices();
    const res = await report(ana.token, { jid: 'not a jid', title: 'X' });
    expect(res.status).toBe(400);
  });
});

describe('message reports', () => {
  it('records each message once though four devices report it, and credits the reply to its sender', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const team = [];
    for (const name of ['Ana', 'Bruno', 'Carla', 'Davi']) {
      const device = (await t.linkDevice(owner.token, `${name}'s browser`)).body;
      team.push(await t.addAgent(owner.token, name, { deviceToken: device.deviceToken }));
    }
    const chat = (await t.call('POST', '/conversations', { token: team[0]!.token, body: { jid: '5511999990000@c.us', title: 'Maria' } })).body;
    const inbound = { conversationId: chat.id, waMessageId: '3EB0AAAA', direction: 'in', at: new Date(t.now()).toISOString() };
    t.advance(60_000);
    const reply = { conversationId: chat.id, waMessageId: '3EB0BBBB', direction: 'out', at: new Date(t.now()).toISOString() };

    // Bruno, Carla and Davi see both; Ana (who sent the reply) reports last, saying it was hers.
    const results = [];
    for (const agent of team.slice(1)) results.push((await t.call('POST', '/messages', { token: agent.token, body: { messages: [inbound, reply] } })).body);
    results.push((await t.call('POST', '/messages', { token: team[0]!.token, body: { messages: [inbound, { ...reply, sentByMe: true }] } })).body);
    expect(results).toEqual([
      { recorded: 2, duplicates: 0 },
      { recorded: 0, duplicates: 2 },
      { recorded: 0, duplicates: 2 },
      { recorded: 0, duplicates: 2 },
    ]);
    const rows = t.sqlite.prepare('select wa_message_id, direction, agent_id from messages order by at').all();
    expect(rows).toEqual([
      { wa_message_id: '3EB0AAAA', direction: 'in', agent_id: null },
      { wa_message_id: '3EB0BBBB', direction: 'out', agent_id: team[0]!.id },
    ]);
    const events = (await t.call('GET', `/events?conversationId=${chat.id}`, { token: owner.token })).body as { type: string }[];
    expect(events.filter((e) => e.type === 'message.created')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'message.credited')).toHaveLength(1);
    // No message text is stored anywhere: the schema has no column for it.
    const columns = (t.sqlite.prepare('pragma table_info(messages)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('text');
    expect(columns).not.toContain('body');
  });

  it('starts the waiting clock at the first unanswered customer message and stops it on a reply; a customer reopens a resolved chat', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const msg = (id: string, direction: 'in' | 'out') => ({ conversationId: chat.id, waMessageId: id, direction, at: new Date(t.now()).toISOString() });
    const send = (m: object) => t.call('POST', '/messages', { token: owner.token, body: { messages: [m] } });
    const first = new Date(t.now()).toISOString();
    await send(msg('a', 'in'));
    t.advance(30_000);
    await send(msg('b', 'in'));
    let view = (await t.call('GET', `/conversations/${chat.id}`, { token: owner.token })).body;
    expect(view.waitingSince).toBe(first);
    t.advance(30_000);
    await send(msg('c', 'out'));
    view = (await t.call('GET', `/conversations/${chat.id}`, { token: owner.token })).body;
    expect(view).toMatchObject({ waitingSince: null, lastOutboundAt: new Date(t.now()).toISOString() });

    await t.call('POST', `/conversations/${chat.id}/resolve`, { token: owner.token });
    t.advance(1000);
    await send(msg('d', 'in'));
    view = (await t.call('GET', `/conversations/${chat.id}`, { token: owner.token })).body;
    expect(view).toMatchObject({ status: 'open', waitingSince: new Date(t.now()).toISOString() });
  });

  it('refuses a batch naming a conversation of another workspace, recording nothing of it', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const chat = (await t.call('POST', '/conversations', { token: owner.token, body: { title: 'Maria' } })).body;
    const res = await t.call('POST', '/messages', {
      token: owner.token,
      body: {
        messages: [
          { conversationId: chat.id, waMessageId: 'ok', direction: 'in', at: new Date(t.now()).toISOString() },
          { conversationId: 'elsewhere', waMessageId: 'x', direction: 'in', at: new Date(t.now()).toISOString() },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(t.sqlite.prepare('select count(*) n from messages').get()).toEqual({ n: 0 });
  });
});
