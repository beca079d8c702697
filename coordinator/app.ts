import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { MAX_BODY_BYTES } from '../shared/domain/limits';
import type { AppEnv, Deps } from './deps';
import type { Db } from './db/open';
import { Hub } from './realtime/hub';
import { sqliteHubSource } from './realtime/source';
import { realtimeRoutes } from './realtime/route';
import { agentRoutes } from './routes/agents';
import { automaticMessageRoutes } from './routes/automatic-messages';
import { cannedResponseRoutes } from './routes/canned-responses';
import { conversationRoutes } from './routes/conversations';
import { deviceRoutes } from './routes/devices';
import { eventRoutes } from './routes/events';
import { reportRoutes } from './routes/reports';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { messageRoutes } from './routes/messages';
import { noteRoutes } from './routes/notes';
import { openApiRoutes } from './routes/openapi';
import { sessionRoutes } from './routes/sessions';
import { setupRoutes } from './routes/setup';
import { signalRoutes } from './routes/signals';
import { tagRoutes } from './routes/tags';
import { workspaceRoutes } from './routes/workspace';
import { webRoutes } from './web/routes';
import { ApiError } from './lib/errors';
import { idempotency } from './lib/idempotency';

/** The coordinator's dependencies, with its realtime hub reading from the same store. */
export function createDeps(db: Db, now: () => number = Date.now, publicUrl?: string): Deps {
  const deps = { db, now, publicUrl } as Deps;
  deps.hub = new Hub(sqliteHubSource(deps), { now });
  return deps;
}

// Facts that come with an error (the current assignee of a lost claim) sit beside it, not in it.
const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { code, message }, ...extra });

/** Builds the whole coordinator as a Hono app. No I/O of its own: tests call `app.request()`. */
export function createApp(deps: Deps) {
  const api = new Hono<AppEnv>()
    // The extension calls from its own origin. Auth is a bearer token, never a cookie, so any
    // origin may call: a page without a token gets nothing.
    .use(cors({ origin: '*', allowHeaders: ['authorization', 'content-type', 'idempotency-key'], exposeHeaders: ['idempotent-replayed'] }))
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new ApiError(413, 'body_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB`);
        },
      }),
    )
    .use(idempotency(deps))
    .route('/', healthRoutes(deps))
    .route('/', setupRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', meRoutes(deps))
    .route('/', workspaceRoutes(deps))
    .route('/', agentRoutes(deps))
    .route('/', deviceRoutes(deps))
    .route('/', conversationRoutes(deps))
    .route('/', noteRoutes(deps))
    .route('/', messageRoutes(deps))
    .route('/', signalRoutes(deps))
    .route('/', automaticMessageRoutes(deps))
    .route('/', eventRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', cannedResponseRoutes(deps))
    .route('/', tagRoutes(deps))
    .route('/', realtimeRoutes(deps))
    .route('/', openApiRoutes());

  const app = new Hono<AppEnv>()
    .use(
      secureHeaders({
        // The owner's page loads nothing but its own files and talks only to this origin.
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      }),
    )
    .route('/api/v1', api)
    .route('/', webRoutes());

  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404) : c.text('Not found', 404),
  );
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.extra), err.status);
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(errorBody(err.status === 400 ? 'invalid_request' : 'http_error', err.message || 'Bad request'), err.status);
    }
    // Never leak a stack trace; log it for whoever runs the server.
    console.error(`[baton] ${c.req.method} ${c.req.path} failed:`, err);
    return c.json(errorBody('internal', 'Something went wrong on the coordinator'), 500);
  });
  return app;
}
