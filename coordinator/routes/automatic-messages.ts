import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { AutomaticResultBody } from '../../shared/api';
import type { AppEnv, Deps } from '../deps';
import { requireAuth } from '../auth';
import { leaseWaiting, reportResult } from '../automatic';
import { automaticMessages } from '../db/schema';
import { mutate } from '../events';
import { conflict, notFound } from '../lib/errors';
import { jsonBody } from '../lib/validate';

/**
 * POST /automatic-messages/:id/result: the device that holds the lease on an automatic message
 * says how it went (issue #8). 204; 409 `lease_lost` from any other device (its lease ran out and
 * another device may be sending it). A failure is leased again at once to another ready device,
 * or by the next housekeeping round (to this one too, if it is the only one).
 */
export const automaticMessageRoutes = (deps: Deps) =>
  new Hono<AppEnv>().post('/automatic-messages/:id/result', requireAuth(deps), jsonBody(AutomaticResultBody), (c) => {
    const auth = c.get('auth');
    const body = c.req.valid('json');
    const outcome = mutate(deps, auth, (tx, emit) => {
      const row = tx
        .select()
        .from(automaticMessages)
        .where(and(eq(automaticMessages.id, c.req.param('id')), eq(automaticMessages.workspaceId, auth.workspaceId)))
        .get();
      if (!row) throw notFound('Automatic message');
      const result = reportResult(deps.db, tx, emit, row, auth.deviceId, body, deps.now());
      if (result === 'lease_lost') {
        throw conflict('lease_lost', 'This device does not hold the lease on this automatic message (it ran out, or another device has it): do not send it', {
          status: row.status,
        });
      }
      return result;
    });
    // Another ready device gets it at once; this one only again from the clock, if nobody else can.
    if (outcome === 'applied' && body.outcome === 'failed') leaseWaiting(deps, auth.workspaceId, auth.deviceId);
    return c.body(null, 204);
  });
