import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { StatusBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { requireAuth } from '../auth';
import { agents, workspaces } from '../db/schema';
import { recordHeartbeat, setAgentStatus } from '../presence';
import { agentView, workspaceView } from '../lib/views';
import { jsonBody } from '../lib/validate';

/** The signed-in person: who they are, their status, their heartbeat. */
export const meRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .use('/me', requireAuth(deps))
    .use('/me/*', requireAuth(deps))
    .get('/me', (c) => {
      const auth = c.get('auth');
      const agent = deps.db.select().from(agents).where(eq(agents.id, auth.agentId)).get()!;
      const workspace = deps.db.select().from(workspaces).where(eq(workspaces.id, auth.workspaceId)).get()!;
      return c.json({ agent: agentView(agent), workspace: workspaceView(workspace), deviceId: auth.deviceId });
    })
    .put('/me/status', jsonBody(StatusBody), (c) => {
      const auth = c.get('auth');
      setAgentStatus(deps, auth, auth.agentId, c.req.valid('json').status, false);
      const agent = deps.db.select().from(agents).where(eq(agents.id, auth.agentId)).get()!;
      return c.json(agentView(agent));
    })
    // For devices without a realtime connection; a connected device's messages count already.
    .post('/me/heartbeat', (c) => {
      recordHeartbeat(deps, c.get('auth'));
      return c.body(null, 204);
    });
