import { afterEach, describe, expect, it } from 'vitest';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

describe('setup', () => {
  it('creates the workspace and its owner once, then refuses', async () => {
    t = testCoordinator();
    expect((await t.call('GET', '/health')).body).toMatchObject({ ok: true, setUp: false });
    const { token } = await t.setup();
    const me = await t.call('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.agent).toMatchObject({ name: 'Olga Owner', role: 'owner', status: 'online' });
    expect(me.body.agent).not.toHaveProperty('passwordHash');

    const again = await t.call('POST', '/setup', { body: { workspace: 'Other', name: 'Eve', email: 'eve@x.test', password: 'eve-pass-12' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_set_up');
    expect((await t.call('GET', '/health')).body.setUp).toBe(true);
  });

  it('two setups at once make one workspace', async () => {
    t = testCoordinator();
    const body = (n: number) => ({ workspace: `Shop ${n}`, name: 'Olga', email: `o${n}@x.test`, password: 'owner-pass-1' });
    const results = await Promise.all([1, 2, 3].map((n) => t.call('POST', '/setup', { body: body(n) })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('stores passwords hashed with scrypt, never in clear', async () => {
    t = testCoordinator();
    await t.setup();
    const row = t.sqlite.prepare('select password_hash from agents').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('owner-pass-1');
    const session = t.sqlite.prepare('select token_hash from sessions').get() as { token_hash: string };
    expect(session.token_hash).not.toMatch(/^bts_/);
  });
});

describe('sessions', () => {
  it('signs in, refuses a wrong password, signs out', async () => {
    t = testCoordinator();
    const setupSession = await t.setup();
    const wrong = await t.call('POST', '/sessions', { body: { email: 'owner@padaria.test', password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'invalid_credentials', message: 'Email or password is wrong' });
    const unknown = await t.call('POST', '/sessions', { body: { email: 'nobody@padaria.test', password: 'nope-nope' } });
    expect(unknown.status).toBe(401);

    const ok = await t.call('POST', '/sessions', { body: { email: 'OWNER@padaria.test', password: 'owner-pass-1' } });
    expect(ok.status).toBe(201);
    const token = ok.body.token;
    expect((await t.call('GET', '/me', { token })).status).toBe(200);
    expect((await t.call('DELETE', '/sessions/current', { token })).status).toBe(204);
    const after = await t.call('GET', '/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    // Signed in somewhere else still: still online. Signed in nowhere: offline at once, and told.
    expect(t.sqlite.prepare('select status from agents').get()).toEqual({ status: 'online' });
    await t.call('DELETE', '/sessions/current', { token: setupSession.token });
    const row = t.sqlite.prepare('select status from agents').get();
    expect(row).toEqual({ status: 'offline' });
    const types = (t.sqlite.prepare('select type from events order by seq').all() as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(['agent.signed_in', 'agent.status_changed', 'agent.signed_in', 'agent.signed_out', 'agent.signed_out', 'agent.status_changed']);
  });

  it('expires sessions after 30 days', async () => {
    t = testCoordinator();
    const { token } = await t.setup();
    t.advance(29 * 24 * 3600_000);
    expect((await t.call('GET', '/me', { token })).status).toBe(200);
    t.advance(2 * 24 * 3600_000);
    expect((await t.call('GET', '/me', { token })).status).toBe(401);
  });

  it('lets the owner sign everyone else out at the end of a shift', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const bruno = await t.addAgent(owner.token, 'Bruno');
    expect((await t.call('DELETE', '/sessions', { token: ana.token })).status).toBe(403);
    const res = await t.call('DELETE', '/sessions', { token: owner.token });
    expect(res.body).toEqual({ signedOut: 2 });
    expect((await t.call('GET', '/me', { token: ana.token })).status).toBe(401);
    expect((await t.call('GET', '/me', { token: bruno.token })).status).toBe(401);
    expect((await t.call('GET', '/me', { token: owner.token })).status).toBe(200);
    const agents = (await t.call('GET', '/agents', { token: owner.token })).body;
    expect(agents.find((a: { id: string }) => a.id === ana.id).status).toBe('offline');
  });
});

describe('agents', () => {
  it('only the owner adds, changes and removes agents; emails are unique', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const denied = await t.call('POST', '/agents', { token: ana.token, body: { name: 'X', email: 'x@x.test', password: 'password1' } });
    expect(denied.status).toBe(403);
    const dup = await t.call('POST', '/agents', { token: owner.token, body: { name: 'Ana 2', email: 'ana@padaria.test', password: 'password1' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('email_taken');

    const patched = await t.call('PATCH', `/agents/${ana.id}`, { token: owner.token, body: { skills: ['billing'], capacity: 8 } });
    expect(patched.body).toMatchObject({ skills: ['billing'], capacity: 8 });

    expect((await t.call('DELETE', `/agents/${owner.ownerId}`, { token: owner.token })).status).toBe(400);
    expect((await t.call('DELETE', `/agents/${ana.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.call('GET', '/me', { token: ana.token })).status).toBe(401);
    const signIn = await t.call('POST', '/sessions', { body: { email: ana.email, password: 'agent-pass-1' } });
    expect(signIn.status).toBe(401);
    expect((await t.call('GET', '/agents', { token: owner.token })).body).toHaveLength(1);
  });

  it('sets status by hand, and the sweep takes silent agents offline until their next heartbeat', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const away = await t.call('PUT', '/me/status', { token: ana.token, body: { status: 'on_break' } });
    expect(away.body.status).toBe('on_break');
    const { sweepPresence } = await import('../presence');

    t.advance(60_000);
    await t.call('POST', '/me/heartbeat', { token: owner.token });
    t.advance(60_000); // Ana: 120 s silent; owner: 60 s
    expect(sweepPresence(t.deps)).toBe(1);
    const list = (await t.call('GET', '/agents', { token: owner.token })).body as { id: string; status: string }[];
    expect(list.find((a) => a.id === ana.id)!.status).toBe('offline');
    expect(list.find((a) => a.id === owner.ownerId)!.status).toBe('online');

    await t.call('POST', '/me/heartbeat', { token: ana.token });
    expect((await t.call('GET', '/me', { token: ana.token })).body.agent.status).toBe('online');

    // Offline by hand stays offline whatever the heartbeats.
    await t.call('PUT', '/me/status', { token: ana.token, body: { status: 'offline' } });
    await t.call('POST', '/me/heartbeat', { token: ana.token });
    expect((await t.call('GET', '/me', { token: ana.token })).body.agent.status).toBe('offline');
  });
});
