import { describe, expect, it } from 'vitest';
import { runCli } from '../cli-commands';
import { testCoordinator } from './harness';

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
});
