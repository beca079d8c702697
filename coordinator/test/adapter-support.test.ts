// What the coordinator does for the extension's WhatsApp adapter: selector hot-fixes pushed to
// every device, and each device's health listed for the owner.
import { afterEach, describe, expect, it } from 'vitest';
import { listen, TestDevice, testCoordinator, type TestCoordinator } from './harness';

let t: TestCoordinator;
afterEach(() => t?.close());

describe('selector overrides', () => {
  it('the owner pushes selectors that reach every connected device live and new ones in the snapshot', async () => {
    t = testCoordinator();
    const server = await listen(t);
    const owner = await t.setup();
    const device = (await t.linkDevice(owner.token, 'Counter')).body;
    const ana = await t.addAgent(owner.token, 'Ana', { deviceToken: device.deviceToken });
    const { device: socket } = await TestDevice.connect(server.wsUrl, ana.token);
    const pushed = socket.next((m) => m.type === 'event' && m.event.type === 'workspace.updated');

    const selectorOverrides = { chatList: ['#pane-side [data-list="chats"]'], sendIcon: ['[data-icon="wds-ic-send-2027"]'] };
    const res = await t.call('PUT', '/workspace/selector-overrides', { token: owner.token, body: { selectorOverrides } });
    expect(res.status).toBe(200);
    expect(res.body.selectorOverrides).toEqual(selectorOverrides);
    const message = await pushed;
    expect(message.type === 'event' && message.event.data).toMatchObject({ workspace: { selectorOverrides } });

    const later = await TestDevice.connect(server.wsUrl, ana.token);
    expect(later.welcome.snapshot!.workspace.selectorOverrides).toEqual(selectorOverrides);
    socket.close();
    later.device.close();
    await server.close();
  });

  it('refuses unknown landmarks and agents', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const unknown = await t.call('PUT', '/workspace/selector-overrides', { token: owner.token, body: { selectorOverrides: { nope: ['x'] } } });
    expect(unknown.status).toBe(400);
    const agent = await t.call('PUT', '/workspace/selector-overrides', { token: ana.token, body: { selectorOverrides: {} } });
    expect(agent.status).toBe(403);
  });
});

describe('device health', () => {
  it('is reported by the device, listed for the owner, and announced only when it changes', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const device = (await t.linkDevice(owner.token, 'Counter')).body;
    const ana = await t.addAgent(owner.token, 'Ana', { deviceToken: device.deviceToken });
    const report = (missing: string[]) =>
      t.call('PUT', '/devices/current/health', {
        token: ana.token,
        body: { missing, matched: { chatList: null, chatRow: null, app: '#app' }, extensionVersion: '0.1.0' },
      });
    expect((await report(['chatList'])).status).toBe(204);
    t.advance(5000);
    await report(['chatList']);
    expect((await t.call('GET', '/devices', { token: owner.token })).body[0].health.cannotRead).toEqual(['the chat list']);
    await report([]);
    const list = (await t.call('GET', '/devices', { token: owner.token })).body;
    expect(list[0].health).toEqual({
      missing: [],
      cannotRead: [],
      extensionVersion: '0.1.0',
      checkedAt: new Date(t.now()).toISOString(),
      counts: { undirected: 0, refused: 0 },
    });
    const changes = (await t.call('GET', '/events', { token: owner.token })).body.filter((e: { type: string }) => e.type === 'device.health_changed');
    expect(changes.map((e: { data: { missing: string[] } }) => e.data.missing)).toEqual([['chatList'], []]);

    const noDevice = await t.call('PUT', '/devices/current/health', { token: owner.token, body: { missing: [], matched: {}, extensionVersion: '0.1.0' } });
    expect(noDevice.status).toBe(400);
    expect(noDevice.body.error.code).toBe('no_device');
    expect((await report(['notALandmark'])).status).toBe(400);
  });

  it('lists a device that can read everything (missing: []) as OK from its first report', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const device = (await t.linkDevice(owner.token, 'Counter')).body;
    const ana = await t.addAgent(owner.token, 'Ana', { deviceToken: device.deviceToken });
    expect((await t.call('GET', '/devices', { token: owner.token })).body[0].health).toBeNull();
    const res = await t.call('PUT', '/devices/current/health', { token: ana.token, body: { missing: [], matched: {}, extensionVersion: '0.2.0' } });
    expect(res.status).toBe(204);
    const health = (await t.call('GET', '/devices', { token: owner.token })).body[0].health;
    // What the owner's page reads to show "OK": a health with nothing it cannot read.
    expect(health).toMatchObject({ missing: [], cannotRead: [], extensionVersion: '0.2.0', counts: { undirected: 0, refused: 0 } });
    const events = (await t.call('GET', '/events', { token: owner.token })).body.filter((e: { type: string }) => e.type === 'device.health_changed');
    expect(events.map((e: { data: unknown }) => e.data)).toEqual([{ deviceId: device.id, missing: [], extensionVersion: '0.2.0', counts: { undirected: 0, refused: 0 } }]);
  });

  it('carries what the device holds back, announced when it starts or stops holding something back', async () => {
    t = testCoordinator();
    const owner = await t.setup();
    const device = (await t.linkDevice(owner.token, 'Counter')).body;
    const ana = await t.addAgent(owner.token, 'Ana', { deviceToken: device.deviceToken });
    const report = (counts?: { undirected: number; refused: number }) =>
      t.call('PUT', '/devices/current/health', { token: ana.token, body: { missing: [], matched: {}, extensionVersion: '0.2.0', ...(counts ? { counts } : {}) } });
    const listed = async () => (await t.call('GET', '/devices', { token: owner.token })).body[0].health.counts;
    expect((await report()).status).toBe(204);
    expect((await report({ undirected: 3, refused: 1 })).status).toBe(204);
    expect(await listed()).toEqual({ undirected: 3, refused: 1 });
    await report({ undirected: 5, refused: 1 }); // still holding back: no new event
    expect(await listed()).toEqual({ undirected: 5, refused: 1 });
    await report({ undirected: 0, refused: 0 });
    expect(await listed()).toEqual({ undirected: 0, refused: 0 });
    await report({ undirected: 2, refused: 0 });
    await report(); // an extension that sends no counts holds nothing back
    expect(await listed()).toEqual({ undirected: 0, refused: 0 });
    const events = (await t.call('GET', '/events', { token: owner.token })).body.filter((e: { type: string }) => e.type === 'device.health_changed');
    expect(events.map((e: { data: { counts: unknown } }) => e.data.counts)).toEqual([
      { undirected: 0, refused: 0 },
      { undirected: 3, refused: 1 },
      { undirected: 0, refused: 0 },
      { undirected: 2, refused: 0 },
      { undirected: 0, refused: 0 },
    ]);
    for (const counts of [{ undirected: -1, refused: 0 }, { undirected: 1.5, refused: 0 }, { undirected: 1 }, { undirected: 0, refused: 0, other: 1 }]) {
      expect((await t.call('PUT', '/devices/current/health', { token: ana.token, body: { missing: [], matched: {}, extensionVersion: '0.2.0', counts } })).status).toBe(400);
    }
  });
});
