// `npm run workspace -- <command>`: what whoever runs the server does from the command line.
// Kept apart from cli.ts (which opens the real database) so tests run it on an in-memory one.
import { count, eq, isNull, and } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { PasswordReset, SetupBody } from '../shared/api';
import type { Db } from './db/open';
import { agents, devices, sessions, workspaces } from './db/schema';
import { createWorkspace } from './workspaces';
import { ApiError } from './lib/errors';
import { hashPassword } from './lib/crypto';

export const USAGE = `Usage:
  npm run workspace -- list
  npm run workspace -- add --name "Shop" --owner "Owner Name" --email owner@shop.test --password '...'
      (or set BATON_OWNER_PASSWORD instead of --password, to keep it out of the shell history)
  npm run workspace -- reset-password --email owner@shop.test --password '...'
      (or set BATON_NEW_PASSWORD instead of --password); signs that person out everywhere`;

/** Runs one command; returns the exit code. */
export async function runCli(argv: string[], ctx: { db: Db; now: number; print: (line: string) => void; env: NodeJS.ProcessEnv }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'list') {
    const rows = ctx.db.select().from(workspaces).orderBy(workspaces.createdAt).all();
    if (rows.length === 0) ctx.print('No workspaces yet: open the owner\'s page for first-run setup, or use `add`.');
    for (const w of rows) {
      const people = ctx.db.select({ n: count() }).from(agents).where(and(eq(agents.workspaceId, w.id), isNull(agents.removedAt))).get()!.n;
      const linked = ctx.db.select({ n: count() }).from(devices).where(eq(devices.workspaceId, w.id)).get()!.n;
      ctx.print(`${w.id}  ${w.name}  (${people} ${people === 1 ? 'person' : 'people'}, ${linked}/${w.maxDevices} devices)`);
    }
    return 0;
  }
  if (command === 'add') {
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { name: { type: 'string' }, owner: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
      }));
    } catch (error) {
      ctx.print(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    const parsed = SetupBody.safeParse({
      workspace: values.name,
      name: values.owner,
      email: values.email,
      password: values.password ?? ctx.env.BATON_OWNER_PASSWORD,
    });
    if (!parsed.success) {
      ctx.print(`${parsed.error.issues.map((i) => `${i.path.join('.') === 'workspace' ? 'name' : i.path.join('.') === 'name' ? 'owner' : i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`);
      return 2;
    }
    try {
      const { workspaceId } = await createWorkspace(ctx.db, ctx.now, parsed.data, { onlyIfFirst: false });
      ctx.print(`Created workspace "${parsed.data.workspace}" (${workspaceId}); ${parsed.data.email} can sign in on the owner's page.`);
      return 0;
    } catch (error) {
      if (error instanceof ApiError) {
        ctx.print(error.message);
        return 1;
      }
      throw error;
    }
  }
  if (command === 'reset-password') {
    let values;
    try {
      ({ values } = parseArgs({ args: rest, options: { email: { type: 'string' }, password: { type: 'string' } } }));
    } catch (error) {
      ctx.print(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    if (!values.email) {
      ctx.print(`reset-password needs --email\n${USAGE}`);
      return 2;
    }
    const parsed = PasswordReset.safeParse({ email: values.email, password: values.password ?? ctx.env.BATON_NEW_PASSWORD });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) =>
        i.path[0] === 'password' && values.password === undefined && ctx.env.BATON_NEW_PASSWORD === undefined
          ? 'password: give --password or set BATON_NEW_PASSWORD'
          : `${i.path.join('.')}: ${i.message}`,
      );
      ctx.print(`${issues.join('\n')}\nNothing was changed.`);
      return 1;
    }
    const { email, password } = parsed.data;
    const agent = ctx.db.select().from(agents).where(and(eq(agents.email, email), isNull(agents.removedAt))).get();
    if (!agent) {
      ctx.print(`No one signs in with ${email}: nothing was changed.`);
      return 1;
    }
    const passwordHash = await hashPassword(password);
    // The old password's sessions end with it: signed out everywhere. A running coordinator closes
    // their live connections at its next housekeeping round (within seconds).
    const ended = ctx.db.transaction((tx) => {
      tx.update(agents).set({ passwordHash }).where(eq(agents.id, agent.id)).run();
      return tx.delete(sessions).where(eq(sessions.agentId, agent.id)).run().changes;
    });
    ctx.print(`New password set for ${agent.name} (${email}); ${ended === 1 ? '1 session' : `${ended} sessions`} signed out.`);
    return 0;
  }
  ctx.print(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}
