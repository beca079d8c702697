// Idempotency-Key on mutations: the first response is stored, and a replay (a retry, an offline
// queue flushed twice) gets that response back and changes nothing.
import { createMiddleware } from 'hono/factory';
import type { Deps } from '../deps';
import { authenticate, bearerToken } from '../auth';
import { prepared } from '../db/prepared';
import { ApiError } from './errors';
import { sha256 } from './crypto';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const idempotency = (deps: Deps) => {
  // Two copies of one request arriving together: the second waits for the first's answer.
  const inFlight = new Map<string, Promise<void>>();

  return createMiddleware(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!key || !MUTATIONS.has(c.req.method)) return next();
    if (key.length > 200) throw new ApiError(400, 'invalid_request', 'Idempotency-Key: at most 200 characters');

    const token = bearerToken(c.req.header('authorization'));
    const owner = token ? (authenticate(deps.db, token, deps.now())?.workspaceId ?? 'anonymous') : 'anonymous';
    const scope = sha256(`${owner}\n${c.req.method} ${c.req.path}\n${key}`);
    const requestHash = sha256(await c.req.text());

    while (inFlight.has(scope)) await inFlight.get(scope);
    const stored = prepared(deps.db).idempotencyKey.get({ scope });
    if (stored) {
      if (stored.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request');
      }
      return new Response(stored.status === 204 ? null : stored.body, {
        status: stored.status,
        headers: stored.status === 204 ? { 'idempotent-replayed': 'true' } : { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
      });
    }

    let done!: () => void;
    inFlight.set(scope, new Promise<void>((resolve) => (done = resolve)));
    try {
      await next();
      // Only outcomes are kept (success, or a conflict such as a lost claim). A rejected body or
      // token never ran, so the client may fix it and retry with the same key.
      if (c.res.status < 400 || c.res.status === 409) {
        const body = c.res.status === 204 ? '' : await c.res.clone().text();
        prepared(deps.db).saveIdempotencyKey.run({ scope, requestHash, status: c.res.status, body, createdAt: deps.now() });
      }
    } finally {
      inFlight.delete(scope);
      done();
    }
  });
};
