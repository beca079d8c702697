import { afterEach, describe, expect, it } from 'vitest';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

async function twoDevices() {
  t = testCoordinator();
  const owner = await t.setup();
  const ana = await t.addAgent(owner.token, 'Ana');
  const bruno = await t.addAgent(owner.token, 'Bruno');
  const report = (token: string, body: { jid?: string; title: string; avatar?: string; shared?: boolean; namesakes?: boolean }) => t.call('POST', '/conversations', { token, body });
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

describe('same-name chats (no JID on the page)', () => {
  const A = 'a:00000000000000aa';
  const B = 'a:00000000000000bb';

  it('keeps two Johns with different pictures apart, each with its own owner', async () => {
    const { ana, bruno, report } = await twoDevices();
    // Bruno's list shows both Johns, each with his picture.
    const one = await report(ana.token, { title: 'John', avatar: A });
    const two = await report(bruno.token, { title: 'John', avatar: B, namesakes: true });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(two.body.id).not.toBe(one.body.id);
    expect(one.body).toMatchObject({ title: 'John', jid: null, avatar: A });
    await t.call('POST', `/conversations/${one.body.id}/claim`, { token: ana.token });
    await t.call('POST', `/conversations/${two.body.id}/claim`, { token: bruno.token });
    // Each device finds each John again by his picture; nobody's conversation moves.
    expect((await report(bruno.token, { title: 'John', avatar: A })).body).toMatchObject({ id: one.body.id, assignee: ana.id });
    expect((await report(ana.token, { title: 'john', avatar: B, shared: true })).body).toMatchObject({ id: two.body.id, assignee: bruno.id });
    // A title alone cannot say which John: 409 with both.
    const titleOnly = await report(ana.token, { title: 'John' });
    expect(titleOnly.status).toBe(409);
    expect(titleOnly.body.error.code).toBe('ambiguous_title');
    expect(titleOnly.body.candidates.sort()).toEqual([one.body.id, two.body.id].sort());
    const list = (await t.call('GET', '/conversations', { token: ana.token })).body as { id: string; assignee: string }[];
    expect(list.map((c) => [c.id, c.assignee]).sort()).toEqual([[one.body.id, ana.id], [two.body.id, bruno.id]].sort());
  });

  it('refuses a title the device itself sees twice, even when only one such chat is known', async () => {
    const { ana, report } = await twoDevices();
    expect((await report(ana.token, { title: 'John', shared: true })).status).toBe(409);
    const john = (await report(ana.token, { title: 'John' })).body;
    const shared = await report(ana.token, { title: 'John', shared: true });
    expect(shared.status).toBe(409);
    expect(shared.body).toMatchObject({ error: { code: 'ambiguous_title' }, candidates: [john.id] });
    // Nor does a shared row teach its picture to the one known John: it could be the other row.
    const sharedWithPicture = await report(ana.token, { title: 'John', avatar: A, shared: true });
    expect(sharedWithPicture.status).toBe(409);
    expect((await t.call('GET', `/conversations/${john.id}`, { token: ana.token })).body.avatar).toBeNull();
  });

  it('teaches the one known John his picture, and a second picture makes a second John', async () => {
    const { ana, bruno, report } = await twoDevices();
    const known = (await report(ana.token, { title: 'John' })).body;
    await t.call('POST', `/conversations/${known.id}/claim`, { token: ana.token });
    const learnt = await report(bruno.token, { title: 'John', avatar: A });
    expect(learnt).toMatchObject({ status: 200, body: { id: known.id, avatar: A, assignee: ana.id } });
    const second = await report(bruno.token, { title: 'John', avatar: B, namesakes: true });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ avatar: B, assignee: null });
    expect(second.body.id).not.toBe(known.id);
    const again = await report(ana.token, { title: 'John' });
    expect(again.status).toBe(409);
    expect(again.body.candidates.sort()).toEqual([known.id, second.body.id].sort());
  });

  it('keeps one John when he changes his photo and no namesake is in sight', async () => {
    const { ana, bruno, report } = await twoDevices();
    const john = (await report(ana.token, { title: 'John', avatar: A })).body;
    await t.call('POST', `/conversations/${john.id}/claim`, { token: ana.token });
    const newPhoto = await report(bruno.token, { title: 'John', avatar: B });
    expect(newPhoto).toMatchObject({ status: 200, body: { id: john.id, avatar: B, assignee: ana.id } });
    expect((await t.call('GET', '/conversations', { token: ana.token })).body).toHaveLength(1);
  });

  it('refuses a new picture when more than one John could be it', async () => {
    const { ana, report } = await twoDevices();
    const one = (await report(ana.token, { jid: '5511900000001@c.us', title: 'John' })).body;
    const two = (await report(ana.token, { jid: '5511900000002@c.us', title: 'John' })).body;
    const res = await report(ana.token, { title: 'John', avatar: A });
    expect(res.status).toBe(409);
    expect(res.body.candidates.sort()).toEqual([one.id, two.id].sort());
    // Once one of them is reported with its JID and picture, the picture finds him.
    await report(ana.token, { jid: '5511900000002@c.us', title: 'John', avatar: B });
    expect((await report(ana.token, { title: 'John', avatar: B })).body.id).toBe(two.id);
    // The other could still be a John with picture A: still refused, never guessed.
    expect((await report(ana.token, { title: 'John', avatar: A })).body.candidates).toEqual([one.id]);
  });

  it('learns a picture from a JID report, and never folds a John with another picture into it', async () => {
    const { ana, bruno, report } = await twoDevices();
    const titleOnly = (await report(ana.token, { title: 'John', avatar: A })).body;
    await t.call('POST', `/conversations/${titleOnly.id}/claim`, { token: ana.token });
    const byJid = await report(bruno.token, { jid: '5511900000009@c.us', title: 'John', avatar: B });
    expect(byJid.status).toBe(201);
    expect(byJid.body).toMatchObject({ jid: '5511900000009@c.us', avatar: B, assignee: null });
    expect((await t.call('GET', `/conversations/${titleOnly.id}`, { token: ana.token })).body).toMatchObject({ jid: null, avatar: A, assignee: ana.id });
    // The same JID with A's picture is the title-only John after all: folded in, owner kept.
    await t.call('POST', `/conversations/${byJid.body.id}/claim`, { token: bruno.token });
    const other = await report(ana.token, { jid: '5511900000008@c.us', title: 'John', avatar: A });
    expect(other).toMatchObject({ status: 200, body: { id: titleOnly.id, jid: '5511900000008@c.us', avatar: A, assignee: ana.id } });
    expect((await t.call('GET', `/conversations/${byJid.body.id}`, { token: ana.token })).body.assignee).toBe(bruno.id);
    // A JID report with a new picture updates it (a new photo).
    expect((await report(ana.token, { jid: '5511900000008@c.us', title: 'John', avatar: 'a:00000000000000cc' })).body.avatar).toBe('a:00000000000000cc');
  });

  it('refuses a malformed picture key, and stores titles without invisible marks', async () => {
    const { ana, report } = await twoDevices();
    for (const avatar of ['', 'has space', 'x'.repeat(65), 'https://pps.whatsapp.net/v/t61?oh=1']) {
      expect((await report(ana.token, { title: 'John', avatar })).status, avatar).toBe(400);
    }
    expect((await report(ana.token, { title: 'John', shared: 'yes' as unknown as boolean })).status).toBe(400);
    const marked = await report(ana.token, { title: '\u202aJohn\u00a0 Smith\u202c' });
    expect(marked.body.title).toBe('John Smith');
    expect((await report(ana.token, { title: 'John Smith' })).body.id).toBe(marked.body.id);
    expect((await report(ana.token, { title: '\u200e\u200f' })).status).toBe(400);
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
