import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol';
import { runCli, USAGE } from '../cli-commands';
import { housekeeping } from '../housekeeping';
import { listen, TestDevice, testCoordinator } from './harness';

describe('npm run workspace', () => {
  it('adds workspaces from the command line, each with its own owner, and lists them', async () => {
    const t = testCoordinator();
    const out: string[] = [];
    const run = (...argv: string[]) => runCli(argv, { db: t.db, now: t.now(), print: (l) => out.push(l), env: {} });
    expect(await run('list')).toBe(0);
    expect(out.pop()).toContain('No workspaces yet');
    await t.setup();
    t.advance(1000);
    expect(await run('add', '--name', 'Second number', '--owner', 'Sam', '--email', 'sam@two.test', '--password', 'sam-pass-123')).toBe(0);
    expect(out.pop()).toMatch(/^Created workspace "Second number"/);
    const signIn = await t.call('POST', '/sessions', { body: { email: 'sam@two.test', password: 'sam-pass-123' } });
    expect(signIn.status).toBe(201);
    expect(signIn.body.workspace.name).toBe('Second number');

    expect(await run('list')).toBe(0);
    expect(out.slice(-2).join('\n')).toMatch(/Padaria Central.*\n.*Second number +\(1 person, 0\/4 devices\)/);

    expect(await run('add', '--name', 'Third', '--owner', 'Sam', '--email', 'sam@two.test', '--password', 'sam-pass-123')).toBe(1);
    expect(out.pop()).toBe('Someone already uses that email');
    expect(await run('add', '--name', 'Third', '--owner', 'Sam', '--email', 'bad')).toBe(2);
    expect(out.pop()).toMatch(/email: .*\n[\s\S]*password/);
    expect(await run('bogus')).toBe(2);
    t.close();
  });

  it('resets a password: the new one signs in, the old one and its sessions stop working', async () => {
    const t = testCoordinator();
    const server = await listen(t);
    const owner = await t.setup();
    const ana = await t.addAgent(owner.token, 'Ana');
    const onSocket = (await TestDevice.connect(server.wsUrl, ana.token)).device;
    const out: string[] = [];
    const run = (env: NodeJS.ProcessEnv, ...argv: string[]) => runCli(argv, { db: t.db, now: t.now(), print: (l) => out.push(l), env });
    expect(USAGE).toContain('reset-password --email');

    expect(await run({}, 'reset-password', '--email', 'ANA@padaria.test', '--password', 'ana-new-secret')).toBe(0);
    expect(out.pop()).toBe('New password set for Ana (ana@padaria.test); 1 session signed out.');
    expect((await t.call('GET', '/me', { token: ana.token })).status).toBe(401);
    expect((await t.call('POST', '/sessions', { body: { email: ana.email, password: 'agent-pass-1' } })).status).toBe(401);
    const signIn = await t.call('POST', '/sessions', { body: { email: ana.email, password: 'ana-new-secret' } });
    expect(signIn.status).toBe(201);
    // The coordinator closes the old session's live connection at its next housekeeping round.
    expect(housekeeping(t.deps).socketsClosed).toBe(1);
    expect(await onSocket.closed()).toBe(CLOSE_CODES.unauthorized);
    // Someone else's sessions are untouched.
    expect((await t.call('GET', '/me', { token: owner.token })).status).toBe(200);

    // From the environment, to keep it out of the shell history.
    expect(await run({ BATON_NEW_PASSWORD: 'owner-new-secret' }, 'reset-password', '--email', 'owner@padaria.test')).toBe(0);
    expect((await t.call('GET', '/me', { token: owner.token })).status).toBe(401);
    expect((await t.call('POST', '/sessions', { body: { email: 'owner@padaria.test', password: 'owner-new-secret' } })).status).toBe(201);

    // Refusals change nothing.
    expect(await run({}, 'reset-password', '--email', 'nobody@padaria.test', '--password', 'long-enough-1')).toBe(1);
    expect(out.pop()).toBe('No one signs in with nobody@padaria.test: nothing was changed.');
    expect(await run({}, 'reset-password', '--email', ana.email, '--password', 'short')).toBe(1);
    expect(out.pop()).toBe('password: Password must be at least 8 characters\nNothing was changed.');
    expect(await run({}, 'reset-password', '--email', ana.email)).toBe(1);
    expect(out.pop()).toMatch(/^password: give --password or set BATON_NEW_PASSWORD/);
    expect(await run({}, 'reset-password', '--password', 'long-enough-1')).toBe(2);
    expect((await t.call('POST', '/sessions', { body: { email: ana.email, password: 'ana-new-secret' } })).status).toBe(201);
    await server.close();
    t.close();
  });
});
