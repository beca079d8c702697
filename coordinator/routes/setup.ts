import { Hono } from 'hono';
import { SetupBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { startSession } from './sessions';
import { createWorkspace } from '../workspaces';
import { jsonBody } from '../lib/validate';

/** First run: creates the workspace and its owner, signed in. Refused once done. */
export const setupRoutes = (deps: Deps) =>
  new Hono<AppEnv>().post('/setup', jsonBody(SetupBody), async (c) => {
    const body = c.req.valid('json');
    const { ownerId } = await createWorkspace(deps.db, deps.now(), body, { onlyIfFirst: true });
    return c.json(startSession(deps, ownerId, null), 201);
  });
