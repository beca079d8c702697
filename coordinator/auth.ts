import { createMiddleware } from 'hono/factory';
import type { AppEnv, Auth, Deps } from './deps';
import type { Db } from './db/open';
import { prepared } from './db/prepared';
import { ApiError, forbidden } from './lib/errors';
import { sha256 } from './lib/crypto';

/** The signed-in agent behind a session token, or null (unknown, expired, or agent removed). */
export function authenticate(db: Db, token: string, now: number): Auth | null {
  if (!token.startsWith('bts_')) return null;
  return prepared(db).session.get({ tokenHash: sha256(token), now }) ?? null;
}

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** Rejects with 401 unless the request carries a live session token. */
export const requireAuth = (deps: Deps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const auth = token ? authenticate(deps.db, token, deps.now()) : null;
    if (!auth) throw new ApiError(401, 'unauthorized', 'Sign in first: send Authorization: Bearer <token>');
    c.set('auth', auth);
    await next();
  });

/** Rejects with 403 unless the signed-in person is the workspace's owner. */
export const requireOwner = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('auth').role !== 'owner') throw forbidden();
  await next();
});
