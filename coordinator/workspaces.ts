// Creating a workspace and its owner: used by first-run setup and by the command line.
import { eq } from 'drizzle-orm';
import type { Db } from './db/open';
import { agents, workspaces } from './db/schema';
import { conflict } from './lib/errors';
import { hashPassword, newId } from './lib/crypto';

export interface NewWorkspace {
  workspace: string;
  name: string;
  email: string;
  password: string;
}

export async function createWorkspace(
  db: Db,
  now: number,
  input: NewWorkspace,
  options: { onlyIfFirst: boolean },
): Promise<{ workspaceId: string; ownerId: string }> {
  const passwordHash = await hashPassword(input.password);
  const workspaceId = newId();
  const ownerId = newId();
  db.transaction((tx) => {
    // Checked inside the transaction: two setup forms submitted at once make one workspace.
    if (options.onlyIfFirst && tx.select({ id: workspaces.id }).from(workspaces).limit(1).get()) {
      throw conflict('already_set_up', 'Baton is already set up: sign in instead');
    }
    if (tx.select({ id: agents.id }).from(agents).where(eq(agents.email, input.email)).get()) {
      throw conflict('email_taken', 'Someone already uses that email');
    }
    tx.insert(workspaces).values({ id: workspaceId, name: input.workspace, createdAt: now }).run();
    tx.insert(agents)
      .values({
        id: ownerId,
        workspaceId,
        name: input.name,
        email: input.email,
        passwordHash,
        role: 'owner',
        statusChangedAt: now,
        createdAt: now,
      })
      .run();
  });
  return { workspaceId, ownerId };
}
