// Every route, tried with bad input and across workspaces: a clear error, and nothing changed.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/domain/limits';
import { ENDPOINTS } from '../routes/openapi';
import { createWorkspace } from '../workspaces';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

/** Every row of every table, to prove a refused request wrote nothing. */
function everything(): string {
  const tables = t.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name != 'idempotency_keys'").all() as { name: string }[];
  return JSON.stringify(tables.map(({ name }) => [name, t.sqlite.prepare(`select * from "${name}"`).all()]));
}

async function populatedWorkspace() {
  const owner = await t.setup();
  const device = (await t.linkDevice(owner.token, 'Counter')).body;
  const ana = await t.addAgent(owner.token, 'Ana', { deviceToken: device.deviceToken });
  const chat = (await t.call('POST', '/conversations', { token: ana.token, body: { jid: '5511999990000@c.us', title: 'Maria' } })).body;
  await t.call('POST', `/conversations/${chat.id}/claim`, { token: ana.token });
  await t.call('POST', `/conversations/${chat.id}/notes`, { token: ana.token, body: { text: 'secret note' } });
  const canned = (await t.call('POST', '/canned-responses', { token: owner.token, body: { shortcut: 'hours', text: 'We open at 8' } })).body;
  const tag = (await t.call('POST', '/tags', { token: owner.token, body: { name: 'vip' } })).body;
  return { owner, ana, device, chat, canned, tag };
}

const routesWithBody = ENDPOINTS.filter((e) => e.body);

describe('bad input', () => {
  it('answers every bad body on every route with 400 and the error shape, writing nothing', async () => {
    t = testCoordinator();
    const a = await populatedWorkspace();
    const path = (p: string) => p.replace('{id}', p.startsWith('/agents') ? a.ana.id : p.startsWith('/canned') ? a.canned.id : a.chat.id);
    const before = everything();
    const bad: { name: string; raw: string }[] = [
      { name: 'unknown field', raw: JSON.stringify({ unexpected: true }) },
      { name: 'malformed JSON', raw: '{"oops":' },
      { name: 'array', raw: '[]' },
      { name: 'wrong types', raw: JSON.stringify({ name: 42, email: [], text: {}, to: 7, messages: 'x', tags: 'vip', status: 'asleep', until: 'soon' }) },
    ];
    expect(routesWithBody.length).toBeGreaterThan(15);
    for (const endpoint of routesWithBody) {
      for (const { name, raw } of bad) {
        const res = await t.call(endpoint.method.toUpperCase(), path(endpoint.path), {
          token: a.owner.token,
          raw,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status, `${endpoint.method} ${endpoint.path}: ${name}`).toBe(400);
        expect(res.body.error.code).toBe('invalid_request');
        expect(typeof res.body.error.message).toBe('string');
        expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
      }
    }
    expect(everything()).toBe(before);
  });

  it('refuses bodies over the size cap with 413', async () => {
    t = testCoordinator();
    const a = await populatedWorkspace();
    const before = everything();
    const res = await t.call('POST', `/conversations/${a.chat.id}/notes`, {
      token: a.owner.token,
      raw: JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body_too_large');
    expect(everything()).toBe(before);
  });

  it('names an unknown route and a missing token plainly', async () => {
    t = testCoordinator();
    await t.setup();
    expect((await t.call('GET', '/nope')).body.error.code).toBe('not_found');
    for (const endpoint of ENDPOINTS.filter((e) => e.access !== 'public' && e.path !== '/realtime')) {
      const res = await t.call(endpoint.method.toUpperCase(), endpoint.path.replace('{id}', 'x'));
      expect(res.status, `${endpoint.method} ${endpoint.path}`).toBe(401);
    }
  });
});

describe('workspace isolation', () => {
  it('lets nothing cross between workspaces, on any route', async () => {
    t = testCoordinator();
    const a = await populatedWorkspace();
    await createWorkspace(t.db, t.now(), { workspace: 'Other shop', name: 'Bea', email: 'bea@other.test', password: 'bea-pass-12' }, { onlyIfFirst: false });
    const bea = (await t.call('POST', '/sessions', { body: { email: 'bea@other.test', password: 'bea-pass-12' } })).body.token as string;
    const beaId = (await t.call('GET', '/me', { token: bea })).body.agent.id;
    const before = everything();

    const idFor = (p: string) =>
      p.startsWith('/agents') ? a.ana.id : p.startsWith('/devices') ? a.device.id : p.startsWith('/canned') ? a.canned.id : p.startsWith('/tags') ? a.tag.id : a.chat.id;
    const bodies: Record<string, unknown> = {
      'post /conversations/{id}/transfer': { to: beaId },
      'post /conversations/{id}/assign': { to: null },
      'post /conversations/{id}/snooze': { until: new Date(t.now() + 3600_000).toISOString() },
      'put /conversations/{id}/tags': { tags: [] },
      'post /conversations/{id}/notes': { text: 'peek' },
      'patch /agents/{id}': { name: 'Hacked' },
      'put /canned-responses/{id}': { shortcut: 'hours', text: 'Hacked' },
      'post /automatic-messages/{id}/result': { outcome: 'sent' },
    };
    const withId = ENDPOINTS.filter((e) => e.path.includes('{id}'));
    expect(withId.length).toBeGreaterThan(15);
    for (const endpoint of withId) {
      const res = await t.call(endpoint.method.toUpperCase(), endpoint.path.replace('{id}', idFor(endpoint.path)), {
        token: bea,
        body: bodies[`${endpoint.method} ${endpoint.path}`],
      });
      expect(res.status, `${endpoint.method} ${endpoint.path}`).toBe(404);
    }

    // Lists show none of the other workspace's data.
    const secrets = [a.ana.id, a.chat.id, a.device.id, a.canned.id, a.tag.id, 'secret note', 'Maria', 'We open at 8'];
    for (const path of ['/agents', '/conversations', '/events', '/canned-responses', '/tags', '/devices', '/workspace', '/me']) {
      const res = await t.call('GET', path, { token: bea });
      expect(res.status, path).toBe(200);
      for (const secret of secrets) expect(JSON.stringify(res.body), `${path} leaks ${secret}`).not.toContain(secret);
    }

    // Reports naming the other workspace's conversation are refused; the same JID is a new chat here.
    const report = await t.call('POST', '/messages', {
      token: bea,
      body: { messages: [{ conversationId: a.chat.id, waMessageId: 'x', direction: 'in', at: new Date(t.now()).toISOString() }] },
    });
    expect(report.status).toBe(422);
    expect(everything()).toBe(before);
    const mine = await t.call('POST', '/conversations', { token: bea, body: { jid: '5511999990000@c.us', title: 'Maria' } });
    expect(mine.status).toBe(201);
    expect(mine.body.id).not.toBe(a.chat.id);
    // A's device cannot sign B's people in.
    const cross = await t.call('POST', '/sessions', { body: { email: 'bea@other.test', password: 'bea-pass-12', deviceToken: a.device.deviceToken } });
    expect(cross.status).toBe(401);
  });
});
