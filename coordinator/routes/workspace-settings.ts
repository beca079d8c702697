// The owner's settings for routing, business hours, SLAs and automatic messages (issue #8).
// Each PUT replaces the whole setting, is pushed to every device (`workspace.updated`) and takes
// effect for what happens next: running SLA clocks keep the deadlines they started with, and a
// new schedule of hours is added from now on (the old one stays in force for the past).
import { and, eq, isNull } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { AutomaticSettingsBody, BusinessHoursBody, RoutingSettingsBody, SlaBody, withAutomaticDefaults, type RoutingSettings } from '../../shared/settings';
import type { AppEnv, Deps } from '../deps';
import { requireOwner } from '../auth';
import { agents, workspaceHours, workspaces } from '../db/schema';
import { mutate, type Emit } from '../events';
import type { Store } from '../db/open';
import { ApiError } from '../lib/errors';
import { newId } from '../lib/crypto';
import { workspaceView } from '../lib/views';
import { jsonBody } from '../lib/validate';
import { drainBacklog, openTheDay, RoutingScope } from '../routing';
import { hoursAt, settingsOf } from '../settings';

function saved(tx: Store, emit: Emit, workspaceId: string, set: Partial<typeof workspaces.$inferInsert>) {
  const row = tx.update(workspaces).set(set).where(eq(workspaces.id, workspaceId)).returning().get()!;
  emit({ type: 'workspace.updated', data: { workspace: workspaceView(row) } });
  return row;
}

/** Mounted by workspaceRoutes, whose middleware has signed the caller in. */
export const workspaceSettingsRoutes = (deps: Deps) => {
  const getAutomatic = (c: Context<AppEnv>) => c.json(settingsOf(deps.db, c.get('auth').workspaceId).automatic);
  const putAutomatic = (c: Context<AppEnv, string, { out: { json: AutomaticSettingsBody } }>) => {
    const auth = c.get('auth');
    const automatic = withAutomaticDefaults(c.req.valid('json'));
    mutate(deps, auth, (tx, emit) => saved(tx, emit, auth.workspaceId, { automatic }));
    return c.json(automatic);
  };
  return new Hono<AppEnv>()
    .use('/workspace/routing', requireOwner)
    .use('/workspace/hours', requireOwner)
    .use('/workspace/sla', requireOwner)
    .use('/workspace/automatic', requireOwner)
    .use('/workspace/automatic-messages', requireOwner)
    .get('/workspace/routing', (c) => c.json(settingsOf(deps.db, c.get('auth').workspaceId).routing))
    .put('/workspace/routing', jsonBody(RoutingSettingsBody), (c) => {
      const auth = c.get('auth');
      const body = c.req.valid('json');
      const routing = mutate(deps, auth, (tx, emit) => {
        for (const rule of body.rules) {
          if ('agentId' in rule.target) {
            const agent = tx
              .select({ id: agents.id })
              .from(agents)
              .where(and(eq(agents.id, rule.target.agentId), eq(agents.workspaceId, auth.workspaceId), isNull(agents.removedAt)))
              .get();
            if (!agent) throw new ApiError(422, 'unknown_agent', `Rule "${rule.name}": no such agent in this workspace`);
          }
        }
        const ids = body.rules.map((r) => r.id).filter(Boolean);
        if (new Set(ids).size !== ids.length) throw new ApiError(400, 'invalid_request', 'rules: two rules with the same id');
        const named: RoutingSettings = { ...body, rules: body.rules.map((r) => ({ ...r, id: r.id ?? newId() })) };
        saved(tx, emit, auth.workspaceId, { routing: named });
        // From manual to automatic: whatever waits in the queue now goes out.
        drainBacklog(new RoutingScope(deps.db, tx, emit, auth.workspaceId, deps.now()));
        return named;
      });
      return c.json(routing);
    })
    .get('/workspace/hours', (c) => c.json(hoursAt(deps.db, c.get('auth').workspaceId, deps.now())))
    .put('/workspace/hours', jsonBody(BusinessHoursBody), (c) => {
      const auth = c.get('auth');
      const hours = c.req.valid('json');
      mutate(deps, auth, (tx, emit) => {
        const now = deps.now();
        tx.insert(workspaceHours)
          .values({ workspaceId: auth.workspaceId, effectiveFrom: now, hours })
          .onConflictDoUpdate({ target: [workspaceHours.workspaceId, workspaceHours.effectiveFrom], set: { hours } })
          .run();
        emit({ type: 'workspace.hours_changed', data: { hours, effectiveFrom: new Date(now).toISOString() } });
        // Open now under the new hours: what waited for the day to start goes out.
        const scope = new RoutingScope(deps.db, tx, emit, auth.workspaceId, now);
        openTheDay(scope);
        drainBacklog(scope);
      });
      return c.json(hours);
    })
    .get('/workspace/sla', (c) => c.json(settingsOf(deps.db, c.get('auth').workspaceId).sla))
    .put('/workspace/sla', jsonBody(SlaBody), (c) => {
      const auth = c.get('auth');
      const sla = c.req.valid('json');
      mutate(deps, auth, (tx, emit) => {
        tx.update(workspaces).set({ sla }).where(eq(workspaces.id, auth.workspaceId)).run();
        emit({ type: 'workspace.sla_changed', data: { sla } });
      });
      return c.json(sla);
    })
    // Greeting and away message (issue #8): every device gets the texts in the workspace, so it can
    // tell Baton's own bubbles from a human reply. Intents already decided keep the text they had.
    // Also at /workspace/automatic-messages, the path issue #8 gives scripts.
    .get('/workspace/automatic', getAutomatic)
    .put('/workspace/automatic', jsonBody(AutomaticSettingsBody), putAutomatic)
    .get('/workspace/automatic-messages', getAutomatic)
    .put('/workspace/automatic-messages', jsonBody(AutomaticSettingsBody), putAutomatic);
};
