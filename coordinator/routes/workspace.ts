import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { SelectorOverridesBody, WorkspacePatchBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { requireAuth, requireOwner } from '../auth';
import { workspaces } from '../db/schema';
import { mutate } from '../events';
import { workspaceView } from '../lib/views';
import { jsonBody } from '../lib/validate';
import { workspaceSettingsRoutes } from './workspace-settings';

export const workspaceRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .use('/workspace', requireAuth(deps))
    .use('/workspace/*', requireAuth(deps))
    .route('/', workspaceSettingsRoutes(deps))
    .get('/workspace', (c) => {
      const row = deps.db.select().from(workspaces).where(eq(workspaces.id, c.get('auth').workspaceId)).get()!;
      return c.json(workspaceView(row));
    })
    .patch('/workspace', requireOwner, jsonBody(WorkspacePatchBody), (c) => {
      const auth = c.get('auth');
      const changes = c.req.valid('json');
      const row = mutate(deps, auth, (tx, emit) => {
        const updated = tx.update(workspaces).set(changes).where(eq(workspaces.id, auth.workspaceId)).returning().get()!;
        emit({ type: 'workspace.updated', data: { workspace: workspaceView(updated) } });
        return updated;
      });
      return c.json(workspaceView(row));
    })
    // The hot-fix for a WhatsApp change: selectors tried first on every device, live.
    .put('/workspace/selector-overrides', requireOwner, jsonBody(SelectorOverridesBody), (c) => {
      const auth = c.get('auth');
      const { selectorOverrides } = c.req.valid('json');
      const row = mutate(deps, auth, (tx, emit) => {
        const updated = tx.update(workspaces).set({ selectorOverrides }).where(eq(workspaces.id, auth.workspaceId)).returning().get()!;
        emit({ type: 'workspace.updated', data: { workspace: workspaceView(updated) } });
        return updated;
      });
      return c.json(workspaceView(row));
    });
