import { Hono } from 'hono';
import type { AppEnv, Deps } from '../deps';
import { workspaces } from '../db/schema';
import { PROTOCOL_VERSION } from '../../shared/protocol';

/** Liveness, plus whether first-run setup is still to do (the owner's page asks). */
export const healthRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get('/health', (c) => {
    const setUp = !!deps.db.select({ id: workspaces.id }).from(workspaces).limit(1).get();
    return c.json({ ok: true, setUp, protocol: PROTOCOL_VERSION });
  });
