import { and, eq, gt, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Auth, Deps } from './deps';
import type { Store } from './db/open';
import { agents, sessions } from './db/schema';
import { ApiError, forbidden } from './lib/errors';
import { sha256 } from './lib/crypto';

/** The signed-in agent behind a session token, or null (unknown, expired, or agent removed). */
export function authenticate(db: Store, token: string, now: number): Auth | null {
  if (!token.startsWith('bts_')) return null;
  const row = db
    .select({
      sessionId: sessions.id,
      agentId: sessions.agentId,
      workspaceId: sessions.workspaceId,
      deviceId: sessions.deviceId,
      role: agents.role,
    })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now), isNull(agents.removedAt)))
    .get();
  return row ?? null;
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
