import { afterEach, describe, expect, it } from 'vitest';
import { testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

describe('linked devices', () => {
  it('links four devices and refuses a fifth with a clear message, keeping its code usable', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    for (const name of ['Counter', 'Office', 'Laptop']) {
      const res = await t.linkDevice(owner.token, name);
      expect(res.status).toBe(201);
      expect(res.body.deviceToken).toMatch(/^btd_/);
    }
    // A code made while a slot was free, presented after the last slot went.
    const code = (await t.call('POST', '/pairing-codes', { token: owner.token })).body.code;
    expect((await t.linkDevice(owner.token, 'Tablet')).status).toBe(201);
    const noCode = await t.call('POST', '/pairing-codes', { token: owner.token });
    expect(noCode.status).toBe(409);
    expect(noCode.body.error.code).toBe('device_limit');
    const fifth = await t.call('POST', '/devices', { body: { code, name: 'Phone' } });
    expect(fifth.status).toBe(409);
    expect(fifth.body.error.code).toBe('device_limit');
    expect(fifth.body.error.message).toContain('4 linked devices');

    const devices = (await t.call('GET', '/devices', { token: owner.token })).body;
    expect(devices).toHaveLength(4);
    expect((await t.call('DELETE', `/devices/${devices[0].id}`, { token: owner.token })).status).toBe(204);
    expect((await t.call('POST', '/devices', { body: { code, name: 'Phone' } })).status).toBe(201);
  });

  it('honours a lower limit set by the owner', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    expect((await t.call('PATCH', '/workspace', { token: owner.token, body: { maxDevices: 2 } })).body.maxDevices).toBe(2);
    expect((await t.call('PATCH', '/workspace', { token: owner.token, body: { maxDevices: 5 } })).status).toBe(400);
    expect((await t.linkDevice(owner.token, 'A')).status).toBe(201);
    expect((await t.linkDevice(owner.token, 'B')).status).toBe(201);
    expect((await t.call('POST', '/pairing-codes', { token: owner.token })).status).toBe(409);
  });

  it('takes a pairing code once, within ten minutes, typed in any case', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const { code, expiresAt } = (await t.call('POST', '/pairing-codes', { token: owner.token })).body;
    expect(Date.parse(expiresAt) - t.now()).toBe(10 * 60_000);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const typed = code.toLowerCase().replace('-', ' ');
    expect((await t.call('POST', '/devices', { body: { code: typed, name: 'Counter' } })).status).toBe(201);
    const reused = await t.call('POST', '/devices', { body: { code, name: 'Again' } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_code');

    const late = (await t.call('POST', '/pairing-codes', { token: owner.token })).body.code;
    t.advance(10 * 60_000 + 1);
    expect((await t.call('POST', '/devices', { body: { code: late, name: 'Late' } })).status).toBe(400);
  });

  it('lets agents sign in on a device in turn, shows who is on it, and unlinking signs them out', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const device = (await t.linkDevice(owner.token, 'Counter')).body;
    const ana = await t.addAgent(owner.token, 'Ana', { deviceToken: device.deviceToken });
    t.advance(5000);
    await t.call('POST', '/me/heartbeat', { token: ana.token });
    let list = (await t.call('GET', '/devices', { token: owner.token })).body;
    expect(list[0]).toMatchObject({ name: 'Counter', signedIn: [{ agentId: ana.id, name: 'Ana' }], lastSeenAt: new Date(t.now()).toISOString() });

    await t.call('DELETE', '/sessions/current', { token: ana.token });
    const bruno = await t.addAgent(owner.token, 'Bruno', { deviceToken: device.deviceToken });
    list = (await t.call('GET', '/devices', { token: owner.token })).body;
    expect(list[0].signedIn).toEqual([{ agentId: bruno.id, name: 'Bruno' }]);

    expect((await t.call('DELETE', `/devices/${device.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.call('GET', '/me', { token: bruno.token })).status).toBe(401);
    const again = await t.call('POST', '/sessions', { body: { email: bruno.email, password: 'agent-pass-1', deviceToken: device.deviceToken } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unknown_device');
  });

  it('agents cannot make pairing codes or see devices', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    expect((await t.call('POST', '/pairing-codes', { token: ana.token })).status).toBe(403);
    expect((await t.call('GET', '/devices', { token: ana.token })).status).toBe(403);
  });
});
